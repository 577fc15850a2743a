package org.holdout.web;

import static io.javalin.http.HandlerType.DELETE;
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
import org.holdout.account.Role;

/**
 * Every route of the server and who may call it: the one table {@link Access} checks against. A competition's
 * routes answer at their path for the default competition and at {@code /c/{slug}/…} for any one.
 */
public final class Routes {
    private Routes() {
    }

    public static List<Route> all(AccountHandlers account, CompetitionHandlers competition,
                                  SubmissionHandlers submission, LeaderboardHandlers leaderboard, StaffHandlers staff,
                                  ThresholdHandlers thresholds, AuditHandlers audit,
                                  CompetitionCreationHandlers creation, SettingsHandlers settings,
                                  ExclusionHandlers exclusions, GradeHandlers grades,
                                  RescoreHandlers rescore, CodeHandlers code, WatchHandlers watch) {
        return List.of(
                r(GET, "/login", account::loginPage, ANYONE),
                r(POST, "/login", account::login, ANYONE),
                r(POST, "/logout", account::logout, ANYONE),
                r(GET, "/static/{file}", StaticFiles::serve, ANYONE),
                r(GET, "/language/{tag}", LanguageSwitch::switchTo, ANYONE),
                r(GET, "/account", account::accountPage, STUDENT, STAFF),
                r(POST, "/account/token", account::regenerateToken, STUDENT, STAFF),
                r(POST, "/account/password", account::changePassword, STUDENT, STAFF),
                r(GET, "/staff/competitions/new", creation::page, STAFF),
                r(POST, "/staff/competitions/new", creation::createForm, STAFF),
                r(GET, "/staff/competitions/jobs/{id}", creation::jobPage, STAFF),
                r(PUT, "/api/staff/staging/{name}", creation::stage, STAFF),
                r(POST, "/api/staff/competitions", creation::createApi, STAFF),
                r(GET, "/api/staff/competitions/jobs/{id}", creation::jobApi, STAFF),

                c(GET, "/", competition::home, STUDENT, STAFF),
                c(GET, "/data", competition::data, STUDENT, STAFF),
                c(GET, "/data/preview/{set}", competition::preview, STUDENT, STAFF),
                c(GET, "/data/{file}", competition::download, STUDENT, STAFF),
                c(GET, "/submit", submission::submitPage, STUDENT),
                c(POST, "/submit", submission::submitForm, STUDENT),
                c(GET, "/submissions", submission::mySubmissions, STUDENT),
                c(GET, "/submissions/chart.png", submission::myChart, STUDENT),
                c(GET, "/submissions/{id}/histogram.png", submission::myHistogram, STUDENT),
                c(POST, "/submissions/selection", submission::selectForm, STUDENT),
                c(GET, "/leaderboard", leaderboard::page, STUDENT, STAFF),
                c(GET, "/staff", staff::page, STAFF),
                c(POST, "/staff/thresholds", thresholds::addForm, STAFF),
                c(POST, "/staff/thresholds/{name}", thresholds::setForm, STAFF),
                c(POST, "/staff/thresholds/{name}/remove", thresholds::removeForm, STAFF),
                c(GET, "/staff/baselines/{tier}/curve.png", thresholds::curve, STAFF),
                c(POST, "/staff/training", thresholds::trainForm, STAFF),
                c(POST, "/staff/reveal", staff::revealForm, STAFF),
                c(POST, "/staff/deadline", staff::deadlineForm, STAFF),
                c(GET, "/staff/audit", audit::page, STAFF),
                c(GET, "/staff/settings", settings::page, STAFF),
                c(POST, "/staff/settings", settings::form, STAFF),
                c(GET, "/staff/exclusions", exclusions::page, STAFF),
                c(POST, "/staff/exclusions", exclusions::excludeForm, STAFF),
                c(POST, "/staff/exclusions/{id}/lift", exclusions::liftForm, STAFF),
                c(GET, "/staff/grades", grades::page, STAFF),
                c(GET, "/staff/rescore", rescore::page, STAFF),
                c(POST, "/staff/rescore", rescore::uploadForm, STAFF),
                c(POST, "/staff/rescore/{id}/apply", rescore::applyForm, STAFF),
                c(POST, "/staff/rescore/{id}/cancel", rescore::cancelForm, STAFF),
                c(GET, "/code", code::page, STUDENT),
                c(POST, "/code", code::form, STUDENT),
                c(GET, "/code/latest.zip", code::myZip, STUDENT),
                c(GET, "/staff/code", code::staffPage, STAFF),
                c(GET, "/staff/submissions", watch::page, STAFF),
                c(GET, "/staff/submissions/uploads.png", watch::uploadsChart, STAFF),
                c(GET, "/staff/submissions/best.png", watch::bestChart, STAFF),

                c(POST, "/api/submissions", submission::apiSubmit, STUDENT),
                c(GET, "/api/submissions", submission::apiList, STUDENT),
                c(GET, "/api/submissions/{id}", submission::apiOne, STUDENT),
                c(GET, "/api/leaderboard", leaderboard::api, STUDENT, STAFF),
                c(GET, "/api/selection", submission::selectionApi, STUDENT),
                c(PUT, "/api/selection", submission::selectionPut, STUDENT),
                c(GET, "/api/staff/thresholds", thresholds::list, STAFF),
                c(GET, "/api/staff/thresholds/{name}/history", thresholds::history, STAFF),
                c(PUT, "/api/staff/thresholds/{name}", thresholds::put, STAFF),
                c(POST, "/api/staff/thresholds/{name}", thresholds::upload, STAFF),
                c(DELETE, "/api/staff/thresholds/{name}", thresholds::delete, STAFF),
                c(GET, "/api/staff/baselines", thresholds::baselinesApi, STAFF),
                c(GET, "/api/staff/floors", staff::floorsApi, STAFF),
                c(GET, "/api/staff/audit", audit::api, STAFF),
                c(GET, "/api/staff/settings", settings::api, STAFF),
                c(PUT, "/api/staff/settings", settings::apiPut, STAFF),
                c(GET, "/api/staff/exclusions", exclusions::api, STAFF),
                c(POST, "/api/staff/exclusions", exclusions::apiExclude, STAFF),
                c(DELETE, "/api/staff/exclusions/{id}", exclusions::apiLift, STAFF),
                c(POST, "/api/staff/exclusions/{id}/lift", exclusions::apiLift, STAFF),
                c(GET, "/api/staff/grades.csv", grades::csv, STAFF),
                c(GET, "/api/staff/grades.json", grades::json, STAFF),
                c(GET, "/api/staff/grades-canvas.csv", grades::canvas, STAFF),
                c(POST, "/api/code", code::apiUpload, STUDENT),
                c(GET, "/api/code", code::apiMine, STUDENT),
                c(GET, "/api/staff/code", code::staffApi, STAFF),
                c(GET, "/api/staff/code.zip", code::staffAll, STAFF),
                c(GET, "/api/staff/code/{username}", code::staffOne, STAFF),
                c(GET, "/api/staff/submissions", watch::api, STAFF),
                c(POST, "/api/staff/baselines/{tier}", thresholds::baselineUpload, STAFF),
                c(PUT, "/api/staff/baselines/{tier}", thresholds::baselineType, STAFF),
                c(PUT, "/api/staff/deadline", staff::deadlineApi, STAFF),
                c(PUT, "/api/staff/rescore/solution", rescore::putApi, STAFF),
                c(GET, "/api/staff/rescore/{id}", rescore::getApi, STAFF),
                c(POST, "/api/staff/rescore/{id}/apply", rescore::applyApi, STAFF),
                c(DELETE, "/api/staff/rescore/{id}", rescore::cancelApi, STAFF),
                c(POST, "/api/staff/reveal", staff::revealApi, STAFF));
    }

    private static Route r(HandlerType method, String path, Handler handler, Role... roles) {
        return new Route(method, path, Set.of(roles), handler, false);
    }

    /** A competition's route: the default competition's at {@code path}, any one's at its slugged twin. */
    private static Route c(HandlerType method, String path, Handler handler, Role... roles) {
        return new Route(method, path, Set.of(roles), handler, true);
    }
}
