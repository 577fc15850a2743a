package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.exclusion.ExclusionService;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.testing.Client;
import org.holdout.testing.ThreeStudents;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;

/**
 * The end of a competition through real HTTP: the late policy, final selections, exclusions and the private board,
 * checked against what the test computes itself from the stored scores.
 */
class FinalStandingsTest extends ThreeStudents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpResponse<String> staffJson(String method, String path, String body) throws Exception {
        return ta.api(method, path, ta.token, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), body == null ? null : "application/json");
    }

    private static HttpResponse<String> studentJson(Client c, String method, String path, String body)
            throws Exception {
        return c.api(method, path, c.token, HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    private Submission upload(Client c, long seed) throws Exception {
        HttpResponse<String> r = c.uploadApi("s" + seed + ".csv", TinyCompetition.submission(seed));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        server.clock.advance(Duration.ofMinutes(1));
        return stored(JSON.readTree(r.body()).get("submission").get("id").asLong());
    }

    private Submission stored(long id) {
        return server.app.submissions().repository().byId(id).orElseThrow();
    }

    private void deadline(String at) throws Exception {
        HttpResponse<String> r = staffJson("PUT", "/api/staff/deadline", "{\"deadline\":\"" + at + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The rows of a board answer that are students, as name -> row. */
    private static Map<String, JsonNode> students(JsonNode board) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (JsonNode row : board.get("rows")) {
            if (row.get("rank").isNumber()) {
                out.put(row.get("name").asText(), row);
            }
        }
        return out;
    }

    @Test
    void lateUploadsAreRefusedOrScoredAndKeptOffTheBoardsAsTheSettingSays() throws Exception {
        deadline("2026-03-01T05:00:00Z");
        Submission onTime = upload(ann, 12);
        server.clock.advance(Duration.ofHours(2));
        HttpResponse<String> refused = ann.uploadApi("late.csv", TinyCompetition.submission(5));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).contains("closed");

        HttpResponse<String> bad = staffJson("PUT", "/api/staff/settings", "{\"latePolicy\":\"sometimes\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("problems").get("latePolicy").asText()).contains("late policy", "sometimes",
                "refuse", "accept_late");
        HttpResponse<String> set = staffJson("PUT", "/api/staff/settings",
                "{\"latePolicy\":\"accept_late\",\"reason\":\"the cluster was down\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(staffJson("GET", "/api/staff/settings", null)).get("latePolicy").asText())
                .isEqualTo("accept_late");
        assertThat(staffJson("GET", "/api/staff/audit", null).body())
                .contains("late_policy refuse -> accept_late", "the cluster was down");

        assertThat(ann.get("/submit").body()).contains("marked late");
        HttpResponse<String> late = ann.uploadApi("late.csv", TinyCompetition.submission(99));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
        JsonNode answer = json(late);
        assertThat(answer.get("late").asBoolean()).isTrue();
        assertThat(answer.get("submission").get("late").asBoolean()).isTrue();
        long lateId = answer.get("submission").get("id").asLong();
        assertThat(stored(lateId).late()).isTrue();
        assertThat(stored(lateId).publicAuc()).isNotNull();
        assertThat(stored(onTime.id()).late()).isFalse();

        JsonNode mine = json(ann.apiGet("/api/submissions")).get("submissions");
        assertThat(mine).hasSize(3);
        for (JsonNode s : mine) {
            assertThat(s.get("late").asBoolean()).as(s.toString()).isEqualTo(s.get("id").asLong() == lateId);
        }
        String page = ann.get("/submissions").body();
        assertThat(page).contains("pill late", "Received after the deadline");

        JsonNode row = students(json(ann.apiGet("/api/leaderboard"))).get("ANN");
        assertThat(row.get("publicScore").asDouble()).isEqualTo(onTime.publicAuc());
        assertThat(row.get("entries").asInt()).isEqualTo(2);

        assertThat(ta.get("/staff/settings").body()).containsPattern("value=\"accept_late\"[^>]*checked");
        HttpResponse<String> viaForm = ann.follow(ann.uploadForm("form.csv", TinyCompetition.submission(8)));
        assertThat(viaForm.body()).contains("id=\"result-late\"", "counts on no leaderboard");

        HttpResponse<String> back = staffJson("PUT", "/api/staff/settings", "{\"latePolicy\":\"refuse\"}");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(ann.uploadApi("again.csv", TinyCompetition.submission(7)).statusCode()).isEqualTo(403);
    }

    @Test
    void aStudentMarksUpToKAndAnythingElseIsRefusedNamingTheProblem() throws Exception {
        deadline("2026-03-01T05:00:00Z");
        Submission a1 = upload(ann, 1);
        Submission a2 = upload(ann, 2);
        Submission a3 = upload(ann, 3);
        Submission b1 = upload(ben, 4);
        Submission b2 = upload(ben, 5);

        HttpResponse<String> tooMany = studentJson(ann, "PUT", "/api/selection",
                "{\"submissions\":[" + a1.id() + "," + a2.id() + "," + a3.id() + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("error").asText()).contains("at most 2", "sent 3");
        HttpResponse<String> twice = studentJson(ann, "PUT", "/api/selection",
                "{\"submissions\":[" + a1.id() + "," + a1.id() + "]}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).get("error").asText()).contains("Submission " + a1.id(), "twice");
        HttpResponse<String> others = studentJson(ann, "PUT", "/api/selection",
                "{\"submissions\":[" + b1.id() + "]}");
        assertThat(others.statusCode()).isEqualTo(400);
        assertThat(json(others).get("error").asText()).contains("Submission " + b1.id(), "not one of your submissions");
        HttpResponse<String> text = studentJson(ann, "PUT", "/api/selection", "{\"submissions\":[\"x\"]}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("error").asText()).contains("submissions\"[0]");
        assertThat(studentJson(ann, "PUT", "/api/selection", "[1]").statusCode()).isEqualTo(400);
        assertThat(json(ann.apiGet("/api/selection")).get("submissions")).isEmpty();

        HttpResponse<String> ok = studentJson(ann, "PUT", "/api/c/tiny/selection",
                "{\"submissions\":[" + a3.id() + "]}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode sel = json(ann.apiGet("/api/selection"));
        assertThat(sel.get("submissions").toString()).isEqualTo("[" + a3.id() + "]");
        assertThat(sel.get("marked").asBoolean()).isTrue();
        assertThat(sel.get("counting").toString()).isEqualTo("[" + a3.id() + "]");
        assertThat(sel.get("k").asInt()).isEqualTo(2);
        assertThat(sel.get("why").asText()).isEqualTo("You marked 1: it counts for the private leaderboard.");
        assertThat(sel.toString()).doesNotContain("private\":", "privateScore");

        JsonNode benSel = json(ben.apiGet("/api/selection"));
        assertThat(benSel.get("marked").asBoolean()).isFalse();
        List<Submission> benBest = new ArrayList<>(List.of(b1, b2));
        benBest.sort(publicOrder());
        assertThat(benSel.get("counting").toString()).isEqualTo("[" + benBest.get(0).id() + ","
                + benBest.get(1).id() + "]");
        assertThat(benSel.get("why").asText()).isEqualTo("None marked: your 2 best public ones count.");

        String page = ann.get("/submissions").body();
        assertThat(page).contains("You marked 1: it counts", "id=\"selection-form\"");
        assertThat(page).containsPattern("value=\"" + a3.id() + "\"[^>]*checked")
                .doesNotContainPattern("value=\"" + a2.id() + "\"[^>]*checked");
        HttpResponse<String> form = ann.postForm("/submissions/selection", Map.of("submission",
                String.valueOf(a2.id())), true);
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(ann.follow(form).body()).contains("Saved your final selection", "You marked 1");
        assertThat(json(ann.apiGet("/api/selection")).get("submissions").toString()).isEqualTo("[" + a2.id() + "]");
        HttpResponse<String> badForm = ann.postForm("/submissions/selection", Map.of("submission",
                String.valueOf(b2.id())), true);
        assertThat(badForm.statusCode()).isEqualTo(400);
        assertThat(badForm.body()).contains("Nothing was saved", "Submission " + b2.id());

        HttpResponse<String> none = studentJson(ann, "PUT", "/api/selection", "{\"submissions\":[]}");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none).get("marked").asBoolean()).isFalse();
        assertThat(json(none).get("why").asText()).isEqualTo("None marked: your 2 best public ones count.");

        server.clock.advance(Duration.ofHours(1));
        HttpResponse<String> after = studentJson(ann, "PUT", "/api/selection", "{\"submissions\":[" + a1.id() + "]}");
        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(json(after).get("error").asText()).contains("deadline passed");
        assertThat(ann.get("/submissions").body()).contains("can no longer change").doesNotContain("save-selection");
    }

    private static Comparator<Submission> publicOrder() {
        return Comparator.<Submission>comparingDouble(s -> -s.publicAuc()).thenComparing(Submission::received)
                .thenComparingLong(Submission::id);
    }

    private static Comparator<Submission> privateOrder() {
        return Comparator.<Submission>comparingDouble(s -> -s.privateAuc()).thenComparing(Submission::received)
                .thenComparingLong(Submission::id);
    }

    @Test
    void thePrivateBoardRanksTheBestPrivateScoreOfTheFinalSelectionWithTheShiftFromThePublicRank() throws Exception {
        deadline("2026-03-01T05:00:00Z");
        Map<String, List<Submission>> ups = new HashMap<>();
        long seed = 100;
        for (Client c : List.of(ann, ben, cid)) {
            String name = c == ann ? "ANN" : c == ben ? "BEN" : "CID";
            for (int i = 0; i < 3; i++) {
                ups.computeIfAbsent(name, n -> new ArrayList<>()).add(upload(c, seed++));
            }
        }
        // Ann marks her worst public submission; Ben marks nothing; Cid marks two.
        Submission annMark = ups.get("ANN").stream().max(publicOrder()).orElseThrow();
        List<Submission> cidMarks = ups.get("CID").subList(0, 2);
        assertThat(studentJson(ann, "PUT", "/api/selection", "{\"submissions\":[" + annMark.id() + "]}")
                .statusCode()).isEqualTo(200);
        assertThat(studentJson(cid, "PUT", "/api/selection", "{\"submissions\":[" + cidMarks.get(0).id() + ","
                + cidMarks.get(1).id() + "]}").statusCode()).isEqualTo(200);
        Map<String, List<Submission>> finals = Map.of("ANN", List.of(annMark),
                "BEN", ups.get("BEN").stream().sorted(publicOrder()).limit(2).toList(), "CID", cidMarks);

        HttpResponse<String> early = ann.apiGet("/api/leaderboard?board=private");
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(json(early).get("error").asText()).contains("not revealed");
        assertThat(early.body()).doesNotContain("rows");
        assertThat(ann.get("/leaderboard?board=private").statusCode()).isEqualTo(403);
        assertThat(ann.get("/leaderboard").body()).doesNotContain("board=private");
        assertThat(ann.apiGet("/api/leaderboard?board=secret").statusCode()).isEqualTo(400);

        HttpResponse<String> threshold = staffJson("PUT", "/api/staff/thresholds/simple",
                "{\"public\":0.5,\"private\":0.6}");
        assertThat(threshold.statusCode()).as(threshold.body()).isEqualTo(200);
        JsonNode staffEarly = json(staffJson("GET", "/api/c/tiny/leaderboard?board=private", null));
        assertThat(staffEarly.get("board").asText()).isEqualTo("private");
        assertThat(staffEarly.get("studentsCanSee").asBoolean()).isFalse();
        assertThat(staffEarly.get("note").asText()).isEqualTo("students cannot see this yet");
        assertThat(ta.get("/leaderboard?board=private").body()).contains("Students cannot see this yet",
                "id=\"private-leaderboard\"");
        assertThat(ta.get("/leaderboard").body()).contains("board=private");

        List<String> publicOrderOfNames = new ArrayList<>(List.of("ANN", "BEN", "CID"));
        Map<String, Submission> bestPublic = new HashMap<>();
        Map<String, Submission> bestPrivate = new HashMap<>();
        for (String n : publicOrderOfNames) {
            bestPublic.put(n, ups.get(n).stream().min(publicOrder()).orElseThrow());
            bestPrivate.put(n, finals.get(n).stream().min(privateOrder()).orElseThrow());
        }
        List<String> byPublic = new ArrayList<>(publicOrderOfNames);
        byPublic.sort(Comparator.comparing(bestPublic::get, publicOrder()));
        List<String> byPrivate = new ArrayList<>(publicOrderOfNames);
        byPrivate.sort(Comparator.comparing(bestPrivate::get, privateOrder()));

        server.clock.advance(Duration.ofHours(1));
        assertThat(staffJson("POST", "/api/staff/reveal", null).statusCode()).isEqualTo(200);
        HttpResponse<String> board = ben.apiGet("/api/c/tiny/leaderboard?board=private");
        assertThat(board.statusCode()).as(board.body()).isEqualTo(200);
        JsonNode b = json(board);
        assertThat(b.get("studentsCanSee").asBoolean()).isTrue();
        Map<String, JsonNode> rows = students(b);
        assertThat(rows.keySet()).containsExactlyElementsOf(byPrivate);
        for (String n : byPrivate) {
            JsonNode row = rows.get(n);
            int privateRank = byPrivate.indexOf(n) + 1;
            int publicRank = byPublic.indexOf(n) + 1;
            assertThat(row.get("rank").asInt()).as(n).isEqualTo(privateRank);
            assertThat(row.get("privateScore").asDouble()).as(n).isEqualTo(bestPrivate.get(n).privateAuc());
            assertThat(row.get("public_rank").asInt()).as(n).isEqualTo(publicRank);
            assertThat(row.get("shift").asInt()).as(n).isEqualTo(publicRank - privateRank);
        }
        int at = 0;
        for (JsonNode row : b.get("rows")) {
            if (row.get("threshold").asText().equals("simple")) {
                break;
            }
            at++;
        }
        long above = byPrivate.stream().filter(n -> bestPrivate.get(n).privateAuc() >= 0.6).count();
        assertThat(at).as("the threshold stands below every student at or above 0.6").isEqualTo((int) above);
        assertThat(b.get("rows").get(at).get("privateScore").asDouble()).isEqualTo(0.6);

        Map<String, JsonNode> publicRows = students(json(ann.apiGet("/api/leaderboard")));
        assertThat(publicRows.keySet()).containsExactlyElementsOf(byPublic);
        for (String n : byPublic) {
            assertThat(publicRows.get(n).get("privateScore").asDouble())
                    .as("the public board's private column is the private board's score of " + n)
                    .isEqualTo(bestPrivate.get(n).privateAuc());
        }
        String page = ann.get("/leaderboard?board=private").body();
        assertThat(page).contains("id=\"private-leaderboard\"", String.format(Locale.ROOT, "%.5f",
                bestPrivate.get(byPrivate.get(0)).privateAuc())).doesNotContain("Students cannot see this yet");
    }

    @Test
    void staffExcludeASubmissionAndAStudentWithAReasonAndLiftThemAgain() throws Exception {
        Submission a1 = upload(ann, 12);
        Submission a2 = upload(ann, 3);
        upload(ben, 4);
        upload(cid, 6);
        Submission annBest = List.of(a1, a2).stream().min(publicOrder()).orElseThrow();
        Submission annOther = annBest == a1 ? a2 : a1;

        for (String[] route : new String[][] {{"GET", "/api/staff/exclusions"}, {"POST", "/api/staff/exclusions"},
                {"DELETE", "/api/staff/exclusions/1"}, {"POST", "/api/staff/c/tiny/exclusions/1/lift"}}) {
            HttpResponse<String> r = studentJson(ann, route[0], route[1], "{\"username\":\"ben\",\"reason\":\"x\"}");
            assertThat(r.statusCode()).as(route[0] + " " + route[1]).isEqualTo(403);
        }
        assertThat(ann.get("/staff/exclusions").statusCode()).isEqualTo(403);
        assertThat(ann.postForm("/staff/exclusions", Map.of("username", "ben", "reason", "x"), true).statusCode())
                .isEqualTo(403);

        HttpResponse<String> noReason = staffJson("POST", "/api/staff/exclusions",
                "{\"submission\":" + annBest.id() + ",\"reason\":\"  \"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason).get("error").asText()).contains("reason");
        assertThat(staffJson("POST", "/api/staff/exclusions", "{\"submission\":99999,\"reason\":\"r\"}")
                .statusCode()).isEqualTo(404);
        assertThat(staffJson("POST", "/api/staff/exclusions", "{\"username\":\"nobody\",\"reason\":\"r\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> both = staffJson("POST", "/api/staff/exclusions",
                "{\"submission\":" + annBest.id() + ",\"username\":\"ann\",\"reason\":\"r\"}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("error").asText()).contains("exactly one");
        assertThat(staffJson("POST", "/api/staff/exclusions", "{\"submission\":\"12x\",\"reason\":\"r\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> excluded = staffJson("POST", "/api/staff/exclusions",
                "{\"submission\":" + annBest.id() + ",\"reason\":\"copied from a classmate\"}");
        assertThat(excluded.statusCode()).as(excluded.body()).isEqualTo(201);
        assertThat(json(excluded).get("username").asText()).isEqualTo("ann");
        assertThat(staffJson("POST", "/api/staff/exclusions",
                "{\"submission\":" + annBest.id() + ",\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(students(json(cid.apiGet("/api/leaderboard"))).get("ANN").get("publicScore").asDouble())
                .isEqualTo(annOther.publicAuc());
        JsonNode annSubs = json(ann.apiGet("/api/submissions")).get("submissions");
        for (JsonNode s : annSubs) {
            assertThat(s.has("excluded")).isEqualTo(s.get("id").asLong() == annBest.id());
        }
        assertThat(ann.get("/submissions").body()).contains("Excluded by staff: copied from a classmate");
        assertThat(json(ann.apiGet("/api/selection")).get("counting").toString())
                .isEqualTo("[" + annOther.id() + "]");
        HttpResponse<String> selectExcluded = studentJson(ann, "PUT", "/api/selection",
                "{\"submissions\":[" + annBest.id() + "]}");
        assertThat(selectExcluded.statusCode()).isEqualTo(400);
        assertThat(json(selectExcluded).get("error").asText()).contains("excluded", "copied from a classmate");

        HttpResponse<String> student = staffJson("POST", "/api/staff/c/tiny/exclusions",
                "{\"username\":\"ben\",\"reason\":\"two accounts\"}");
        assertThat(student.statusCode()).isEqualTo(201);
        long benExclusion = json(student).get("id").asLong();
        assertThat(students(json(cid.apiGet("/api/leaderboard")))).containsOnlyKeys("ANN", "CID");
        assertThat(ben.get("/submissions").body()).contains("id=\"account-excluded\"", "two accounts");
        assertThat(json(ben.apiGet("/api/selection")).get("excluded").asText()).isEqualTo("two accounts");

        JsonNode list = json(staffJson("GET", "/api/staff/exclusions", null)).get("exclusions");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("kind").asText()).isEqualTo("student");
        assertThat(list.get(0).get("by").asText()).isEqualTo("ta");
        assertThat(list.get(1).get("submission").asLong()).isEqualTo(annBest.id());

        assertThat(staffJson("DELETE", "/api/staff/exclusions/" + benExclusion, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> lifted = staffJson("DELETE", "/api/staff/exclusions/" + benExclusion,
                "{\"reason\":\"the other account was a TA's test\"}");
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(json(lifted).get("active").asBoolean()).isFalse();
        assertThat(staffJson("POST", "/api/staff/exclusions/" + benExclusion + "/lift", "{\"reason\":\"r\"}")
                .statusCode()).isEqualTo(409);
        assertThat(students(json(cid.apiGet("/api/leaderboard")))).containsOnlyKeys("ANN", "BEN", "CID");

        // Another server process sharing the database excludes Ann's other submission: this one's board follows.
        Account staffAccount = server.app.accounts().repository().byUsername("ta").orElseThrow();
        new ExclusionService(server.db, new ExclusionRepository(server.db), new SubmissionRepository(server.db),
                new AccountRepository(server.db), server.clock).exclude(server.competition(), staffAccount,
                annOther.id(), null, "also copied");
        assertThat(students(json(cid.apiGet("/api/leaderboard")))).containsOnlyKeys("BEN", "CID");

        HttpResponse<String> form = ta.postForm("/staff/exclusions", Map.of("username", "cid", "reason",
                "left the course"), true);
        assertThat(form.statusCode()).isEqualTo(303);
        String page = ta.follow(form).body();
        assertThat(page).contains("left the course", "student cid", "lifted by ta", "also copied");
        assertThat(ta.postForm("/staff/exclusions", Map.of("username", "cid", "reason", ""), true).statusCode())
                .isEqualTo(400);
        long cidExclusion = json(staffJson("GET", "/api/staff/exclusions", null)).get("exclusions").get(0)
                .get("id").asLong();
        HttpResponse<String> liftForm = ta.postForm("/staff/exclusions/" + cidExclusion + "/lift",
                Map.of("reason", "came back"), true);
        assertThat(liftForm.statusCode()).isEqualTo(303);
        assertThat(ta.get("/staff").body()).contains("/staff/exclusions");

        String audit = staffJson("GET", "/api/staff/audit", null).body();
        assertThat(audit).contains("exclude", "submission " + annBest.id() + " of ann", "copied from a classmate",
                "student ben", "two accounts", "lift_exclusion", "the other account was a TA's test", "came back");
    }

    @Test
    void theStandingsNameEveryStudentWhoMayEnterAndEveryStudentWhoSubmitted() throws Exception {
        server.login("dee", Role.STUDENT);
        Submission a = upload(ann, 12);
        Submission b = upload(ben, 4);
        var snapshot = server.app.standings().snapshot(server.competition());
        assertThat(snapshot.rows()).extracting(r -> r.student().username())
                .containsExactlyInAnyOrder("ann", "ben", "cid", "dee");
        var annRow = snapshot.rows().stream().filter(r -> r.student().username().equals("ann")).findFirst()
                .orElseThrow();
        assertThat(annRow.student().displayName()).isEqualTo("ANN");
        assertThat(annRow.standing().publicScore()).isEqualTo(a.publicAuc());
        assertThat(annRow.standing().finalSubmissions()).containsExactly(a.id());
        assertThat(snapshot.of(server.app.accounts().repository().byUsername("cid").orElseThrow().id())
                .orElseThrow().scoredSubmissions()).isZero();
        assertThat(snapshot.rows().get(0).standing().publicRank()).isEqualTo(1);
        assertThat(snapshot.rows().get(0).student().username())
                .isEqualTo(a.publicAuc() >= b.publicAuc() ? "ann" : "ben");

        HttpResponse<String> restrict = staffJson("PUT", "/api/staff/settings",
                "{\"restricted\":true,\"rosterAdd\":[\"cid\"]}");
        assertThat(restrict.statusCode()).as(restrict.body()).isEqualTo(200);
        assertThat(server.app.standings().snapshot(server.competition()).rows())
                .as("the roster, and those who submitted before it was restricted")
                .extracting(r -> r.student().username()).containsExactlyInAnyOrder("ann", "ben", "cid");
    }
}
