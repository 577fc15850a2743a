package org.holdout.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import org.holdout.account.Role;

/**
 * One line of the routes table: method, path, who may call it, what answers, and whether it belongs to a
 * competition (then it also answers at its {@link CompetitionScope#slugged} path, for the competition named there).
 */
public record Route(HandlerType method, String path, Set<Role> roles, Handler handler, boolean ofCompetition) {

    /** The path and, for a competition's route, its twin with the slug. */
    public List<String> paths() {
        return ofCompetition ? List.of(path, CompetitionScope.slugged(path)) : List.of(path);
    }
}
