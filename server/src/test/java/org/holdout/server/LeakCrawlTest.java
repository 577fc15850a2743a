package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs in as a student, visits everything a student can reach, and looks for any private score in any form. */
class LeakCrawlTest {
    private static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"(/[^\"#]*)\"");

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
            staff.api("PUT", "/api/staff/baselines/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\":0.55,\"private\":0.7373737}"), "application/json");
            Client.Multipart mp = new Client.Multipart().file("file", "boss.csv", TinyCompetition.submission(77));
            staff.api("POST", "/api/staff/baselines/boss", staff.token, mp.publisher(), mp.contentType());

            List<Double> privates = new ArrayList<>();
            List<Double> publics = new ArrayList<>();
            for (Submission s : server.app.submissions().repository().ofCompetition(server.competition().id())) {
                if (s.state() == SubmissionState.SCORED) {
                    privates.add(s.privateAuc());
                    publics.add(s.publicAuc());
                }
            }
            server.app.baselines().all(server.competition()).forEach(b -> {
                privates.add(b.privateAuc());
                publics.add(b.publicAuc());
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

            Map<String, String> seen = crawl(ann);
            seen.put("429 answer", ann.uploadApi("over.csv", TinyCompetition.submission(5)).body());
            seen.put("422 answer", ann.uploadApi("bad.csv", TinyCompetition.missingId()).body());
            seen.put("form refusal", ann.follow(ann.uploadForm("bad.csv", TinyCompetition.missingId())).body());
            for (String result : benResults) {
                seen.put("form result " + result, ben.get(result).body());
            }

            assertThat(seen).containsKeys("/", "/data", "/submit", "/submissions", "/leaderboard", "/account",
                    "/api/leaderboard", "/api/submissions", "/data/train.npy", "/data/sample_submission.csv");
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

    /** Every way a score could be printed. */
    private static List<String> forms(double v) {
        return List.of(Double.toString(v), String.format(Locale.ROOT, "%.5f", v), String.format(Locale.ROOT, "%.4f", v),
                String.format(Locale.ROOT, "%.6f", v), String.format(Locale.ROOT, "%.3f%%", v * 100));
    }

    private static Map<String, String> crawl(Client c) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of("/", "/api/leaderboard", "/api/submissions", "/account"));
        while (!todo.isEmpty()) {
            String path = todo.poll();
            if (seen.containsKey(path) || path.startsWith("/logout")) {
                continue;
            }
            HttpResponse<byte[]> r = c.getBytes(path);
            String body = new String(r.body(), StandardCharsets.ISO_8859_1);
            seen.put(path, r.statusCode() + " " + r.headers().map() + "\n" + body);
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                todo.add(m.group(1).replace("&amp;", "&"));
            }
            Matcher ids = Pattern.compile("\"id\":(\\d+)").matcher(body);
            while (path.equals("/api/submissions") && ids.find()) {
                todo.add("/api/submissions/" + ids.group(1));
            }
        }
        return seen;
    }
}
