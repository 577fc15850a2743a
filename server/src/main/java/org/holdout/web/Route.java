package org.holdout.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Set;
import org.holdout.account.Role;

/** One line of the routes table: method, path, who may call it, what answers. */
public record Route(HandlerType method, String path, Set<Role> roles, Handler handler) {
}
