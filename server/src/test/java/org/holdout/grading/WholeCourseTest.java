package org.holdout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.CourseFiles;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.holdout.web.LeakCrawlTest;
import org.holdout.web.Route;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole course, as issue 14 tells it, through real HTTP on a real server: staff create the competition from the
 * course's files, set it up, seven students upload over two days in Asia/Taipei, select finals, staff exclude, the
 * deadline passes (both late policies), staff reveal. Every number of the boards and the grade export is checked
 * against what the test counts itself: each file's AUC as an exact fraction of its pairs, ranks, selections, points.
 */
@Tag("slow")
class WholeCourseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLUG = "hw3";
    private static final String API = "/api/c/" + SLUG;
    private static final String STAFF = "/api/staff/c/" + SLUG;
    private static final int IMAGE_BYTES = 16;
    private static final List<String> STUDENTS = List.of("ann", "bob", "cat", "dan", "eve", "fay", "gus");

    @TempDir
    Path dir;
    TestServer server;
    Client ta;
    final Map<String, Client> students = new LinkedHashMap<>();
    /** Per bundle Id: anomaly, and on the Public part; read from the built bundle and checked against the labels. */
    boolean[] anomaly;
    boolean[] isPublic;
    final List<Up> uploads = new ArrayList<>();
    final Map<String, List<Up>> marked = new HashMap<>();
    final Set<String> excludedStudents = new LinkedHashSet<>();
    final List<String[]> staffActions = new ArrayList<>();

    /** A submission file: label plus Gaussian noise, one stream and spread per part, so each part's AUC is chosen apart. */
    record File(int publicSeed, double publicSigma, int privateSeed, double privateSigma) {
    }

    /** One upload as the test sent it, its two AUCs counted by the test. */
    static final class Up {
        final String user;
        final File file;
        final int order;
        final boolean late;
        final double pub;
        final double priv;
        long id;
        boolean excluded;

        Up(String user, File file, int order, boolean late, double pub, double priv) {
            this.user = user;
            this.file = file;
            this.order = order;
            this.late = late;
            this.pub = pub;
            this.priv = priv;
        }

        @Override
        public String toString() {
            return user + "#" + order + "(" + pub + ", " + priv + ")";
        }
    }

    /** A threshold as staff type it. */
    record Threshold(String name, double pub, double priv, double pointsPublic, double pointsPrivate) {
    }

    // ---------------------------------------------------------------- the test's own counting

    String[] values(File f) {
        Random pub = new Random(f.publicSeed());
        Random priv = new Random(f.privateSeed());
        String[] out = new String[anomaly.length];
        for (int id = 0; id < anomaly.length; id++) {
            double noise = isPublic[id] ? pub.nextGaussian() * f.publicSigma() : priv.nextGaussian() * f.privateSigma();
            out[id] = String.format(Locale.ROOT, "%.6f", (anomaly[id] ? 1 : 0) + noise);
        }
        return out;
    }

    byte[] csv(File f) {
        String[] v = values(f);
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int id = v.length - 1; id >= 0; id--) {
            sb.append(id).append(',').append(v[id]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every (anomaly, normal) pair of the part counted: 2 when the anomaly scores higher, 1 on a tie; over 2·pairs. */
    double auc(File f, boolean publicPart) {
        String[] text = values(f);
        long twice = 0;
        long pairs = 0;
        for (int a = 0; a < text.length; a++) {
            for (int n = 0; n < text.length; n++) {
                if (isPublic[a] == publicPart && isPublic[n] == publicPart && anomaly[a] && !anomaly[n]) {
                    double x = Double.parseDouble(text[a]);
                    double y = Double.parseDouble(text[n]);
                    twice += x > y ? 2 : x == y ? 1 : 0;
                    pairs++;
                }
            }
        }
        return (double) twice / (2.0 * pairs);
    }

    static final Comparator<Up> PUBLIC_ORDER = Comparator.comparingDouble((Up u) -> -u.pub).thenComparingInt(u -> u.order);
    static final Comparator<Up> PRIVATE_ORDER = Comparator.comparingDouble((Up u) -> -u.priv)
            .thenComparingInt(u -> u.order);

    /** What the test expects of one student. */
    static final class Expect {
        final String user;
        Up bestPublic;
        List<Up> finals = List.of();
        Up bestPrivate;
        Integer publicRank;
        Integer privateRank;
        final List<String> passedPublic = new ArrayList<>();
        final List<String> passedPrivate = new ArrayList<>();
        double pointsPublic;
        double pointsPrivate;
        int scored;
        boolean late;
        boolean excluded;

        Expect(String user) {
            this.user = user;
        }
    }

    /** DESIGN.md's rules, counted plainly from the uploads, marks and exclusions the test made. */
    Map<String, Expect> expected(List<Threshold> thresholds, int k) {
        Map<String, Expect> out = new LinkedHashMap<>();
        for (String s : STUDENTS) {
            Expect e = new Expect(s);
            out.put(s, e);
            List<Up> mine = uploads.stream().filter(u -> u.user.equals(s)).toList();
            e.scored = mine.size();
            e.late = mine.stream().anyMatch(u -> u.late);
            e.excluded = excludedStudents.contains(s) || mine.stream().anyMatch(u -> u.excluded);
            List<Up> counting = mine.stream().filter(u -> !u.late && !u.excluded).sorted(PUBLIC_ORDER).toList();
            if (counting.isEmpty() || excludedStudents.contains(s)) {
                continue;
            }
            e.bestPublic = counting.get(0);
            List<Up> marks = marked.getOrDefault(s, List.of()).stream().filter(counting::contains).toList();
            // listed as the selection API lists them: best public first
            e.finals = marks.isEmpty() ? counting.subList(0, Math.min(k, counting.size()))
                    : marks.stream().sorted(PUBLIC_ORDER).toList();
            e.bestPrivate = e.finals.stream().min(PRIVATE_ORDER).orElseThrow();
            for (Threshold t : thresholds) {
                if (e.bestPublic.pub >= t.pub()) {
                    e.passedPublic.add(t.name());
                    e.pointsPublic += t.pointsPublic();
                }
                if (e.bestPrivate.priv >= t.priv()) {
                    e.passedPrivate.add(t.name());
                    e.pointsPrivate += t.pointsPrivate();
                }
            }
        }
        List<Expect> ranked = new ArrayList<>(out.values().stream().filter(e -> e.bestPublic != null).toList());
        ranked.sort(Comparator.comparing((Expect e) -> e.bestPublic, PUBLIC_ORDER));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).publicRank = i + 1;
        }
        ranked.sort(Comparator.comparing((Expect e) -> e.bestPrivate, PRIVATE_ORDER));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).privateRank = i + 1;
        }
        return out;
    }

    /** A board's rows as the test expects them: students by rank, each threshold below every student at or above it. */
    static List<String> boardOrder(Map<String, Expect> expected, List<Threshold> thresholds, boolean privateBoard) {
        List<Expect> ranked = new ArrayList<>(expected.values().stream().filter(e -> e.bestPublic != null).toList());
        ranked.sort(Comparator.comparing(e -> privateBoard ? e.privateRank : e.publicRank));
        List<Threshold> byScore = new ArrayList<>(thresholds);
        byScore.sort(Comparator.comparingDouble((Threshold t) -> -(privateBoard ? t.priv() : t.pub())));
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Expect e : ranked) {
            double score = privateBoard ? e.bestPrivate.priv : e.bestPublic.pub;
            while (next < byScore.size() && (privateBoard ? byScore.get(next).priv() : byScore.get(next).pub()) > score) {
                out.add("threshold " + byScore.get(next++).name());
            }
            out.add(e.user.toUpperCase(Locale.ROOT));
        }
        while (next < byScore.size()) {
            out.add("threshold " + byScore.get(next++).name());
        }
        return out;
    }

    // ---------------------------------------------------------------- HTTP helpers

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    HttpResponse<String> staff(String method, String path, String body) throws Exception {
        return ta.api(method, path, ta.token, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), body == null ? null : "application/json");
    }

    JsonNode staffOk(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = staff(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : json(r);
    }

    static HttpResponse<String> studentJson(Client c, String method, String path, String body) throws Exception {
        return c.api(method, path, c.token, HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    Up upload(String user, File f) throws Exception {
        HttpResponse<String> r = students.get(user).uploadApiTo(API + "/submissions", user + ".csv", csv(f));
        assertThat(r.statusCode()).as(user + ": " + r.body()).isEqualTo(201);
        JsonNode answer = json(r);
        Up u = new Up(user, f, uploads.size(), answer.path("late").asBoolean(), auc(f, true), auc(f, false));
        u.id = answer.get("submission").get("id").asLong();
        assertThat(answer.get("submission").get("publicScore").asDouble()).as("the public score of " + u)
                .isEqualTo(u.pub);
        assertThat(answer.toString()).as("no private score in the answer").doesNotContain("privateScore", "private\"");
        uploads.add(u);
        server.clock.advance(Duration.ofMinutes(1));
        return u;
    }

    Map<String, JsonNode> studentRows(JsonNode board) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode row : board.get("rows")) {
            if (row.get("rank").isNumber()) {
                out.put(row.get("name").asText(), row);
            }
        }
        return out;
    }

    static List<String> rowOrder(JsonNode board) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : board.get("rows")) {
            out.add(row.get("rank").isNumber() ? row.get("name").asText() : "threshold "
                    + (row.hasNonNull("threshold") ? row.get("threshold") : row.get("baseline")).asText());
        }
        return out;
    }

    // ---------------------------------------------------------------- the course

    @Test
    void aWholeCourseFromTheCourseFilesToTheGradeBook() throws Exception {
        try (TestServer s = new TestServer(dir, Map.of("time.zone", "UTC", "daily.limit", "5"))) {
            server = s;
            ta = server.login("ta", Role.STAFF);
            for (String name : STUDENTS) {
                students.put(name, server.login(name, Role.STUDENT));
            }
            createTheCompetition();
            readTheAnswerKey();

            // 2. settings and thresholds
            JsonNode settings = staffOk("PUT", STAFF + "/settings", "{\"timeZone\": \"Asia/Taipei\", \"dailyLimit\": 2,"
                    + " \"deadline\": \"2026-03-02T23:59:00+08:00\", \"finalSelections\": 2,"
                    + " \"codeDeadline\": \"2026-03-04T23:59:00+08:00\", \"reportRule\": \"passing:boss\","
                    + " \"reason\": \"the course plan\"}", 200);
            assertThat(settings.get("timeZone").asText()).isEqualTo("Asia/Taipei");
            assertThat(settings.get("deadline").asText()).isEqualTo("2026-03-02T15:59:00Z");
            assertThat(settings.get("codeDeadline").asText()).isEqualTo("2026-03-04T15:59:00Z");
            assertThat(settings.get("latePolicy").asText()).isEqualTo("refuse");
            for (String[] a : new String[][] {{"time_zone", "UTC -> Asia/Taipei"}, {"daily_limit", "5 -> 2"},
                {"deadline", "2026-03-02"}, {"final_selections", "3 -> 2"}, {"code_deadline", "2026-03-04"},
                {"report_rule", "passing:boss"}}) {
                staffActions.add(new String[] {a[0], a[1], "the course plan"});
            }

            File a1 = new File(11, 0.45, 12, 1.0);
            File a2 = new File(13, 0.9, 14, 0.8);
            File a3 = new File(15, 0.7, 16, 0.7);
            File b1 = new File(21, 0.5, 22, 0.9);
            File b2 = new File(23, 0.35, 24, 1.1);
            File b3 = new File(25, 0.8, 26, 0.6);
            File c1 = new File(31, 0.9, 37, 1.2);
            File c2 = new File(33, 0.8, 34, 0.9);
            File c3 = new File(11, 0.45, 36, 0.8);
            File d1 = new File(41, 0.6, 42, 1.0);
            File d2 = new File(43, 0.3, 44, 0.7);
            File d3 = new File(45, 0.7, 46, 0.8);
            File e1 = new File(51, 0.3, 52, 0.6);
            File e2 = new File(53, 0.6, 54, 0.9);
            File f1 = new File(61, 0.6, 12, 1.0);
            File f2 = new File(63, 0.2, 64, 0.6);
            // medium's public score is exactly Ann's best: at least the threshold's passes it
            List<Threshold> thresholds = List.of(new Threshold("simple", 0.6, 0.6012345, 1, 1),
                    new Threshold("medium", auc(a1, true), 0.7123457, 1, 1),
                    new Threshold("strong", 0.9345678, 0.8456789, 0.5, 0.5),
                    new Threshold("boss", 0.9751234, 0.8512346, 0.5, 0.75));
            for (Threshold t : thresholds) {
                JsonNode typed = staffOk("PUT", STAFF + "/thresholds/" + t.name(), String.format(Locale.ROOT,
                        "{\"public\": %s, \"private\": %s, \"pointsPublic\": %s, \"pointsPrivate\": %s,"
                        + " \"reason\": \"from last year's baselines\"}", t.pub(), t.priv(), t.pointsPublic(),
                        t.pointsPrivate()), 200);
                assertThat(typed.get("public").asDouble()).isEqualTo(t.pub());
                staffActions.add(new String[] {"threshold", t.name() + ": ", "from last year's baselines"});
            }

            // 3. two calendar days in Asia/Taipei, the day limit of 2 checked where the day turns there
            server.clock.set(Instant.parse("2026-03-01T05:00:00Z"));
            Up ua1 = upload("ann", a1);
            upload("bob", b1);
            Up ud1 = upload("dan", d1);
            upload("eve", e1);
            Up uf1 = upload("fay", f1);
            upload("ann", a2);
            upload("bob", b2);
            Up ud2 = upload("dan", d2);
            Up uc1 = upload("cat", c1);
            upload("eve", e2);
            server.clock.set(Instant.parse("2026-03-01T15:50:00Z"));
            Up uc2 = upload("cat", c2);
            assertThat(server.clock.instant()).isEqualTo("2026-03-01T15:51:00Z");
            HttpResponse<String> limited = students.get("cat").uploadApiTo(API + "/submissions", "c3.csv", csv(c3));
            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).as("seconds until midnight in Taipei")
                    .hasValue("540");
            assertThat(json(limited).get("error").asText()).contains("2026-03-02 00:00 GMT+8");
            server.clock.set(Instant.parse("2026-03-01T16:00:00Z"));
            Up uc3 = upload("cat", c3);
            upload("ann", a3);
            Up ub3 = upload("bob", b3);
            Up ud3 = upload("dan", d3);

            // 4. final selections
            JsonNode annSel = json(students.get("ann").apiGet(API + "/selection"));
            assertThat(annSel.get("marked").asBoolean()).isFalse();
            assertThat(annSel.get("why").asText()).isEqualTo("None marked: your 2 best public ones count.");
            assertThat(ids(annSel.get("counting"))).isEqualTo(best2("ann"));
            select("bob", ub3);
            HttpResponse<String> tooMany = studentJson(students.get("cat"), "PUT", API + "/selection",
                    "{\"submissions\": [" + uc1.id + ", " + uc2.id + ", " + uc3.id + "]}");
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(json(tooMany).get("error").asText()).contains("at most 2", "sent 3");
            assertThat(json(students.get("cat").apiGet(API + "/selection")).get("marked").asBoolean())
                    .as("nothing saved").isFalse();
            select("cat", uc2, uc3);
            select("dan", ud2);

            // 5. exclusions; the boards recompute at once
            JsonNode ex1 = staffOk("POST", STAFF + "/exclusions", "{\"submission\": " + ud2.id
                    + ", \"reason\": \"copied from a classmate\"}", 201);
            assertThat(ex1.get("username").asText()).isEqualTo("dan");
            ud2.excluded = true;
            staffActions.add(new String[] {"exclude", "submission " + ud2.id + " of dan", "copied from a classmate"});
            Up danBest = List.of(ud1, ud3).stream().min(PUBLIC_ORDER).orElseThrow();
            assertThat(studentRows(json(students.get("ann").apiGet(API + "/leaderboard"))).get("DAN")
                    .get("publicScore").asDouble()).isEqualTo(danBest.pub);
            JsonNode danSel = json(students.get("dan").apiGet(API + "/selection"));
            assertThat(ids(danSel.get("counting"))).as("his mark dropped out: his 2 best public ones count")
                    .isEqualTo(best2("dan"));
            assertThat(students.get("dan").get("/c/" + SLUG + "/submissions").body())
                    .contains("Excluded by staff: copied from a classmate");
            JsonNode ex2 = staffOk("POST", STAFF + "/exclusions", "{\"username\": \"eve\", \"reason\":"
                    + " \"two accounts\"}", 201);
            assertThat(ex2.get("kind").asText()).isEqualTo("student");
            excludedStudents.add("eve");
            staffActions.add(new String[] {"exclude", "student eve", "two accounts"});
            assertThat(studentRows(json(students.get("ann").apiGet(API + "/leaderboard")))).doesNotContainKey("EVE");

            // 6. code
            HttpResponse<String> code = students.get("bob").api("POST", API + "/code?filename=bob.zip",
                    students.get("bob").token, HttpRequest.BodyPublishers.ofByteArray(Zips.code(true, "bob")),
                    "application/zip");
            assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
            assertThat(json(code).get("upload").get("hasReport").asBoolean()).isTrue();

            List<Threshold> typed = thresholds;
            Map<String, Expect> before = expected(typed, 2);
            assertThat(rowOrder(json(students.get("ann").apiGet(API + "/leaderboard"))))
                    .isEqualTo(boardOrder(before, typed, false));
            theTestDataTriesWhatItClaims(before, ua1, uc3, uf1, ub3);
            JsonNode staffView = staffOk("GET", API + "/leaderboard?board=private", null, 200);
            assertThat(staffView.get("studentsCanSee").asBoolean()).isFalse();
            assertThat(staffView.get("note").asText()).isEqualTo("students cannot see this yet");
            assertThat(rowOrder(staffView)).as("staff see the private board, exclusions counted, before the reveal")
                    .isEqualTo(boardOrder(before, typed, true));

            // 7. before the deadline: nothing private reaches a student; every staff route refuses them
            Set<String> secret = secrets(typed);
            noPrivateNumberReachesAStudent(secret, "before the deadline");
            everyStaffRouteRefusesAStudent(students.get("ann"));

            // the deadline passes: a late upload is refused, then accepted as late
            server.clock.set(Instant.parse("2026-03-02T16:00:00Z"));
            HttpResponse<String> refused = students.get("fay").uploadApiTo(API + "/submissions", "late.csv", csv(f2));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            staffOk("PUT", STAFF + "/settings", "{\"latePolicy\": \"accept_late\", \"reason\": \"the cluster was"
                    + " down on the last night\"}", 200);
            staffActions.add(new String[] {"late_policy", "refuse -> accept_late",
                "the cluster was down on the last night"});
            Up uf2 = upload("fay", f2);
            assertThat(uf2.late).isTrue();
            assertThat(uf2.pub).as("test data: the late file would lead Fay's row").isGreaterThan(uf1.pub);
            assertThat(students.get("fay").get("/c/" + SLUG + "/submissions").body()).contains("pill late");
            assertThat(studentRows(json(students.get("ann").apiGet(API + "/leaderboard"))).get("FAY")
                    .get("publicScore").asDouble()).as("a late upload is on no board").isEqualTo(uf1.pub);
            HttpResponse<String> lateMark = studentJson(students.get("ann"), "PUT", API + "/selection",
                    "{\"submissions\": [" + ua1.id + "]}");
            assertThat(lateMark.statusCode()).as("selections close with the deadline").isEqualTo(403);
            secret = secrets(typed);
            noPrivateNumberReachesAStudent(secret, "after the deadline, before the reveal");
            everyStaffRouteRefusesAStudent(students.get("fay"));

            // 8. the reveal: the private board and the export, cell by cell
            staffOk("POST", STAFF + "/reveal", "{\"reason\": \"grades are due\"}", 200);
            staffActions.add(new String[] {"reveal", "private scores revealed", "grades are due"});
            Map<String, Expect> expected = expected(typed, 2);
            checkPrivateBoard(expected, typed);
            checkExport(expected, typed, Set.of("bob"));
            theReportRuleFollowsBothBoards(expected);

            // 9. the audit log
            checkAudit();
        }
    }

    /** The uploads make the edge cases they are meant to: ties on both boards, a mark that matters, a threshold met exactly. */
    void theTestDataTriesWhatItClaims(Map<String, Expect> e, Up ua1, Up uc3, Up uf1, Up ub3) {
        assertThat(uc3.pub).as("Cat's best public ties Ann's, uploaded later").isEqualTo(ua1.pub);
        assertThat(e.get("ann").publicRank + 1).isEqualTo(e.get("cat").publicRank);
        assertThat(e.get("ann").passedPublic).as("Ann's public score is medium's exactly").contains("medium");
        assertThat(uf1.priv).as("Fay's best private ties Ann's, uploaded later").isEqualTo(ua1.priv);
        assertThat(e.get("ann").privateRank + 1).isEqualTo(e.get("fay").privateRank);
        assertThat(e.get("bob").bestPrivate).as("Bob's mark counts, not his best public").isSameAs(ub3);
        assertThat(e.get("bob").bestPublic).isNotSameAs(ub3);
        assertThat(e.values().stream().filter(x -> x.publicRank != null && !x.publicRank.equals(x.privateRank)))
                .as("the private board shakes the public one up").hasSizeGreaterThanOrEqualTo(3);
        for (String name : List.of("simple", "medium", "strong", "boss")) {
            assertThat(e.values().stream().filter(x -> x.passedPrivate.contains(name))).as(name).isNotEmpty();
            if (!name.equals("simple")) {
                assertThat(e.values().stream().filter(x -> x.bestPublic != null && !x.passedPublic.contains(name)))
                        .as("someone misses %s on the public board", name).isNotEmpty();
            }
        }
    }

    List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asLong()));
        return out;
    }

    List<Long> best2(String user) {
        return uploads.stream().filter(u -> u.user.equals(user) && !u.late && !u.excluded).sorted(PUBLIC_ORDER)
                .limit(2).map(u -> u.id).toList();
    }

    void select(String user, Up... ups) throws Exception {
        String list = Arrays.stream(ups).map(u -> String.valueOf(u.id)).collect(Collectors.joining(", "));
        HttpResponse<String> r = studentJson(students.get(user), "PUT", API + "/selection",
                "{\"submissions\": [" + list + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ids(json(r).get("counting"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ups).map(u -> u.id).toList());
        marked.put(user, List.of(ups));
    }

    // ---------------------------------------------------------------- 1. creation from the course's files

    void createTheCompetition() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("slug", SLUG).put("title", "Homework 3")
                .put("finalSelections", 3);
        body.put("train", stage("trainingset.npy", CourseFiles.train()));
        body.put("test", stage("testingset.npy", CourseFiles.test()));
        body.put("labels", stage("labels.csv", CourseFiles.labels(TinyCompetition.ROWS)));
        JsonNode started = staffOk("POST", "/api/staff/competitions", body.toString(), 202);
        String job = started.get("id").asText();
        long until = System.nanoTime() + 60_000_000_000L;
        JsonNode state;
        do {
            Thread.sleep(20);
            state = staffOk("GET", "/api/staff/competitions/jobs/" + job, null, 200);
        } while (state.get("state").asText().equals("running") && System.nanoTime() < until);
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
        assertThat(state.get("competition").get("staffPage").asText()).isEqualTo("/c/" + SLUG + "/staff");
        staffActions.add(new String[] {"create", SLUG, null});
    }

    String stage(String name, byte[] bytes) throws Exception {
        HttpResponse<String> r = ta.api("PUT", "/api/staff/staging/" + name, ta.token,
                HttpRequest.BodyPublishers.ofByteArray(bytes), "application/octet-stream");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    /**
     * The build shuffles the test images into Id order and splits them: each bundle Id's image is found among the
     * course's own images to get its label from the labels file the test sent, and the Usage is read from the key.
     */
    void readTheAnswerKey() throws Exception {
        Path bundle = dir.resolve("competitions").resolve(SLUG);
        byte[] original = CourseFiles.test();
        byte[] built = Files.readAllBytes(bundle.resolve("test.npy"));
        int n = TinyCompetition.ROWS;
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int at = original.length - (n - i) * IMAGE_BYTES;
            indexOf.put(Arrays.toString(Arrays.copyOfRange(original, at, at + IMAGE_BYTES)), i);
        }
        assertThat(indexOf).as("test data: the course's images are distinct").hasSize(n);
        anomaly = new boolean[n];
        isPublic = new boolean[n];
        List<String> lines = Files.readAllLines(bundle.resolve("solution.csv"));
        assertThat(lines.get(0)).isEqualTo("Id,Expected,Usage");
        assertThat(lines).hasSize(n + 1);
        int[] counts = new int[4];
        for (int id = 0; id < n; id++) {
            int at = built.length - (n - id) * IMAGE_BYTES;
            Integer course = indexOf.get(Arrays.toString(Arrays.copyOfRange(built, at, at + IMAGE_BYTES)));
            assertThat(course).as("bundle Id %d is one of the course's images", id).isNotNull();
            anomaly[id] = TinyCompetition.anomaly(course);
            String[] cells = lines.get(id + 1).split(",");
            assertThat(cells[0]).isEqualTo(String.valueOf(id));
            assertThat(cells[1]).as("the key's label of Id %d (course image %d)", id, course)
                    .isEqualTo(anomaly[id] ? "1" : "0");
            isPublic[id] = cells[2].equals("Public");
            counts[(anomaly[id] ? 2 : 0) + (isPublic[id] ? 1 : 0)]++;
        }
        assertThat(counts[0] + counts[1]).isEqualTo(25);
        assertThat(Math.abs(counts[1] - counts[0])).as("normal images split in half").isLessThanOrEqualTo(1);
        assertThat(Math.abs(counts[3] - counts[2])).as("anomalies split in half").isLessThanOrEqualTo(1);
    }

    // ---------------------------------------------------------------- 7. no leak, no staff route

    /** The private AUCs of every upload and the thresholds' private scores, as 5 decimals and at full precision. */
    Set<String> secrets(List<Threshold> thresholds) {
        Set<String> secret = new LinkedHashSet<>();
        List<Double> hidden = new ArrayList<>(uploads.stream().map(u -> u.priv).toList());
        thresholds.forEach(t -> hidden.add(t.priv()));
        for (double p : hidden) {
            secret.add(Double.toString(p));
            secret.add(String.format(Locale.ROOT, "%.5f", p));
        }
        List<Double> shown = new ArrayList<>(uploads.stream().map(u -> u.pub).toList());
        thresholds.forEach(t -> shown.add(t.pub()));
        for (double p : shown) {
            for (String text : List.of(Double.toString(p), String.format(Locale.ROOT, "%.5f", p))) {
                assertThat(secret).as("test data: public score %s must not look like a private one", text)
                        .noneMatch(text::contains);
            }
        }
        return secret;
    }

    void noPrivateNumberReachesAStudent(Set<String> secret, String when) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Client> e : students.entrySet()) {
            Client c = e.getValue();
            LeakCrawlTest.crawl(c, List.of("/c/" + SLUG, "/c/" + SLUG + "/submissions", "/c/" + SLUG + "/code",
                    "/c/" + SLUG + "/leaderboard", "/c/" + SLUG + "/leaderboard?board=private", "/c/" + SLUG + "/data",
                    "/c/" + SLUG + "/data/starter-kit.zip", API + "/submissions", API + "/leaderboard",
                    API + "/leaderboard?board=private", API + "/selection", API + "/code", "/account"))
                    .forEach((path, page) -> seen.put(e.getKey() + " " + path, page));
        }
        for (String path : List.of("/c/" + SLUG + "/leaderboard?board=private", API + "/leaderboard?board=private")) {
            assertThat(seen.get("ann " + path)).as(path).startsWith("403");
        }
        assertThat(seen).containsKeys("ann /c/" + SLUG + "/data/starter-kit.zip!README.md",
                "bob /c/" + SLUG + "/code/latest.zip", "ann " + API + "/selection", "dan " + API + "/submissions/"
                + uploads.stream().filter(u -> u.excluded).findFirst().orElseThrow().id);
        String all = String.join("\n", seen.values());
        assertThat(uploads.stream().filter(u -> all.contains(String.format(Locale.ROOT, "%.5f", u.pub))))
                .as("the crawl sees the public scores").hasSizeGreaterThanOrEqualTo(uploads.size() / 2);
        assertThat(all).as(when).doesNotContain("privateScore", "privateAuc", "private_auc");
        for (Map.Entry<String, String> e : seen.entrySet()) {
            for (String s : secret) {
                assertThat(e.getValue()).as("%s: private score %s on %s", when, s, e.getKey()).doesNotContain(s);
            }
        }
    }

    void everyStaffRouteRefusesAStudent(Client student) throws Exception {
        List<Route> staffOnly = server.app.routes().stream()
                .filter(r -> r.roles().contains(Role.STAFF) && !r.roles().contains(Role.STUDENT)
                        && !r.roles().contains(Role.ANYONE)).toList();
        assertThat(staffOnly).hasSizeGreaterThan(40);
        Set<String> checked = new LinkedHashSet<>();
        for (Route route : staffOnly) {
            for (String pattern : route.paths()) {
                String path = pattern.replace("{slug}", SLUG).replace("{name}", "simple").replace("{tier}", "simple")
                        .replace("{id}", "1").replace("{username}", "ann");
                assertThat(path).as(pattern).doesNotContain("{");
                String method = route.method().name();
                String body = "{\"reason\": \"x\", \"username\": \"ann\"}";
                HttpResponse<String> byToken = student.api(method, path, student.token,
                        HttpRequest.BodyPublishers.ofString(body), "application/json");
                assertThat(byToken.statusCode()).as("%s %s with a student's token", method, path).isEqualTo(403);
                assertThat(byToken.body()).as(path).contains("Only staff");
                HttpResponse<String> bySession = student.http.send(HttpRequest.newBuilder(
                        java.net.URI.create(student.base + path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json").header("X-CSRF-Token", csrfOf(student)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bySession.statusCode()).as("%s %s in a student's session", method, path).isEqualTo(403);
                assertThat(bySession.body()).as(path).contains("Only staff");
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).contains("GET " + STAFF + "/grades.csv", "GET " + STAFF + "/grades.json",
                "GET " + STAFF + "/grades-canvas.csv", "GET " + STAFF + "/audit", "POST " + STAFF + "/reveal",
                "GET /c/" + SLUG + "/staff/grades", "GET /c/" + SLUG + "/staff/submissions",
                "GET " + STAFF + "/code.zip", "POST " + STAFF + "/exclusions");
    }

    static String csrfOf(Client c) throws Exception {
        if (c.csrf() == null) {
            c.get("/account");
        }
        return c.csrf();
    }

    // ---------------------------------------------------------------- 8. after the reveal

    void checkPrivateBoard(Map<String, Expect> expected, List<Threshold> thresholds) throws Exception {
        for (Client viewer : List.of(students.get("gus"), ta)) {
            HttpResponse<String> r = viewer.apiGet(API + "/leaderboard?board=private");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode board = json(r);
            assertThat(board.get("studentsCanSee").asBoolean()).isTrue();
            assertThat(rowOrder(board)).isEqualTo(boardOrder(expected, thresholds, true));
            for (JsonNode row : board.get("rows")) {
                if (!row.get("rank").isNumber()) {
                    String name = row.get("threshold").asText();
                    Threshold t = thresholds.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                    assertThat(row.get("privateScore").asDouble()).as(name).isEqualTo(t.priv());
                    continue;
                }
                Expect e = expected.get(row.get("name").asText().toLowerCase(Locale.ROOT));
                assertThat(row.get("rank").asInt()).as(e.user).isEqualTo(e.privateRank);
                assertThat(row.get("privateScore").asDouble()).as(e.user).isEqualTo(e.bestPrivate.priv);
                assertThat(row.get("privateScoreText").asText()).as(e.user)
                        .isEqualTo(String.format(Locale.ROOT, "%.5f", e.bestPrivate.priv));
                assertThat(row.get("publicScore").asDouble()).as(e.user).isEqualTo(e.bestPublic.pub);
                assertThat(row.get("public_rank").asInt()).as(e.user).isEqualTo(e.publicRank);
                assertThat(row.get("shift").asInt()).as(e.user).isEqualTo(e.publicRank - e.privateRank);
            }
        }
        JsonNode publicBoard = json(students.get("gus").apiGet(API + "/leaderboard"));
        assertThat(rowOrder(publicBoard)).isEqualTo(boardOrder(expected, thresholds, false));
        studentRows(publicBoard).forEach((name, row) -> {
            Expect e = expected.get(name.toLowerCase(Locale.ROOT));
            assertThat(row.get("rank").asInt()).as(name).isEqualTo(e.publicRank);
            assertThat(row.get("publicScore").asDouble()).as(name).isEqualTo(e.bestPublic.pub);
            assertThat(row.get("privateScore").asDouble()).as(name).isEqualTo(e.bestPrivate.priv);
        });
    }

    static String num(Number d) {
        return d == null ? "" : d.toString();
    }

    void checkExport(Map<String, Expect> expected, List<Threshold> thresholds, Set<String> codeUploaded)
            throws Exception {
        List<String> order = new ArrayList<>(expected.values().stream().filter(e -> e.publicRank != null)
                .sorted(Comparator.comparing(e -> e.publicRank)).map(e -> e.user).toList());
        HttpResponse<byte[]> csvResponse = ta.getBytes(STAFF + "/grades.csv");
        assertThat(csvResponse.statusCode()).isEqualTo(200);
        byte[] bytes = csvResponse.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n", -1);
        assertThat(lines[0]).isEqualTo(GradesTest.HEADER);
        assertThat(lines).hasSize(STUDENTS.size() + 2);
        assertThat(lines[STUDENTS.size() + 1]).isEmpty();
        Map<String, String> rowOf = new LinkedHashMap<>();
        for (int i = 1; i <= STUDENTS.size(); i++) {
            rowOf.put(lines[i].substring(0, lines[i].indexOf(',')), lines[i]);
        }
        assertThat(rowOf.keySet()).as("by public rank, then the students without one").startsWith(
                order.toArray(String[]::new)).containsExactlyInAnyOrderElementsOf(STUDENTS);
        for (Expect e : expected.values()) {
            String want = String.join(",", e.user, e.user.toUpperCase(Locale.ROOT), "",
                    e.bestPublic == null ? "" : Double.toString(e.bestPublic.pub), num(e.publicRank),
                    e.bestPrivate == null ? "" : Double.toString(e.bestPrivate.priv), num(e.privateRank),
                    e.finals.stream().map(u -> String.valueOf(u.id)).collect(Collectors.joining(";")),
                    String.valueOf(e.scored), String.join(";", e.passedPublic), String.join(";", e.passedPrivate),
                    Double.toString(e.pointsPublic), Double.toString(e.pointsPrivate),
                    Double.toString(e.pointsPublic + e.pointsPrivate), String.valueOf(e.late),
                    String.valueOf(e.excluded), String.valueOf(codeUploaded.contains(e.user)));
            assertThat(rowOf.get(e.user)).as(e.user).isEqualTo(want);
        }

        JsonNode grades = JSON.readTree(ta.getBytes(STAFF + "/grades.json").body());
        assertThat(grades.get("competition").asText()).isEqualTo(SLUG);
        assertThat(grades.get("revealed").asBoolean()).isTrue();
        GradesTest.assertJsonEqualsCsv(grades.get("grades"), lines);
        for (JsonNode g : grades.get("grades")) {
            Expect e = expected.get(g.get("username").asText());
            assertThat(g.get("late").isBoolean() && g.get("excluded").isBoolean() && g.get("code_uploaded").isBoolean())
                    .isTrue();
            assertThat(g.get("late").asBoolean()).isEqualTo(e.late);
            if (e.bestPrivate != null) {
                assertThat(g.get("private_score").doubleValue()).isEqualTo(e.bestPrivate.priv);
            }
        }

        double possible = thresholds.stream().mapToDouble(t -> t.pointsPublic() + t.pointsPrivate()).sum();
        List<String> canvas = new ArrayList<>();
        canvas.add("Student,ID,SIS User ID,SIS Login ID,Section,Homework 3");
        canvas.add("    Points Possible,,,,," + possible);
        for (String user : rowOf.keySet()) {
            Expect e = expected.get(user);
            canvas.add(user.toUpperCase(Locale.ROOT) + ",,," + user + ",," + (e.pointsPublic + e.pointsPrivate));
        }
        canvas.add("");
        assertThat(new String(ta.getBytes(STAFF + "/grades-canvas.csv").body(), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF" + String.join("\r\n", canvas));
    }

    /** passing:boss: a report is required of the students who pass boss on both boards; Bob's zip has one. */
    void theReportRuleFollowsBothBoards(Map<String, Expect> expected) throws Exception {
        JsonNode code = staffOk("GET", STAFF + "/code", null, 200);
        Map<String, JsonNode> byUser = new LinkedHashMap<>();
        code.forEach(row -> byUser.put(row.get("username").asText(), row));
        assertThat(byUser.keySet()).containsExactlyInAnyOrderElementsOf(STUDENTS);
        for (Expect e : expected.values()) {
            boolean required = e.passedPublic.contains("boss") && e.passedPrivate.contains("boss");
            JsonNode row = byUser.get(e.user);
            assertThat(row.get("reportRequired").asText()).as(e.user).isEqualTo(required ? "yes" : "no");
            assertThat(row.get("reportMissing").asBoolean()).as(e.user).isFalse();
            assertThat(row.get("uploads").asInt()).as(e.user).isEqualTo(e.user.equals("bob") ? 1 : 0);
        }
        assertThat(byUser.get("bob").get("reportRequired").asText()).as("test data").isEqualTo("yes");
    }

    // ---------------------------------------------------------------- 9. the audit log

    void checkAudit() throws Exception {
        JsonNode audit = staffOk("GET", STAFF + "/audit", null, 200);
        List<JsonNode> entries = new ArrayList<>();
        audit.forEach(entries::add);
        java.util.Collections.reverse(entries);
        assertThat(entries).as("every entry is one of the test's staff actions").hasSize(staffActions.size());
        for (JsonNode e : entries) {
            assertThat(e.get("actor").asText()).as(e.toString()).isEqualTo("ta");
        }
        List<String> missing = new ArrayList<>();
        for (String[] action : staffActions) {
            boolean found = entries.stream().anyMatch(e -> e.get("action").asText().equals(action[0])
                    && e.get("detail").asText().contains(action[1])
                    && (action[2] == null ? e.get("reason").isNull() : action[2].equals(e.get("reason").asText())));
            if (!found) {
                missing.add(String.join(" | ", Arrays.stream(action).map(String::valueOf).toList()));
            }
        }
        assertThat(missing).as("staff actions missing from the audit log:\n" + audit.toPrettyString()).isEmpty();
    }
}
