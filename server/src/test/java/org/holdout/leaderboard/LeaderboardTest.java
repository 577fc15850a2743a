package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.leaderboard.LeaderboardRow;
import org.holdout.leaderboard.SelectionRepository;
import org.holdout.submission.ScoreText;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.testing.Client;
import org.holdout.testing.ThreeStudents;
import org.holdout.testing.TinyCompetition;
import org.holdout.threshold.ThresholdRepository;
import org.holdout.web.App;
import org.junit.jupiter.api.Test;

class LeaderboardTest extends ThreeStudents {
    private double publicOf(HttpResponse<String> r) {
        var m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(m.find()).isTrue();
        Submission s = server.app.submissions().repository().byId(Long.parseLong(m.group(1))).orElseThrow();
        return s.publicAuc();
    }

    @Test
    void eachStudentsBestPublicScoreTiesToTheEarlierSubmissionAndBaselinesStandAmongThem() throws Exception {
        byte[] good = TinyCompetition.submission(12);
        byte[] weak = TinyCompetition.submission(11);
        double g = publicOf(ann.uploadApi("a1.csv", weak));
        server.clock.advance(Duration.ofMinutes(1));
        double best = publicOf(ann.uploadApi("a2.csv", good));
        server.clock.advance(Duration.ofMinutes(1));
        publicOf(ben.uploadApi("b1.csv", good));
        server.clock.advance(Duration.ofMinutes(1));
        publicOf(cid.uploadApi("c1.csv", weak));
        assertThat(best).isGreaterThan(g);

        HttpResponse<String> put = ta.api("PUT", "/api/staff/baselines/simple", ta.token,
                HttpRequest.BodyPublishers.ofString("{\"public\":0.5,\"private\":0.123456789}"), "application/json");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Client.Multipart mp = new Client.Multipart().file("file", "strong.csv", TinyCompetition.submission(99));
        HttpResponse<String> up = ta.api("POST", "/api/staff/baselines/strong", ta.token, mp.publisher(),
                mp.contentType());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);

        String json = ann.apiGet("/api/leaderboard").body();
        int annAt = json.indexOf("\"name\":\"ANN\"");
        int benAt = json.indexOf("\"name\":\"BEN\"");
        int cidAt = json.indexOf("\"name\":\"CID\"");
        assertThat(annAt).as("equal best scores: ann submitted first").isLessThan(benAt);
        assertThat(benAt).isLessThan(cidAt);
        assertThat(json).contains("\"rank\":1,\"name\":\"ANN\"", "\"rank\":2,\"name\":\"BEN\"",
                "\"rank\":3,\"name\":\"CID\"", "\"baseline\":\"simple\"", "\"baseline\":\"strong\"",
                "\"publicScoreText\":\"" + String.format(Locale.ROOT, "%.5f", best) + "\"", "\"entries\":2");
        assertThat(json).doesNotContain("0.123456789", "0.12346", "privateScore");

