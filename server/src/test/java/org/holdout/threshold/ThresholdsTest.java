package org.holdout.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.submission.Submission;
import org.holdout.submission.UploadStore;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds as data: the staff API, the staff page's forms, the boards, and what students never see. */
class ThresholdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer server;
    Client ann;
    Client staff;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        ann = server.login("ann", Role.STUDENT);
        staff = server.login("ta", Role.STAFF);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return staff.api("PUT", path, staff.token, HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    private HttpResponse<String> upload(String path, byte[] csv) throws Exception {
        Client.Multipart mp = new Client.Multipart().file("file", "threshold.csv", csv);
        return staff.api("POST", path, staff.token, mp.publisher(), mp.contentType());
    }

    private JsonNode list(String path) throws Exception {
        HttpResponse<String> r = staff.apiGet(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> names(JsonNode thresholds) {
        List<String> out = new ArrayList<>();
        thresholds.forEach(t -> out.add(t.get("name").asText()));
        return out;
    }

    @Test
    void everyCompetitionStartsWithTheFourDefaultsAndTheCoursesPointsWithoutScores() throws Exception {
        server.addCompetition("second", "Second", 5);
        for (String path : List.of("/api/staff/thresholds", "/api/staff/c/tiny/thresholds",
                "/api/staff/c/second/thresholds")) {
            JsonNode all = list(path);
            assertThat(names(all)).as(path).containsExactly("simple", "medium", "strong", "boss");
            List<String> points = new ArrayList<>();
            all.forEach(t -> {
                assertThat(t.get("public").isNull()).isTrue();
                assertThat(t.get("private").isNull()).isTrue();
                assertThat(t.get("source").isNull()).isTrue();
                points.add(t.get("pointsPublic").asDouble() + "/" + t.get("pointsPrivate").asDouble());
            });
            assertThat(points).containsExactly("1.0/1.0", "1.0/1.0", "0.5/0.5", "0.5/0.5");
        }
        assertThat(staff.apiGet("/api/staff/baselines").body()).as("nothing set yet").isEqualTo("[]");
    }

    @Test
    void aPutSetsBothScoresAndPointsCreatesANewNameAndEveryChangeIsInTheHistoryAndTheAuditLog() throws Exception {
        HttpResponse<String> created = put("/api/staff/thresholds/pca-40",
                "{\"public\":0.984,\"private\":0.9812345678901,\"pointsPublic\":0.25,\"pointsPrivate\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode t = JSON.readTree(created.body());
        assertThat(t.get("name").asText()).isEqualTo("pca-40");
        assertThat(t.get("private").asDouble()).as("full precision").isEqualTo(0.9812345678901);
        assertThat(t.get("pointsPublic").asDouble()).isEqualTo(0.25);
        assertThat(t.get("source").asText()).isEqualTo("typed");

        HttpResponse<String> typed = put("/api/staff/c/tiny/thresholds/simple", "{\"public\":0.6,\"private\":null}");
        assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
        assertThat(JSON.readTree(typed.body()).get("pointsPublic").asDouble()).as("points kept").isEqualTo(1.0);
        assertThat(names(list("/api/staff/thresholds"))).containsExactly("simple", "medium", "strong", "boss",
                "pca-40");
        assertThat(put("/api/staff/thresholds/pca-40", "{\"public\":0.99,\"private\":0.98}").statusCode())
                .isEqualTo(200);

        JsonNode history = list("/api/staff/thresholds/pca-40/history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("action").asText()).isEqualTo("type");
        assertThat(history.get(0).get("public").asDouble()).isEqualTo(0.984);
        assertThat(history.get(1).get("public").asDouble()).isEqualTo(0.99);
        assertThat(history.get(1).get("pointsPrivate").asDouble()).isEqualTo(2.0);
        assertThat(history.get(1).get("actor").asText()).isEqualTo("ta");
        assertThat(list("/api/staff/thresholds/simple/history")).extracting(h -> h.get("action").asText())
                .containsExactly("create", "type");
        assertThat(staff.apiGet("/api/staff/thresholds/nothing-here/history").statusCode()).isEqualTo(404);
        String audit = staff.apiGet("/api/staff/audit").body();
        assertThat(audit).contains("\"action\":\"threshold\"", "pca-40 created: ", "0.9812345678901",
                "simple: public null private null, points 1/1 -> public 0.6 private null, points 1/1 (typed)");
    }

    @Test
    void aMistakeInAPutIsA400ThatNamesTheFieldAndChangesNothing() throws Exception {
        assertThat(put("/api/staff/thresholds/boss", "{\"public\":0.9,\"private\":0.88}").statusCode()).isEqualTo(200);
        Map<String, String[]> mistakes = Map.of(
                "{\"public\":7,\"private\":0.5}", new String[] {"\\\"public\\\" must be a number from 0 to 1"},
                "{\"public\":\"abc\",\"private\":0.5}", new String[] {"\\\"public\\\" must be a number"},
                "{\"public\":0.5,\"private\":-0.1}", new String[] {"\\\"private\\\" must be a number from 0 to 1"},
                "{\"public\":0.5}", new String[] {"\\\"private\\\" is missing"},
                "{\"public\":0.5,\"private\":0.5,\"pointsPublic\":-1}", new String[] {"\\\"pointsPublic\\\""},
                "{\"public\":0.5,\"private\":0.5,\"pointsPrivate\":\"x\"}", new String[] {"\\\"pointsPrivate\\\""},
                "{\"public\":0.5,\"private\":0.5,\"points\":1}", new String[] {"unknown field \\\"points\\\""},
                "[1,2]", new String[] {"Send JSON like"},
                "not json", new String[] {"Send JSON like"},
                "", new String[] {"Send JSON like"});
        for (Map.Entry<String, String[]> m : mistakes.entrySet()) {
            HttpResponse<String> r = put("/api/staff/thresholds/boss", m.getKey());
            assertThat(r.statusCode()).as(m.getKey() + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(m.getKey()).contains(m.getValue());
        }
        for (String name : List.of("Boss", "a_b", "x".repeat(33), "caf%C3%A9")) {
            HttpResponse<String> r = put("/api/staff/thresholds/" + name, "{\"public\":0.5,\"private\":0.5}");
            assertThat(r.statusCode()).as(name + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("must be 1 to 32 lowercase letters, digits or '-'");
        }
        JsonNode boss = list("/api/staff/thresholds").get(3);
        assertThat(boss.get("public").asDouble()).isEqualTo(0.9);
        assertThat(boss.get("private").asDouble()).isEqualTo(0.88);
        assertThat(names(list("/api/staff/thresholds"))).hasSize(4);
    }

    @Test
    void anUploadedFileIsScoredExactlyLikeAStudentsAndKeptInTheUploadStore() throws Exception {
        byte[] csv = TinyCompetition.submission(31);
        HttpResponse<String> student = ann.uploadApi("same.csv", csv);
        assertThat(student.statusCode()).isEqualTo(201);
        Submission s = server.app.submissions().repository().ofCompetition(server.competition().id()).get(0);

        HttpResponse<String> r = upload("/api/staff/thresholds/medium", csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.get("public").asDouble()).isEqualTo(s.publicAuc());
        assertThat(t.get("private").asDouble()).isEqualTo(s.privateAuc());
        assertThat(t.get("source").asText()).isEqualTo("uploaded");
        assertThat(t.get("sha256").asText()).isEqualTo(s.sha256());
        assertThat(new UploadStore(server.config.uploadDir()).path(s.sha256())).hasBinaryContent(csv);
        assertThat(t.get("pointsPublic").asDouble()).isEqualTo(1.0);

        HttpResponse<String> refusedForStudent = ann.uploadApi("bad.csv", TinyCompetition.missingId());
        HttpResponse<String> refused = upload("/api/staff/thresholds/medium", TinyCompetition.missingId());
        assertThat(refused.statusCode()).isEqualTo(422);
        String message = JSON.readTree(refusedForStudent.body()).path("error").asText();
        assertThat(message).isNotEmpty();
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo(message);
        assertThat(list("/api/staff/thresholds").get(1).get("public").asDouble()).as("unchanged")
                .isEqualTo(s.publicAuc());

        HttpResponse<String> created = upload("/api/staff/c/tiny/thresholds/from-file", csv);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).get("pointsPublic").asDouble()).isZero();
    }

    @Test
    void aRemovedThresholdLeavesTheBoardAndKeepsItsHistory() throws Exception {
        assertThat(put("/api/staff/thresholds/extra", "{\"public\":0.3,\"private\":0.2}").statusCode()).isEqualTo(200);
        assertThat(ann.apiGet("/api/leaderboard").body()).contains("\"baseline\":\"extra\"");
        HttpResponse<String> gone = staff.api("DELETE", "/api/staff/thresholds/extra", staff.token,
                HttpRequest.BodyPublishers.noBody(), null);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(204);
        assertThat(names(list("/api/staff/thresholds"))).doesNotContain("extra");
        assertThat(ann.apiGet("/api/leaderboard").body()).doesNotContain("extra");
        assertThat(list("/api/staff/thresholds/extra/history")).extracting(h -> h.get("action").asText())
                .containsExactly("type", "remove");
        HttpResponse<String> again = staff.api("DELETE", "/api/staff/thresholds/extra", staff.token,
                HttpRequest.BodyPublishers.noBody(), null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("There is no threshold \\\"extra\\\"");
        assertThat(staff.apiGet("/api/staff/audit").body()).contains("extra removed (was public 0.3 private 0.2");
    }

    @Test
    void theBoardShowsEveryThresholdWithAScoreByNameAmongTheStudents() throws Exception {
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(12)).statusCode()).isEqualTo(201);
        put("/api/staff/thresholds/simple", "{\"public\":0.01,\"private\":0.02}");
        put("/api/staff/thresholds/pca-40", "{\"public\":0.99999,\"private\":0.99}");
        put("/api/staff/thresholds/l2-mean", "{\"public\":0.02,\"private\":0.03}");
        JsonNode rows = JSON.readTree(ann.apiGet("/api/leaderboard").body()).get("rows");
        List<String> order = new ArrayList<>();
        rows.forEach(r -> order.add(r.get("baseline").isNull() ? r.get("name").asText() : r.get("baseline").asText()));
        assertThat(order).containsExactly("pca-40", "ANN", "l2-mean", "simple");
        assertThat(ann.get("/leaderboard").body()).contains("<span>pca-40</span> <span class=\"pill base\">threshold"
                + "</span>", "<span>l2-mean</span>", "0.99999");
    }

    @Test
    void aStudentNeverGetsAPrivateThresholdScoreBeforeTheReveal() throws Exception {
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(12)).statusCode()).isEqualTo(201);
        put("/api/staff/thresholds/simple", "{\"public\":0.51,\"private\":0.7373737}");
        put("/api/staff/thresholds/secret-bar", "{\"public\":0.52,\"private\":0.6161616}");
        List<String> secret = List.of("0.7373737", "0.73737", "0.6161616", "0.61616");
        List<String> paths = List.of("/leaderboard", "/api/leaderboard", "/c/tiny/leaderboard",
                "/api/c/tiny/leaderboard", "/submissions", "/api/submissions", "/", "/api/staff/thresholds",
                "/api/staff/baselines", "/api/staff/thresholds/simple/history", "/staff",
                "/api/staff/c/tiny/thresholds", "/api/staff/thresholds/nope/history", "/api/leaderboard/nope");
        for (String path : paths) {
            HttpResponse<String> page = ann.get(path);
            HttpResponse<String> api = ann.apiGet(path);
            for (HttpResponse<String> r : List.of(page, api)) {
                assertThat(r.statusCode()).as(path).isNotEqualTo(500);
                assertThat(r.body()).as(path).doesNotContain(secret);
            }
        }
        assertThat(ann.apiGet("/api/staff/thresholds").statusCode()).isEqualTo(403);
        assertThat(ann.api("PUT", "/api/staff/thresholds/simple", ann.token,
                HttpRequest.BodyPublishers.ofString("{\"public\":0.5,\"private\":0.5}"), "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(staff.apiGet("/api/staff/thresholds").body()).contains("0.7373737", "0.6161616");

        assertThat(put("/api/staff/deadline", "{\"deadline\":\"2026-03-01T00:00:00Z\"}").statusCode()).isEqualTo(200);
        assertThat(staff.api("POST", "/api/staff/reveal", staff.token, HttpRequest.BodyPublishers.noBody(), null)
                .statusCode()).isEqualTo(200);
        assertThat(ann.apiGet("/api/leaderboard").body()).contains("0.7373737", "0.6161616");
        assertThat(ann.get("/leaderboard").body()).contains("0.73737", "0.61616");
    }

    @Test
    void staffSeeEveryThresholdOnTheirPageAndAddSetAndRemoveThemByForm() throws Exception {
        staff.get("/staff");
        HttpResponse<String> added = staff.postForm("/staff/thresholds", Map.of("name", "pca-40", "public", "0.97",
                "private", "0.96", "pointsPublic", "0.25", "pointsPrivate", ""), true);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        String page = staff.follow(added).body();
        assertThat(page).contains("The threshold pca-40 is saved.", "id=\"threshold-pca-40\"", "0.97000",
                "0.96000", "0.25 / 0", "typed", "History", "ta · type: public 0.97000, private 0.96000");
        assertThat(page).contains("id=\"threshold-simple\"", "1 / 1", "id=\"threshold-boss\"", "0.5 / 0.5",
                "not set", "holdout · create");

        HttpResponse<String> twice = staff.postForm("/staff/thresholds", Map.of("name", "pca-40", "public", "0.1"),
                true);
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("there is a threshold &quot;pca-40&quot; already");
        HttpResponse<String> badName = staff.postForm("/staff/thresholds", Map.of("name", "PCA 40"), true);
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(badName.body()).contains("must be 1 to 32 lowercase letters");

        HttpResponse<String> points = staff.postForm("/staff/thresholds/pca-40", Map.of("pointsPrivate", "3"), true);
        assertThat(points.statusCode()).isEqualTo(303);
        JsonNode pca = list("/api/staff/thresholds").get(4);
        assertThat(pca.get("public").asDouble()).as("blank fields keep what it has").isEqualTo(0.97);
        assertThat(pca.get("pointsPublic").asDouble()).isEqualTo(0.25);
        assertThat(pca.get("pointsPrivate").asDouble()).isEqualTo(3.0);
        HttpResponse<String> oneScore = staff.postForm("/staff/thresholds/pca-40", Map.of("private", "0.5"), true);
        assertThat(oneScore.statusCode()).isEqualTo(303);
        assertThat(list("/api/staff/thresholds").get(4).get("public").asDouble()).isEqualTo(0.97);
        assertThat(list("/api/staff/thresholds").get(4).get("private").asDouble()).isEqualTo(0.5);

        HttpResponse<String> removed = staff.postForm("/staff/thresholds/simple/remove", Map.of(), true);
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(staff.follow(removed).body()).contains("The threshold simple is removed")
                .doesNotContain("id=\"threshold-simple\"");
        assertThat(staff.postForm("/staff/thresholds/simple/remove", Map.of(), true).statusCode()).isEqualTo(404);
        assertThat(ann.postForm("/staff/thresholds/boss/remove", Map.of(), true).statusCode()).isEqualTo(403);
        assertThat(staff.get("/staff?done=threshold-Call%20555%20to%20reset").body()).as("a notice names thresholds only")
                .doesNotContain("The threshold Call", "555");
    }

    @Test
    void concurrentChangesFollowOneAnotherWithoutAFailure() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = i % 2 == 0 ? "same" : "new-" + i;
                String json = "{\"public\":0." + (10 + i) + ",\"private\":0.5}";
                answers.add(pool.submit(() -> put("/api/staff/thresholds/" + name, json)));
            }
            for (var a : answers) {
                assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        JsonNode all = list("/api/staff/thresholds");
        assertThat(names(all)).hasSize(4 + 1 + 8).doesNotHaveDuplicates();
        assertThat(list("/api/staff/thresholds/same/history")).hasSize(8);
        assertThat(staff.apiGet("/api/staff/audit").body().split("\"action\":\"threshold\"")).hasSize(16 + 1);
    }

    @Test
    void theBaselineRoutesScriptsUseStillAnswerAsBeforeOnTheSameThresholds() throws Exception {
        assertThat(put("/api/staff/baselines/strong", "{\"public\":0.8,\"private\":0.79}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> up = upload("/api/staff/baselines/simple", TinyCompetition.submission(4));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.body()).startsWith("{\"tier\":\"simple\",\"public\":").contains("\"source\":\"upload\"");
        JsonNode baselines = list("/api/staff/baselines");
        assertThat(baselines).extracting(b -> b.get("tier").asText()).containsExactly("simple", "strong");
        assertThat(list("/api/staff/thresholds").get(2).get("public").asDouble()).isEqualTo(0.8);
        assertThat(put("/api/staff/baselines/nope", "{}").statusCode()).isEqualTo(404);
        put("/api/staff/thresholds/pca-40", "{\"public\":0.9,\"private\":0.9}");
        assertThat(put("/api/staff/baselines/pca-40", "{\"public\":0.91,\"private\":0.9}").statusCode())
                .isEqualTo(200);
    }
}
