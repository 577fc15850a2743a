package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.grading.GradesTest;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionState;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs in as a student, visits everything a student can reach, and looks for any private score in any form. */
public class LeakCrawlTest {
    private static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"(/[^\"#]*)\"");
    private static final Pattern SUBMISSIONS_API = Pattern.compile("/api(/c/[^/]+)?/submissions");

    @Test
    void privateScoresReachNoStudentBeforeTheReveal(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ben = server.login("ben", Role.STUDENT);
            Client staff = server.login("ta", Role.STAFF);
            List<String> benResults = new ArrayList<>();
            for (long seed : new long[] {21, 22, 23}) {
                assertThat(ann.uploadApi("ann-" + seed + ".csv", TinyCompetition.submission(seed)).statusCode())
                        .isEqualTo(201);
                HttpResponse<String> form = ben.uploadForm("ben-" + seed + ".csv", TinyCompetition.submission(seed + 10));
                assertThat(form.statusCode()).isEqualTo(303);
                benResults.add(form.headers().firstValue("Location").orElseThrow());
            }
            staff.api("PUT", "/api/staff/thresholds/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\":0.55,\"private\":0.7373737}"), "application/json");
            Client.Multipart mp = new Client.Multipart().file("file", "boss.csv", TinyCompetition.submission(77));
            staff.api("POST", "/api/staff/thresholds/boss", staff.token, mp.publisher(), mp.contentType());
            assertThat(staff.api("PUT", "/api/staff/settings", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"codeDeadline\": \"2026-03-09T23:59\", \"reportRule\": \"passing:boss\"}"), "application/json")
                    .statusCode()).isEqualTo(200);
            assertThat(ann.api("POST", "/api/code?filename=ann.zip", ann.token, HttpRequest.BodyPublishers.ofByteArray(
                    Zips.code(false, "ann")), "application/zip").statusCode()).isEqualTo(201);

            List<Double> privates = new ArrayList<>();
            List<Double> publics = new ArrayList<>();
            for (Submission s : server.app.submissions().repository().ofCompetition(server.competition().id())) {
                if (s.state() == SubmissionState.SCORED) {
                    privates.add(s.privateAuc());
                    publics.add(s.publicAuc());
                }
            }
            server.app.thresholds().all(server.competition().id()).stream().filter(t -> t.source() != null)
                    .forEach(t -> {
                        privates.add(t.privateScore());
                        publics.add(t.publicScore());
                    });
            assertThat(privates).hasSize(8).doesNotContainNull();
            Set<String> secret = new LinkedHashSet<>();
            for (double p : privates) {
                secret.addAll(forms(p));
            }
            for (double p : publics) {
                assertThat(forms(p)).as("test data: a public score must not look like a private one")
                        .doesNotContainAnyElementsOf(secret);
            }

            StringBuilder corrected = new StringBuilder("Id,Expected,Usage\n");
            for (int i = 0; i < TinyCompetition.ROWS; i++) {
                corrected.append(i).append(',').append(TinyCompetition.anomaly(i) || i == 20 ? 1 : 0).append(',')
                        .append(i < 20 ? "Public" : "Private").append('\n');
            }
            HttpResponse<String> rescore = staff.api("PUT", "/api/staff/rescore/solution", staff.token,
                    HttpRequest.BodyPublishers.ofString(corrected.toString()), "text/csv");
            assertThat(rescore.statusCode()).as(rescore.body()).isEqualTo(201);
            String previewId = new ObjectMapper().readTree(rescore.body()).get("id").asText();

            long annFirst = server.app.submissions().repository().ofCompetition(server.competition().id()).stream()
                    .filter(s -> s.state() == SubmissionState.SCORED && s.accountId() != accountId(server, "ben"))
                    .mapToLong(Submission::id).min().orElseThrow();
            assertThat(ann.api("PUT", "/api/selection", ann.token, HttpRequest.BodyPublishers.ofString(
                    "{\"submissions\":[" + annFirst + "]}"), "application/json").statusCode()).isEqualTo(200);
            assertThat(staff.api("POST", "/api/staff/exclusions", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"ben\",\"reason\":\"checking the crawl\"}"), "application/json").statusCode())
                    .isEqualTo(201);
            Map<String, String> seen = crawl(ann, List.of("/", "/api/leaderboard", "/api/submissions", "/account",
                    "/api/selection", "/leaderboard?board=private", "/api/leaderboard?board=private",
                    "/api/c/tiny/leaderboard?board=private", "/staff/exclusions", "/api/staff/exclusions"));
            crawl(ben, List.of("/submissions", "/api/selection", "/api/submissions"))
                    .forEach((path, page) -> seen.put("ben " + path, page));
            ann.get("/language/zh-TW?next=%2F");
            crawl(ann, List.of("/", "/api/leaderboard", "/api/submissions", "/api/selection", "/nowhere"))
                    .forEach((path, page) -> seen.put("zh-TW " + path, page));
            assertThat(seen.get("zh-TW /submissions")).as("crawled in Chinese")
                    .contains(new String("我的上傳".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            ann.get("/language/en?next=%2F");
            assertThat(seen.get("/api/leaderboard?board=private")).startsWith("403");
            assertThat(seen.get("/leaderboard?board=private")).startsWith("403");
            assertThat(seen.get("/staff/exclusions")).startsWith("403");
            assertThat(seen.get("/api/staff/exclusions")).startsWith("403");
            assertThat(seen.get("/api/selection")).contains("\"counting\":[" + annFirst + "]");
            for (String path : List.of("/staff/rescore", "/staff/rescore?preview=" + previewId,
                    "/api/staff/rescore/" + previewId)) {
                HttpResponse<String> r = path.startsWith("/api") ? ann.apiGet(path) : ann.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                seen.put("rescore " + path, r.body());
            }
            seen.put("429 answer", ann.uploadApi("over.csv", TinyCompetition.submission(5)).body());
            seen.put("422 answer", ann.uploadApi("bad.csv", TinyCompetition.missingId()).body());
            seen.put("form refusal", ann.follow(ann.uploadForm("bad.csv", TinyCompetition.missingId())).body());
            seen.put("code answer", ann.api("POST", "/api/code?filename=again.zip", ann.token,
                    HttpRequest.BodyPublishers.ofByteArray(Zips.code(true, "again")), "application/zip").body());
            seen.put("code api", ann.apiGet("/api/code").body());
            for (String result : benResults) {
                seen.put("form result " + result, ben.get(result).body());
            }
            for (String grades : GradesTest.ROUTES) {
                assertThat(ann.get(grades).statusCode()).as(grades).isEqualTo(403);
                seen.put(grades, ann.get(grades).body());
            }
            for (String grades : GradesTest.PAGES) {
                assertThat(ann.get(grades).statusCode()).as(grades).isEqualTo(403);
                seen.put(grades, ann.get(grades).body());
            }

            assertThat(seen).containsKeys("/", "/data", "/submit", "/submissions", "/leaderboard", "/account",
                    "/api/leaderboard", "/api/submissions", "/data/train.npy", "/data/sample_submission.csv", "/code",
                    "/code/latest.zip", "/data/starter-kit.zip", "/data/starter-kit.zip!README.md");
            assertThat(seen.keySet()).as("the histograms of My submissions").anyMatch(p -> p.endsWith("/histogram.png"));
            String everything = String.join("\n", seen.values());
            assertThat(publics.stream().filter(p -> everything.contains(String.format(Locale.ROOT, "%.5f", p))))
                    .as("the crawl sees public scores").hasSizeGreaterThanOrEqualTo(3);
            assertThat(String.join("\n", seen.values())).doesNotContain("privateScore", "privateAuc", "private_auc");
            for (Map.Entry<String, String> e : seen.entrySet()) {
                for (String s : secret) {
                    assertThat(e.getValue()).as("private score %s on %s", s, e.getKey()).doesNotContain(s);
                }
            }
        }
    }

    /**
     * Two competitions, the default one revealed: nothing of the other's private scores reaches a student, by its own
     * routes or the default one's. Its answer key has 3 private anomalies among 20 rows (AUCs in steps of 1/51), the
     * default's 7 (steps of 1/91): the two competitions' private scores cannot be mistaken for each other, and none is
     * a short decimal like 0.8 that any longer number starts with.
     */
    @Test
    void privateScoresOfOneCompetitionReachNoStudentWhileAnotherIsRevealed(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Competition second = server.addCompetition("second", "Second homework", 3);
            StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
            for (int i = 0; i < TinyCompetition.ROWS; i++) {
                boolean anomaly = i < 20 ? TinyCompetition.anomaly(i) : i == 21 || i == 22 || i == 24;
                solution.append(i).append(',').append(anomaly ? 1 : 0).append(',')
                        .append(i < 20 ? "Public" : "Private").append('\n');
            }
            Files.writeString(second.file("solution.csv"), solution);
            Client ann = server.login("ann", Role.STUDENT);
            Client ben = server.login("ben", Role.STUDENT);
            Client staff = server.login("ta", Role.STAFF);
            for (long seed : new long[] {31, 32}) {
                assertThat(ann.uploadApi("tiny-" + seed + ".csv", TinyCompetition.submission(seed)).statusCode())
                        .isEqualTo(201);
            }
            List<String> benResults = new ArrayList<>();
            for (long seed : new long[] {41, 42, 43}) {
                assertThat(ann.uploadApiTo("/api/c/second/submissions", "ann-" + seed + ".csv",
                        TinyCompetition.submission(seed)).statusCode()).isEqualTo(201);
                HttpResponse<String> form = ben.uploadFormTo("/c/second", "ben-" + seed + ".csv",
                        TinyCompetition.submission(seed + 10));
                assertThat(form.statusCode()).isEqualTo(303);
                benResults.add(form.headers().firstValue("Location").orElseThrow());
            }
            staff.api("PUT", "/api/staff/c/second/baselines/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\":0.55,\"private\":0.7373737}"),
                    "application/json");
            Client.Multipart mp = new Client.Multipart().file("file", "boss.csv", TinyCompetition.submission(77));
            staff.api("POST", "/api/staff/c/second/baselines/boss", staff.token, mp.publisher(), mp.contentType());
            staff.api("PUT", "/api/staff/deadline", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"deadline\":\"2026-02-01T00:00:00Z\"}"),
                    "application/json");
            assertThat(staff.api("POST", "/api/staff/reveal", staff.token, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).isEqualTo(200);

            List<Double> secretScores = new ArrayList<>();
            List<Double> shown = new ArrayList<>();
            for (Submission s : server.app.submissions().repository().ofCompetition(second.id())) {
                if (s.state() == SubmissionState.SCORED) {
                    secretScores.add(s.privateAuc());
                    shown.add(s.publicAuc());
                }
            }
            server.app.thresholds().all(second.id()).stream().filter(t -> t.source() != null).forEach(t -> {
                secretScores.add(t.privateScore());
                shown.add(t.publicScore());
            });
            for (Submission s : server.app.submissions().repository().ofCompetition(server.competition().id())) {
                shown.add(s.publicAuc());
                shown.add(s.privateAuc());
            }
            assertThat(secretScores).hasSize(8).doesNotContainNull();
            Set<String> secret = new LinkedHashSet<>();
            for (double p : secretScores) {
                secret.addAll(forms(p));
            }
            for (Double p : shown) {
                if (p != null) {
                    assertThat(forms(p)).as("test data: a score that may be shown must not look like a hidden one")
                            .doesNotContainAnyElementsOf(secret);
                }
            }

            Map<String, String> seen = crawl(ann, List.of("/", "/api/leaderboard", "/api/submissions",
                    "/api/c/second/leaderboard", "/api/c/second/submissions", "/account"));
            seen.put("429 answer", ann.uploadApiTo("/api/c/second/submissions", "over.csv",
                    TinyCompetition.submission(5)).body());
            seen.put("form refusal", ann.follow(ann.uploadFormTo("/c/second", "bad.csv", TinyCompetition.missingId()))
                    .body());
            for (String result : benResults) {
                assertThat(result).startsWith("/c/second/submit?submission=");
                seen.put("form result " + result, ben.get(result).body());
            }
            crawl(ben, List.of("/c/second", "/api/c/second/submissions", "/api/c/second/leaderboard"))
                    .forEach((path, page) -> seen.put("ben " + path, page));

            assertThat(seen).containsKeys("/", "/c/second", "/c/second/data", "/c/second/submit",
                    "/c/second/submissions", "/c/second/leaderboard", "/c/tiny/leaderboard",
                    "/c/second/data/sample_submission.csv", "/api/c/second/leaderboard");
            assertThat(seen.get("/api/leaderboard")).as("the default competition is revealed")
                    .contains("privateScore");
            assertThat(ann.get("/c/second/data/solution.csv").statusCode()).isEqualTo(404);
            for (String range : new String[] {"bytes=0-", "bytes=-100", "bytes=99999999-"}) {
                HttpResponse<String> r = ann.http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(ann.base + "/c/second/data/solution.csv")).header("Range", range).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("solution.csv with Range " + range).isEqualTo(404);
                seen.put("solution.csv " + range + " answer", r.body());
            }
            for (Map.Entry<String, String> e : seen.entrySet()) {
                if (e.getKey().contains("second") || e.getKey().contains("result") || e.getKey().contains("answer")
                        || e.getKey().contains("refusal")) {
                    assertThat(e.getValue()).as(e.getKey()).doesNotContain("privateScore", "privateAuc", "private_auc");
                }
                for (String s : secret) {
                    assertThat(e.getValue()).as("private score %s on %s", s, e.getKey()).doesNotContain(s);
                }
            }
        }
    }

    private static long accountId(TestServer server, String username) {
        return server.app.accounts().repository().byUsername(username).orElseThrow().id();
    }

    /** Every way a score could be printed. */
    private static List<String> forms(double v) {
        return List.of(Double.toString(v), String.format(Locale.ROOT, "%.5f", v), String.format(Locale.ROOT, "%.4f", v),
                String.format(Locale.ROOT, "%.6f", v), String.format(Locale.ROOT, "%.3f%%", v * 100));
    }

    private static Map<String, String> crawl(Client c) throws Exception {
        return crawl(c, List.of("/", "/api/leaderboard", "/api/submissions", "/account"));
    }

    public static Map<String, String> crawl(Client c, List<String> start) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String path = todo.poll();
            // the language switch is crawled on purpose, one language at a time
            if (seen.containsKey(path) || path.startsWith("/logout") || path.startsWith("/language/")) {
                continue;
            }
            HttpResponse<byte[]> r = c.getBytes(path);
            String body = new String(r.body(), StandardCharsets.ISO_8859_1);
            seen.put(path, r.statusCode() + " " + r.headers().map() + "\n" + body);
            if (path.endsWith(".zip") && r.statusCode() == 200) {
                // compressed bytes hide nothing from a student: check what the zip holds
                for (var e : Zips.unzip(r.body()).entrySet()) {
                    seen.put(path + "!" + e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
                }
            }
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                todo.add(m.group(1).replace("&amp;", "&"));
            }
            Matcher ids = Pattern.compile("\"id\":(\\d+)").matcher(body);
            while (SUBMISSIONS_API.matcher(path).matches() && ids.find()) {
                todo.add(path + "/" + ids.group(1));
            }
        }
        return seen;
    }
}
