package org.holdout.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.holdout.account.Role.ANYONE;
import static org.holdout.account.Role.STAFF;
import static org.holdout.account.Role.STUDENT;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import org.holdout.account.AccountHandlers;
import org.holdout.account.Role;
import org.holdout.competition.CompetitionHandlers;
import org.holdout.competition.StaffHandlers;
import org.holdout.leaderboard.LeaderboardHandlers;
import org.holdout.submission.SubmissionHandlers;

/** Every route of the server and who may call it: the one table {@link Access} checks against. */
public final class Routes {
    private Routes() {
    }

    public static List<Route> all(AccountHandlers account, CompetitionHandlers competition,
                                  SubmissionHandlers submission, LeaderboardHandlers leaderboard, StaffHandlers staff) {
        return List.of(
                r(GET, "/login", account::loginPage, ANYONE),
                r(POST, "/login", account::login, ANYONE),
                r(POST, "/logout", account::logout, ANYONE),
                r(GET, "/static/{file}", StaticFiles::serve, ANYONE),
                r(GET, "/", competition::overview, STUDENT, STAFF),
                r(GET, "/data", competition::data, STUDENT, STAFF),
                r(GET, "/data/preview/{set}", competition::preview, STUDENT, STAFF),
                r(GET, "/data/{file}", competition::download, STUDENT, STAFF),
                r(GET, "/submit", submission::submitPage, STUDENT),
                r(POST, "/submit", submission::submitForm, STUDENT),
                r(GET, "/submissions", submission::mySubmissions, STUDENT),
                r(GET, "/submissions/chart.png", submission::myChart, STUDENT),
                r(GET, "/leaderboard", leaderboard::page, STUDENT, STAFF),
                r(GET, "/account", account::accountPage, STUDENT, STAFF),
                r(POST, "/account/token", account::regenerateToken, STUDENT, STAFF),
                r(POST, "/account/password", account::changePassword, STUDENT, STAFF),
                r(GET, "/staff", staff::page, STAFF),
                r(POST, "/staff/baselines/{tier}", staff::baselineForm, STAFF),
                r(GET, "/staff/baselines/{tier}/curve.png", staff::curve, STAFF),
                r(POST, "/staff/training", staff::trainForm, STAFF),
                r(POST, "/staff/reveal", staff::revealForm, STAFF),
                r(POST, "/staff/deadline", staff::deadlineForm, STAFF),

                r(POST, "/api/submissions", submission::apiSubmit, STUDENT),
                r(GET, "/api/submissions", submission::apiList, STUDENT),
                r(GET, "/api/submissions/{id}", submission::apiOne, STUDENT),
                r(GET, "/api/leaderboard", leaderboard::api, STUDENT, STAFF),
                r(GET, "/api/staff/baselines", staff::baselinesApi, STAFF),
                r(POST, "/api/staff/baselines/{tier}", staff::baselineUpload, STAFF),
                r(PUT, "/api/staff/baselines/{tier}", staff::baselineType, STAFF),
                r(PUT, "/api/staff/deadline", staff::deadlineApi, STAFF),
                r(POST, "/api/staff/reveal", staff::revealApi, STAFF));
    }

    private static Route r(HandlerType method, String path, Handler handler, Role... roles) {
        return new Route(method, path, Set.of(roles), handler);
    }
}
