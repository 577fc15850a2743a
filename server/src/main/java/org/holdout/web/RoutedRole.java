package org.holdout.web;

import io.javalin.security.RouteRole;
import org.holdout.account.Role;

/** A {@link Role} as Javalin's route role, so the account package needs nothing of Javalin. */
record RoutedRole(Role role) implements RouteRole {
}