        String page = ann.get("/leaderboard").body();
        assertThat(page).contains(String.format(Locale.ROOT, "%.5f", best), "<span>simple</span> <span class=\"pill base\">threshold</span>", "0.50000",
                "class=\"baseline\"", "class=\"mine\"");
        assertThat(page).doesNotContain("0.12346");
    }

    @Test
    void studentsSeeDisplayNamesAndOnlyTheirOwnUsernameWhileStaffSeeAll() throws Exception {
        server.app.accounts().create("b0042", "Bea Lin", null, Role.STUDENT, "password-b0042");
        Client bea = new Client(server.url());
        bea.login("b0042", "password-b0042");
        bea.token = server.app.accounts().regenerateToken(
                server.app.accounts().repository().byUsername("b0042").orElseThrow().id());
        assertThat(bea.uploadApi("b.csv", TinyCompetition.submission(5)).statusCode()).isEqualTo(201);
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(6)).statusCode()).isEqualTo(201);

        String annSees = ann.apiGet("/api/leaderboard").body();
        assertThat(annSees).contains("\"name\":\"Bea Lin\",\"username\":null", "\"name\":\"ANN\",\"username\":\"ann\"")
                .doesNotContain("b0042");
        assertThat(ann.get("/leaderboard").body()).contains("Bea Lin").doesNotContain("b0042");
        assertThat(bea.apiGet("/api/leaderboard").body()).contains("\"username\":\"b0042\"")
                .doesNotContain("\"username\":\"ann\"");
        assertThat(ta.apiGet("/api/leaderboard").body()).contains("\"username\":\"b0042\"",
                "\"username\":\"ann\"");
    }

    @Test
    void aStudentsEqualLaterScoreKeepsTheEarlierSubmissionAsTheirBest() throws Exception {
        byte[] good = TinyCompetition.submission(12);
        publicOf(ann.uploadApi("a1.csv", good));
        server.clock.advance(Duration.ofMinutes(1));
        publicOf(ben.uploadApi("b1.csv", good));
        server.clock.advance(Duration.ofMinutes(1));
        publicOf(ann.uploadApi("a2.csv", good));

        String json = cid.apiGet("/api/leaderboard").body();
        assertThat(json.indexOf("\"name\":\"ANN\"")).as("ann's best is her first upload, before ben's")
                .isLessThan(json.indexOf("\"name\":\"BEN\""));
        assertThat(json).contains("\"rank\":1,\"name\":\"ANN\"", "\"entries\":2")
                .doesNotContain("\"name\":\"TA\"");
    }

    @Test
    void staffSetBaselinesByFormAndBadValuesAreFriendlyErrors() throws Exception {
        ta.get("/staff");
        HttpResponse<String> typed = ta.postForm("/staff/thresholds/medium", java.util.Map.of("public", "0.7",
                "private", "0.69"), true);
        assertThat(typed.statusCode()).isEqualTo(303);
        assertThat(ta.follow(typed).body()).contains("The threshold medium is saved", "0.70000", "0.69000");
        HttpResponse<String> bad = ta.api("PUT", "/api/staff/baselines/boss", ta.token,
                HttpRequest.BodyPublishers.ofString("{\"public\":7}"), "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from 0 to 1");
        assertThat(ta.api("PUT", "/api/staff/baselines/nope", ta.token,
                HttpRequest.BodyPublishers.ofString("{}"), "application/json").statusCode()).isEqualTo(404);
        assertThat(ta.api("PUT", "/api/staff/baselines/boss", ta.token,
                HttpRequest.BodyPublishers.ofString("not json"), "application/json").statusCode()).isEqualTo(400);
        Client.Multipart mp = new Client.Multipart().file("file", "bad.csv", TinyCompetition.missingId());
        HttpResponse<String> refused = ta.api("POST", "/api/staff/baselines/boss", ta.token, mp.publisher(),
                mp.contentType());
        assertThat(refused.statusCode()).isEqualTo(422);
    }

    @Test
    void privateScoresAppearOnlyAfterTheReveal() throws Exception {
        ann.uploadApi("a.csv", TinyCompetition.submission(3));
        assertThat(ann.apiGet("/api/leaderboard").body()).doesNotContain("privateScore");
        assertThat(ta.api("PUT", "/api/staff/deadline", ta.token,
                HttpRequest.BodyPublishers.ofString("{\"deadline\":\"2026-03-01T00:00:00Z\"}"), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(ta.api("POST", "/api/staff/reveal", ta.token, HttpRequest.BodyPublishers.noBody(), null)
                .statusCode()).isEqualTo(200);
        assertThat(ann.apiGet("/api/leaderboard").body()).contains("privateScore");
        assertThat(ann.get("/leaderboard").body()).contains("Private");
    }

    @Test
    void theBoardKeptUpUploadByUploadEqualsABoardBuiltAfreshFromTheDatabase() throws Exception {
        assertThat(ann.apiGet("/api/leaderboard").statusCode()).isEqualTo(200);
        Client[] who = {ann, ben, cid};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Client c = who[i % 3];
                byte[] file = TinyCompetition.submission(i + 1);
                done.add(pool.submit(() -> {
                    int status = c.uploadApi("f.csv", file).statusCode();
                    c.apiGet("/api/leaderboard");
                    return status;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }

        JsonNode served = new ObjectMapper().readTree(ta.apiGet("/api/leaderboard").body()).get("rows");
        List<LeaderboardRow> fresh = new Leaderboard(new SubmissionRepository(server.db),
                new AccountRepository(server.db), new ThresholdRepository(server.db), new SelectionRepository(server.db),
                new ExclusionRepository(server.db)).publicBoard(server.competition());
        assertThat(fresh).hasSize(3);
        assertThat(served).hasSize(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            LeaderboardRow r = fresh.get(i);
            JsonNode row = served.get(i);
            assertThat(row.get("username").asText()).isEqualTo(r.username());
            assertThat(row.get("rank").asInt()).isEqualTo(r.rank());
            assertThat(row.get("publicScore").asDouble()).isEqualTo(r.publicScore());
            assertThat(row.get("entries").asInt()).isEqualTo(r.entries()).isEqualTo(4);
            assertThat(row.get("lastSubmission").asText()).isEqualTo(r.lastSubmission().toString());
        }
    }

    @Test
    void theBoardsJsonIsItsRowsFieldByFieldWhetherARowWasWrittenBeforeOrNot() throws Exception {
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(12)).statusCode()).isEqualTo(201);
        assertThat(ben.uploadApi("b.csv", TinyCompetition.submission(7)).statusCode()).isEqualTo(201);
        String first = cid.apiGet("/api/leaderboard").body();
        assertThat(cid.uploadApi("c \"quoted\" \u00e9.csv", TinyCompetition.submission(9)).statusCode()).isEqualTo(201);
        String second = cid.apiGet("/api/leaderboard").body();
        for (String body : List.of(first, second, cid.apiGet("/api/leaderboard").body())) {
            java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("competition", server.competition().slug());
            expected.put("privateRevealed", false);
            List<Object> rows = new ArrayList<>();
            JsonNode served = new ObjectMapper().readTree(body).get("rows");
            for (JsonNode row : served) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("rank", row.get("rank").isNull() ? null : row.get("rank").asInt());
                m.put("name", row.get("name").isNull() ? null : row.get("name").asText());
                m.put("username", row.get("username").isNull() ? null : row.get("username").asText());
                m.put("baseline", row.get("baseline").isNull() ? null : row.get("baseline").asText());
                m.put("publicScore", row.get("publicScore").asDouble());
                m.put("publicScoreText", ScoreText.fiveDecimals(row.get("publicScore").asDouble()));
                m.put("entries", row.get("entries").asInt());
                m.put("lastSubmission", row.get("lastSubmission").isNull() ? null : row.get("lastSubmission").asText());
                rows.add(m);
            }
            expected.put("rows", rows);
            assertThat(body).isEqualTo(new ObjectMapper().writeValueAsString(expected));
        }
        assertThat(new ObjectMapper().readTree(second).get("rows")).hasSize(3);
        assertThat(new ObjectMapper().readTree(first).get("rows").get(0).get("name").asText()).isEqualTo("ANN");
    }

    @Test
    void aSecondServerProcessOnTheSameDatabaseShowsTheScoresTheFirstOneRecordedWithinASecond() throws Exception {
        try (App other = App.create(server.config, server.db, server.clock).start()) {
            Client viaOther = new Client(other.url());
            viaOther.token = ben.token;
            assertThat(viaOther.apiGet("/api/leaderboard").body()).doesNotContain("\"name\":\"ANN\"");
            assertThat(ann.uploadApi("a1.csv", TinyCompetition.submission(5)).statusCode()).isEqualTo(201);
            assertThat(boardWithin(viaOther, "\"entries\":1", Duration.ofSeconds(1))).contains("\"name\":\"ANN\"");
            server.clock.advance(Duration.ofMinutes(1));
            assertThat(ann.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            assertThat(ann.uploadApi("a2.csv", TinyCompetition.submission(12)).statusCode()).isEqualTo(201);
            assertThat(boardWithin(viaOther, "\"entries\":2", Duration.ofSeconds(1)))
                    .isEqualTo(ben.apiGet("/api/leaderboard").body());
        }
    }

    /** The board as soon as it contains the text, or the last board read when the time is up. */
    private static String boardWithin(Client client, String text, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        String body = client.apiGet("/api/leaderboard").body();
        while (!body.contains(text) && System.nanoTime() < end) {
            Thread.sleep(20);
            body = client.apiGet("/api/leaderboard").body();
        }
        return body;
    }
}
