package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A competition restricted to its roster: who may enter, what the others see (nothing), and how staff change it. */
class RosterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> PAGES = List.of("", "/data", "/data/sample_submission.csv", "/submit",
            "/submissions", "/leaderboard");
    private static final List<String> API = List.of("/submissions", "/leaderboard");

    @Test
    void aStudentOffTheRosterFindsNothingThereAndTheLandingPageDoesNotListIt(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.addCompetition("secret", "Secret homework", 3);
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            Client bob = server.login("bob", Role.STUDENT);
            HttpResponse<String> r = SettingsTest.put(ta, "/api/staff/c/secret/settings",
                    "{\"restricted\":true,\"rosterAdd\":[\"ann\"],\"reason\":\"section A only\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("roster").get(0).asText()).isEqualTo("ann");

            for (String p : PAGES) {
                assertThat(ann.get("/c/secret" + p).statusCode()).as("ann " + p).isEqualTo(200);
                HttpResponse<String> off = bob.get("/c/secret" + p);
                assertThat(off.statusCode()).as("bob " + p).isEqualTo(404);
                assertThat(off.body()).as("bob " + p).doesNotContain("Secret homework");
            }
            for (String p : API) {
                assertThat(ann.apiGet("/api/c/secret" + p).statusCode()).as("ann " + p).isEqualTo(200);
                HttpResponse<String> off = bob.apiGet("/api/c/secret" + p);
                assertThat(off.statusCode()).as("bob " + p).isEqualTo(404);
                assertThat(off.body()).isEqualTo(bob.apiGet("/api/c/nothing-here" + p).body().replace("nothing-here",
                        "secret"));
            }
            assertThat(bob.uploadApiTo("/api/c/secret/submissions", "b.csv", TinyCompetition.submission(1))
                    .statusCode()).isEqualTo(404);
            assertThat(ann.uploadApiTo("/api/c/secret/submissions", "a.csv", TinyCompetition.submission(1))
                    .statusCode()).isEqualTo(201);

            assertThat(ann.get("/").body()).contains("Secret homework", "Tiny test competition");
            assertThat(bob.get("/").body()).contains("Tiny test competition").doesNotContain("Secret homework",
                    "/c/secret");
            assertThat(ta.get("/").body()).contains("Secret homework");
            assertThat(ta.get("/c/secret/staff").statusCode()).isEqualTo(200);

            JsonNode log = JSON.readTree(ta.apiGet("/api/staff/c/secret/audit").body());
            Map<String, String> byAction = new LinkedHashMap<>();
            log.forEach(e -> byAction.put(e.path("action").asText(), e.path("detail").asText() + " / "
                    + e.path("reason").asText()));
            assertThat(byAction).containsEntry("restrict", "restricted to its roster / section A only")
                    .containsEntry("roster", "roster + ann / section A only");

            SettingsTest.put(ta, "/api/staff/c/secret/settings", "{\"restricted\":false}");
            assertThat(bob.get("/c/secret/data").statusCode()).as("open again").isEqualTo(200);
            assertThat(JSON.readTree(ta.apiGet("/api/staff/c/secret/audit").body()).get(0).path("action").asText())
                    .isEqualTo("open");
        }
    }

    @Test
    void theRoutesWithoutASlugObeyTheDefaultCompetitionsRoster(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Client bob = server.login("bob", Role.STUDENT);
            assertThat(SettingsTest.put(ta, "/api/staff/settings", "{\"restricted\":true}").statusCode())
                    .isEqualTo(200);
            for (String p : PAGES) {
                HttpResponse<String> off = bob.get(p.isEmpty() ? "/" : p);
                assertThat(off.statusCode()).as(p).isEqualTo(404);
                assertThat(off.body()).as(p).doesNotContain("Tiny test competition");
                assertThat(bob.get("/c/tiny" + p).statusCode()).as(p).isEqualTo(404);
            }
            for (String p : API) {
                assertThat(bob.apiGet("/api" + p).statusCode()).as(p).isEqualTo(404);
            }
            assertThat(bob.uploadApi("b.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(404);
            assertThat(ta.get("/data").statusCode()).isEqualTo(200);

            server.addCompetition("second", "Second homework", 3);
            HttpResponse<String> landing = bob.get("/");
            assertThat(landing.statusCode()).as("the landing page, with several competitions").isEqualTo(200);
            assertThat(landing.body()).contains("Second homework").doesNotContain("Tiny test competition");
        }
    }

    @Test
    void theSettingsPageAddsAndRemovesUsernamesAndNamesTheUnknownOnes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            server.login("ann", Role.STUDENT);
            server.login("bob", Role.STUDENT);
            ta.get("/staff/settings");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("title", "Tiny test competition");
            form.put("rulesMarkdown", "");
            form.put("timeZone", "Asia/Taipei");
            form.put("dailyLimit", "5");
            form.put("deadline", "");
            form.put("finalSelections", "2");
            form.put("restricted", "on");
            form.put("rosterAdd", "ann, BOB\nzed  yan");
            form.put("reason", "");
            HttpResponse<String> refused = ta.postForm("/staff/settings", form, true);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"problem-rosterAdd\"",
                    "no account is called &quot;zed&quot;, &quot;yan&quot;", "ann, BOB");
            assertThat(server.competition().restricted()).as("nothing saved").isFalse();

            form.put("rosterAdd", "ann, BOB");
            HttpResponse<String> ok = ta.postForm("/staff/settings", form, true);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
            String page = ta.follow(ok).body();
            assertThat(page).contains("Saved: 2 change(s)", "value=\"ann\"", "value=\"bob\"");
            assertThat(server.competition().restricted()).isTrue();

            form.put("rosterAdd", "");
            form.put("rosterRemove", "bob");
            assertThat(ta.postForm("/staff/settings", form, true).statusCode()).isEqualTo(303);
            assertThat(JSON.readTree(ta.apiGet("/api/staff/settings").body()).path("roster").toString())
                    .isEqualTo("[\"ann\"]");
            assertThat(JSON.readTree(ta.apiGet("/api/staff/audit").body()).get(0).path("detail").asText())
                    .isEqualTo("roster - bob");
        }
    }
}
