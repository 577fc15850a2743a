package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several competitions on one server: /c/{slug}/…, /api/c/{slug}/…, /api/staff/c/{slug}/…, the landing page. */
class CompetitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("(?:href|src|srcset|action)=\"(/[^\"#]*)\"");

    private static HttpResponse<String> staff(Client ta, String method, String path, String json) throws Exception {
        return ta.api(method, path, ta.token, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json), json == null ? null : "application/json");
    }

    private static long id(HttpResponse<String> upload) throws Exception {
        return JSON.readTree(upload.body()).path("submission").path("id").asLong();
    }

    @Test
    void twoCompetitionsSideBySideHaveTheirOwnUploadsLimitsBoardsAndReveals(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "2"))) {
            server.addCompetition("second", "Second homework", 3);
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);

            HttpResponse<String> a1 = ann.uploadApi("a1.csv", TinyCompetition.submission(1));
            assertThat(a1.statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("a2.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            HttpResponse<String> over = ann.uploadApi("a3.csv", TinyCompetition.submission(3));
            assertThat(over.statusCode()).as("the default competition's limit is 2").isEqualTo(429);

            HttpResponse<String> b1 = ann.uploadApiTo("/api/c/second/submissions", "b1.csv",
                    TinyCompetition.submission(11));
            assertThat(b1.statusCode()).as(b1.body()).isEqualTo(201);
            JsonNode b1Json = JSON.readTree(b1.body());
            assertThat(b1Json.path("dailyLimit").asInt()).isEqualTo(3);
            assertThat(b1Json.path("submissionsLeftToday").asInt()).isEqualTo(2);

            String mineA = ann.apiGet("/api/submissions").body();
            String mineB = ann.apiGet("/api/c/second/submissions").body();
            assertThat(mineA).contains("a1.csv", "a2.csv").doesNotContain("b1.csv");
            assertThat(mineB).contains("b1.csv").doesNotContain("a1.csv", "a2.csv", "a3.csv");
            assertThat(JSON.readTree(mineB).path("submissions")).hasSize(1);
            assertThat(JSON.readTree(mineA).path("submissionsLeftToday").asInt()).isZero();

            long fromA = id(a1);
            long fromB = id(b1);
            assertThat(ann.apiGet("/api/c/second/submissions/" + fromA).statusCode()).isEqualTo(404);
            assertThat(ann.apiGet("/api/submissions/" + fromB).statusCode()).isEqualTo(404);
            assertThat(ann.apiGet("/api/c/tiny/submissions/" + fromB).statusCode()).isEqualTo(404);
            assertThat(ann.apiGet("/api/c/second/submissions/" + fromB).statusCode()).isEqualTo(200);
            assertThat(ann.get("/c/second/submit?submission=" + fromA).statusCode()).isEqualTo(404);
            assertThat(ann.get("/submit?submission=" + fromB).statusCode()).isEqualTo(404);

            JsonNode boardA = JSON.readTree(ann.apiGet("/api/leaderboard").body());
            JsonNode boardB = JSON.readTree(ann.apiGet("/api/c/second/leaderboard").body());
            assertThat(boardA.path("competition").asText()).isEqualTo("tiny");
            assertThat(boardB.path("competition").asText()).isEqualTo("second");
            assertThat(boardA.path("rows").get(0).path("entries").asInt()).isEqualTo(2);
            assertThat(boardB.path("rows").get(0).path("entries").asInt()).isEqualTo(1);
            assertThat(ann.apiGet("/api/c/tiny/leaderboard").body()).isEqualTo(ann.apiGet("/api/leaderboard").body());

            assertThat(staff(ta, "PUT", "/api/staff/c/second/deadline", "{\"deadline\":\"2026-02-01T00:00:00Z\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(server.competition().deadline()).as("the default competition keeps no deadline").isNull();
            HttpResponse<String> refusedA = staff(ta, "POST", "/api/staff/reveal", null);
            assertThat(refusedA.statusCode()).as("the default competition has no deadline").isEqualTo(409);
            HttpResponse<String> revealB = staff(ta, "POST", "/api/staff/c/second/reveal", null);
            assertThat(revealB.statusCode()).isEqualTo(200);
            assertThat(revealB.body()).isEqualTo("{\"privateRevealed\":true}");

            assertThat(ann.apiGet("/api/c/second/leaderboard").body()).contains("\"privateRevealed\":true",
                    "\"privateScore\"");
            assertThat(ann.apiGet("/api/leaderboard").body()).contains("\"privateRevealed\":false")
                    .doesNotContain("privateScore");
            assertThat(ann.apiGet("/api/submissions").body()).doesNotContain("privateScore\":0");
            assertThat(ann.uploadApiTo("/api/c/second/submissions", "late.csv", TinyCompetition.submission(12))
                    .statusCode()).as("the second competition is closed").isEqualTo(403);
            assertThat(ann.apiGet("/api/c/second/submissions").body()).contains("late.csv");
            assertThat(ann.apiGet("/api/submissions").body()).doesNotContain("late.csv");
        }
    }

    @Test
    void theRoutesWithTheSlugAnswerTheSameJsonAsTheRoutesWithout(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);
            HttpResponse<String> old = ann.uploadApi("one.csv", TinyCompetition.submission(1));
            HttpResponse<String> slugged = ann.uploadApiTo("/api/c/tiny/submissions", "two.csv",
                    TinyCompetition.submission(2));
            assertThat(slugged.statusCode()).isEqualTo(old.statusCode()).isEqualTo(201);
            List<String> oldFields = new ArrayList<>();
            JSON.readTree(old.body()).fieldNames().forEachRemaining(oldFields::add);
            List<String> sluggedFields = new ArrayList<>();
            JSON.readTree(slugged.body()).fieldNames().forEachRemaining(sluggedFields::add);
            assertThat(sluggedFields).isEqualTo(oldFields);
            assertThat(JSON.readTree(slugged.body()).path("submissionsLeftToday").asInt())
                    .isEqualTo(JSON.readTree(old.body()).path("submissionsLeftToday").asInt() - 1);

            for (String path : new String[] {"/submissions", "/submissions/" + id(old), "/leaderboard"}) {
                HttpResponse<String> a = ann.apiGet("/api" + path);
                HttpResponse<String> b = ann.apiGet("/api/c/tiny" + path);
                assertThat(b.statusCode()).as(path).isEqualTo(a.statusCode()).isEqualTo(200);
                assertThat(b.body()).as(path).isEqualTo(a.body());
            }
            assertThat(staff(ta, "GET", "/api/staff/c/tiny/baselines", null).body())
                    .isEqualTo(staff(ta, "GET", "/api/staff/baselines", null).body());
            HttpResponse<String> typed = staff(ta, "PUT", "/api/staff/c/tiny/baselines/simple",
                    "{\"public\":0.6,\"private\":0.61}");
            assertThat(typed.statusCode()).isEqualTo(200);
            assertThat(typed.body()).contains("\"tier\":\"simple\"", "\"public\":0.6");
            assertThat(staff(ta, "GET", "/api/staff/c/tiny/baselines", null).body())
                    .isEqualTo(staff(ta, "GET", "/api/staff/baselines", null).body()).contains("0.61");

            HttpResponse<String> early = staff(ta, "POST", "/api/staff/reveal", null);
            HttpResponse<String> earlySlugged = staff(ta, "POST", "/api/staff/c/tiny/reveal", null);
            assertThat(earlySlugged.statusCode()).isEqualTo(early.statusCode()).isEqualTo(409);
            assertThat(earlySlugged.body()).isEqualTo(early.body());
            String deadline = "{\"deadline\":\"2026-02-01T08:00\"}";
            HttpResponse<String> setOld = staff(ta, "PUT", "/api/staff/deadline", deadline);
            HttpResponse<String> setSlugged = staff(ta, "PUT", "/api/staff/c/tiny/deadline", deadline);
            assertThat(setSlugged.statusCode()).isEqualTo(setOld.statusCode()).isEqualTo(200);
            assertThat(setSlugged.body()).isEqualTo(setOld.body()).isEqualTo("{\"deadline\":\"2026-02-01T00:00:00Z\"}");
            assertThat(staff(ta, "POST", "/api/staff/c/tiny/reveal", null).body())
                    .isEqualTo("{\"privateRevealed\":true}");
            assertThat(server.competition().privateRevealed()).isTrue();
            assertThat(ann.apiGet("/api/c/tiny/leaderboard").body()).isEqualTo(ann.apiGet("/api/leaderboard").body())
                    .contains("privateScore");
        }
    }

    @Test
    void anUnknownSlugIsA404NamingIt(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);
            for (String page : new String[] {"/c/nope", "/c/nope/data", "/c/nope/submit", "/c/nope/leaderboard",
                "/c/nope/data/train.npy"}) {
                HttpResponse<String> r = ann.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(404);
                assertThat(r.body()).as(page).contains("There is no competition &quot;nope&quot;.");
            }
            HttpResponse<String> api = ann.apiGet("/api/c/nope/leaderboard");
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.body()).isEqualTo("{\"error\":\"There is no competition \\\"nope\\\".\",\"status\":404}");
            assertThat(ann.uploadApiTo("/api/c/nope/submissions", "x.csv", TinyCompetition.submission(1))
                    .statusCode()).isEqualTo(404);
            assertThat(staff(ta, "PUT", "/api/staff/c/nope/deadline", "{\"deadline\":null}").statusCode())
                    .isEqualTo(404);
            assertThat(ta.get("/c/nope/staff").statusCode()).isEqualTo(404);
            assertThat(server.app.submissions().repository().ofCompetition(server.competition().id())).isEmpty();
        }
    }

    @Test
    void theLandingPageListsEveryCompetitionOnceThereAreSeveral(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.get("/").body()).as("with one competition / is its overview")
                    .contains("Daily limit", "id=\"facts\"").doesNotContain("id=\"competitions\"");

            server.addCompetition("second", "Second homework", 3);
            Client ta = server.login("ta", Role.STAFF);
            staff(ta, "PUT", "/api/staff/c/second/deadline", "{\"deadline\":\"2026-02-01T00:00:00Z\"}");
            HttpResponse<String> landing = ann.get("/");
            assertThat(landing.statusCode()).isEqualTo(200);
            assertThat(landing.body()).contains("id=\"competitions\"", "href=\"/c/tiny\"", "Tiny test competition",
                    "href=\"/c/second\"", "Second homework", "closed", "open").doesNotContain("id=\"facts\"");
            staff(ta, "POST", "/api/staff/c/second/reveal", null);
            assertThat(ann.get("/").body()).contains("revealed");
            for (String slug : new String[] {"tiny", "second"}) {
                HttpResponse<String> overview = ann.get("/c/" + slug);
                assertThat(overview.statusCode()).isEqualTo(200);
                assertThat(overview.body()).contains("id=\"facts\"");
            }
            assertThat(ann.get("/c/second").body()).contains("Second homework", "3 scored uploads");
            assertThat(ann.get("/data").statusCode()).as("the routes without a slug still serve the default one")
                    .isEqualTo(200);
        }
    }

    @Test
    void theLinksFormsAndRedirectsOfACompetitionsPagesStayInThatCompetition(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.addCompetition("second", "Second homework", 3);
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ann.uploadApiTo("/api/c/second/submissions", "b.csv", TinyCompetition.submission(1))
                    .statusCode()).isEqualTo(201);

            HttpResponse<String> form = ann.uploadFormTo("/c/second", "form.csv", TinyCompetition.submission(2));
            assertThat(form.statusCode()).isEqualTo(303);
            String location = form.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/c/second/submit?submission=");
            HttpResponse<String> result = ann.get(location);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.body()).contains("form.csv", "id=\"public-score\"");
            assertThat(ann.apiGet("/api/c/second/submissions").body()).contains("form.csv");
            assertThat(ann.apiGet("/api/submissions").body()).doesNotContain("form.csv");

            for (String page : new String[] {"/c/second", "/c/second/data", "/c/second/submit", "/c/second/submissions",
                "/c/second/leaderboard", location}) {
                assertLinksStayIn(ann, page, "/c/second");
            }
            for (String page : new String[] {"/c/second/staff", "/c/second/leaderboard"}) {
                assertLinksStayIn(ta, page, "/c/second");
            }
            HttpResponse<String> deadline = ta.postForm("/c/second/staff/deadline",
                    Map.of("deadline", "2026-06-01T23:59"), true);
            assertThat(deadline.statusCode()).isEqualTo(303);
            assertThat(deadline.headers().firstValue("Location")).hasValue("/c/second/staff?done=deadline");
            assertThat(server.competition("second").deadline()).isNotNull();
            assertThat(server.competition().deadline()).isNull();
            assertThat(ann.getBytes("/c/second/data/train.npy").statusCode()).isEqualTo(200);
            assertThat(ann.getBytes("/c/second/data/preview/test.png").statusCode()).isEqualTo(200);
            assertThat(ann.getBytes("/c/second/submissions/chart.png").statusCode()).isEqualTo(200);
            assertThat(ann.get("/c/second/data/solution.csv").statusCode()).isEqualTo(404);
        }
    }

    /** Every link, image and form of {@code page} leads into {@code base}, or to a page outside any competition. */
    private static void assertLinksStayIn(Client c, String page, String base) throws Exception {
        HttpResponse<String> r = c.get(page);
        assertThat(r.statusCode()).as(page).isEqualTo(200);
        Matcher m = LINK.matcher(r.body());
        int inside = 0;
        while (m.find()) {
            String link = m.group(1).split(" ")[0];
            if (link.equals("/") || link.startsWith("/static/") || link.equals("/account") || link.equals("/logout")
                    || link.equals("/staff/competitions/new") || link.startsWith("/language/")) {
                continue;
            }
            assertThat(link).as("a link on " + page).satisfiesAnyOf(l -> assertThat(l).isEqualTo(base),
                    l -> assertThat(l).startsWith(base + "/"));
            inside++;
        }
        assertThat(inside).as("links into the competition on " + page).isPositive();
    }
}
