package org.holdout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.holdout.account.Role;
import org.holdout.scoring.AucInterval;
import org.holdout.scoring.DeLong;
import org.holdout.submission.ScoreText;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grade export end to end on a real server: students upload files whose AUCs are exact fractions the test counts
 * itself, staff set thresholds, and every number of the CSV, the JSON, the Canvas file and the grades page is checked
 * against the test's own ranks, selections and points.
 */
public class GradesTest {
    static final String HEADER = "username,display_name,email,public_score,public_rank,private_score,private_rank,"
            + "final_submissions,submissions,passed_public,passed_private,points_public,points_private,points_total,"
            + "late,excluded,code_uploaded";
    public static final String[] ROUTES = {"/api/staff/grades.csv", "/api/staff/grades.json",
        "/api/staff/grades-canvas.csv", "/api/staff/c/tiny/grades.csv", "/api/staff/c/tiny/grades.json",
        "/api/staff/c/tiny/grades-canvas.csv"};
    public static final String[] PAGES = {"/staff/grades", "/c/tiny/staff/grades"};
    /** name, public, private, points on each board (the defaults: 1, 1, 0.5, 0.5). */
    static final Object[][] THRESHOLDS = {{"simple", 0.5, 0.5, 1.0}, {"medium", 0.75, 0.75, 1.0},
        {"strong", 0.9, 0.9, 0.5}, {"boss", 1.0, 1.0, 0.5}};

    static boolean anomaly(int id) {
        return TinyCompetition.anomaly(id);
    }

    /** The files, each a score per Id. */
    static final IntToDoubleFunction PERFECT = i -> anomaly(i) ? 1 : 0;
    static final IntToDoubleFunction OVERFIT = i -> i < 20 == anomaly(i) ? 1 : 0;
    static final IntToDoubleFunction HALF = i -> i < 20 ? 0.5 : anomaly(i) ? 1 : 0;
    static final IntToDoubleFunction BY_ID = i -> i;
    static final IntToDoubleFunction FLAT = i -> 0.5;
    static final IntToDoubleFunction TIED = i -> anomaly(i) ? i % 7 : i % 4;

    record Upload(String user, IntToDoubleFunction scores, int order, boolean excluded, boolean late) {
        Upload(String user, IntToDoubleFunction scores, int order) {
            this(user, scores, order, false, false);
        }

        double pub() {
            return auc(scores, true);
        }

        double priv() {
            return auc(scores, false);
        }
    }

    static byte[] csv(IntToDoubleFunction f) {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < TinyCompetition.ROWS; i++) {
            sb.append(i).append(',').append(f.applyAsDouble(i)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pairs counted one by one: 2 when the anomaly scores higher, 1 on a tie; over 2·m·n. */
    static double auc(IntToDoubleFunction f, boolean publicPart) {
        long twice = 0;
        long pairs = 0;
        for (int a = 0; a < TinyCompetition.ROWS; a++) {
            for (int n = 0; n < TinyCompetition.ROWS; n++) {
                if ((a < 20) == publicPart && (n < 20) == publicPart && anomaly(a) && !anomaly(n)) {
                    double x = f.applyAsDouble(a);
                    double y = f.applyAsDouble(n);
                    twice += x > y ? 2 : x == y ? 1 : 0;
                    pairs++;
                }
            }
        }
        return (double) twice / (2.0 * pairs);
    }

    static double[] part(IntToDoubleFunction f, boolean publicPart, boolean anomalous) {
        return java.util.stream.IntStream.range(0, TinyCompetition.ROWS)
                .filter(i -> (i < 20) == publicPart && anomaly(i) == anomalous).mapToDouble(f).toArray();
    }

    /** What the test expects of one student, computed from its uploads alone. */
    static final class Expected {
        final String user;
        final List<Upload> uploads = new ArrayList<>();
        List<Upload> marked = List.of();
        boolean studentExcluded;
        Upload bestPublic;
        List<Upload> finals = List.of();
        Upload bestPrivate;
        Integer publicRank;
        Integer privateRank;
        List<Long> finalIds = new ArrayList<>();
        List<String> passedPublic = new ArrayList<>();
        List<String> passedPrivate = new ArrayList<>();
        double pointsPublic;
        double pointsPrivate;

        Expected(String user) {
            this.user = user;
        }
    }

    /**
     * DESIGN.md's rules, counted plainly: the public score is the best among on-time, non-excluded uploads (ties to the
     * earlier); the final selection is the marked ones still counting, else the 2 best public; an excluded student has
     * no score on either board and no points.
     */
    static Map<String, Expected> expect(List<Upload> uploads, List<String> students) {
        Map<String, Expected> byUser = new LinkedHashMap<>();
        students.forEach(s -> byUser.put(s, new Expected(s)));
        uploads.forEach(u -> byUser.get(u.user).uploads.add(u));
        return byUser;
    }

    static void rank(Map<String, Expected> byUser) {
        Comparator<Upload> publicOrder = Comparator.comparingDouble(Upload::pub).reversed()
                .thenComparingInt(Upload::order);
        Comparator<Upload> privateOrder = Comparator.comparingDouble(Upload::priv).reversed()
                .thenComparingInt(Upload::order);
        for (Expected e : byUser.values()) {
            List<Upload> counting = e.uploads.stream().filter(u -> !u.excluded() && !u.late()).toList();
            if (counting.isEmpty() || e.studentExcluded) {
                continue;
            }
            List<Upload> sorted = new ArrayList<>(counting);
            sorted.sort(publicOrder);
            e.bestPublic = sorted.get(0);
            List<Upload> marked = e.marked.stream().filter(counting::contains).toList();
            e.finals = marked.isEmpty() ? sorted.subList(0, Math.min(2, sorted.size())) : marked;
            e.bestPrivate = e.finals.stream().min(privateOrder).orElseThrow();
            for (Object[] t : THRESHOLDS) {
                if (e.bestPublic.pub() >= (double) t[1]) {
                    e.passedPublic.add((String) t[0]);
                    e.pointsPublic += (double) t[3];
                }
                if (e.bestPrivate.priv() >= (double) t[2]) {
                    e.passedPrivate.add((String) t[0]);
                    e.pointsPrivate += (double) t[3];
                }
            }
        }
        List<Expected> ranked = byUser.values().stream().filter(e -> e.bestPublic != null).toList();
        List<Expected> byPublic = new ArrayList<>(ranked);
        byPublic.sort(Comparator.comparing((Expected e) -> e.bestPublic, publicOrder));
        for (int i = 0; i < byPublic.size(); i++) {
            byPublic.get(i).publicRank = i + 1;
        }
        List<Expected> byPrivate = new ArrayList<>(ranked);
        byPrivate.sort(Comparator.comparing((Expected e) -> e.bestPrivate, privateOrder));
        for (int i = 0; i < byPrivate.size(); i++) {
            byPrivate.get(i).privateRank = i + 1;
        }
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    static String num(Double d) {
        return d == null ? "" : d.toString();
    }

    @Test
    void everyNumberOfTheExportIsWhatTheTestCountsAndOnlyStaffGetIt(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Map<String, Client> students = new LinkedHashMap<>();
            for (String s : List.of("ann", "bob", "carol", "dave", "eve")) {
                students.put(s, server.login(s, Role.STUDENT));
            }
            for (Object[] t : THRESHOLDS) {
                HttpResponse<String> r = ta.api("PUT", "/api/staff/thresholds/" + t[0], ta.token,
                        json(String.format(Locale.ROOT, "{\"public\": %s, \"private\": %s}", t[1], t[2])),
                        "application/json");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            Upload annOverfit = new Upload("ann", OVERFIT, 0, true, false);
            Upload carolTied = new Upload("carol", TIED, 5);
            List<Upload> uploads = List.of(annOverfit, new Upload("carol", BY_ID, 1), new Upload("ann", HALF, 2),
                    new Upload("bob", PERFECT, 3), new Upload("carol", FLAT, 4), carolTied,
                    new Upload("eve", PERFECT, 6), new Upload("dave", PERFECT, 7, false, true));
            Map<Upload, Long> ids = new LinkedHashMap<>();
            for (Upload u : uploads) {
                if (u.late()) {
                    continue;
                }
                server.clock.advance(Duration.ofMinutes(1));
                HttpResponse<String> r = students.get(u.user).uploadApi("f.csv", csv(u.scores));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                ids.put(u, new ObjectMapper().readTree(r.body()).get("submission").get("id").asLong());
            }
            Map<String, Expected> expected = expect(uploads, List.of("ann", "bob", "carol", "dave", "eve"));

            HttpResponse<String> marked = students.get("carol").api("PUT", "/api/selection",
                    students.get("carol").token, json("{\"submissions\": [" + ids.get(carolTied) + "]}"),
                    "application/json");
            assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
            expected.get("carol").marked = List.of(carolTied);
            assertThat(ta.api("POST", "/api/staff/exclusions", ta.token, json("{\"submission\": "
                    + ids.get(annOverfit) + ", \"reason\": \"copied\"}"), "application/json").statusCode())
                    .isBetween(200, 201);
            assertThat(ta.api("POST", "/api/staff/exclusions", ta.token, json("{\"username\": \"eve\","
                    + " \"reason\": \"shared an account\"}"), "application/json").statusCode()).isBetween(200, 201);
            expected.get("eve").studentExcluded = true;
            assertThat(ta.api("PUT", "/api/staff/settings", ta.token, json("{\"latePolicy\": \"accept_late\"}"),
                    "application/json").statusCode()).isEqualTo(200);
            server.clock.advance(Duration.ofMinutes(1));
            assertThat(ta.api("PUT", "/api/staff/deadline", ta.token, json("{\"deadline\": \""
                    + server.clock.instant() + "\"}"), "application/json").statusCode()).isEqualTo(200);
            server.clock.advance(Duration.ofMinutes(1));
            HttpResponse<String> late = students.get("dave").uploadApi("late.csv", csv(PERFECT));
            assertThat(late.statusCode()).as(late.body()).isEqualTo(201);

            rank(expected);
            expected.values().forEach(e -> e.finals.forEach(u -> e.finalIds.add(ids.get(u))));
            assertThat(expected.get("bob").publicRank).isEqualTo(1);
            assertThat(expected.get("ann").bestPublic.scores).as("her excluded file no longer counts").isSameAs(HALF);
            assertThat(expected.get("carol").bestPrivate).as("her mark counts privately").isSameAs(carolTied);
            assertThat(expected.get("dave").bestPublic).as("late").isNull();
            assertThat(expected.get("eve").bestPublic).as("excluded").isNull();

            for (Client student : students.values()) {
                for (String path : ROUTES) {
                    assertThat(student.apiGet(path).statusCode()).as(path).isEqualTo(403);
                    assertThat(student.getBytes(path).statusCode()).as(path).isEqualTo(403);
                }
                for (String path : PAGES) {
                    assertThat(student.get(path).statusCode()).as(path).isEqualTo(403);
                }
            }
            Client nobody = new Client(server.url());
            for (String path : ROUTES) {
                assertThat(nobody.getBytes(path).statusCode()).as(path).isEqualTo(401);
            }
            for (String path : PAGES) {
                HttpResponse<String> r = nobody.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(302);
                assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/login");
            }

            HttpResponse<byte[]> csvResponse = ta.getBytes("/api/staff/c/tiny/grades.csv");
            assertThat(csvResponse.statusCode()).isEqualTo(200);
            assertThat(csvResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csvResponse.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"grades-tiny-2026-03-01.csv\"");
            byte[] csv = csvResponse.body();
            assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(ta.getBytes("/api/staff/grades.csv").body()).as("the twin without slug").isEqualTo(csv);
            String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n", -1);
            assertThat(lines[0]).isEqualTo(HEADER);
            assertThat(lines).hasSize(2 + expected.size());
            Map<String, String> rowOf = new LinkedHashMap<>();
            for (int i = 1; i <= expected.size(); i++) {
                rowOf.put(lines[i].substring(0, lines[i].indexOf(',')), lines[i]);
            }
            assertThat(rowOf.keySet()).as("by public rank, then the students without one")
                    .startsWith("bob").containsExactlyInAnyOrder("ann", "bob", "carol", "dave", "eve");
            for (Expected e : expected.values()) {
                Double pub = e.bestPublic == null ? null : e.bestPublic.pub();
                Double priv = e.bestPrivate == null ? null : e.bestPrivate.priv();
                String want = String.join(",", e.user, e.user.toUpperCase(Locale.ROOT), "", num(pub),
                        e.publicRank == null ? "" : e.publicRank.toString(), num(priv),
                        e.privateRank == null ? "" : e.privateRank.toString(),
                        String.join(";", e.finalIds.stream().map(String::valueOf).toList()),
                        Integer.toString(e.uploads.size()), String.join(";", e.passedPublic),
                        String.join(";", e.passedPrivate), Double.toString(e.pointsPublic),
                        Double.toString(e.pointsPrivate), Double.toString(e.pointsPublic + e.pointsPrivate),
                        Boolean.toString(e.uploads.stream().anyMatch(Upload::late)),
                        Boolean.toString(e.studentExcluded || e.uploads.stream().anyMatch(Upload::excluded)),
                        "false");
                assertThat(rowOf.get(e.user)).as(e.user).isEqualTo(want);
            }
            assertThat(expected.get("bob").pointsPublic + expected.get("bob").pointsPrivate).isEqualTo(6.0);
            assertThat(rowOf.get("eve")).endsWith(",1,,,0.0,0.0,0.0,false,true,false");
            assertThat(rowOf.get("dave")).endsWith(",1,,,0.0,0.0,0.0,true,false,false");

            HttpResponse<byte[]> jsonResponse = ta.getBytes("/api/staff/c/tiny/grades.json");
            assertThat(jsonResponse.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"grades-tiny-2026-03-01.json\"");
            JsonNode json = new ObjectMapper().readTree(jsonResponse.body());
            assertThat(json.get("competition").asText()).isEqualTo("tiny");
            assertThat(json.get("revealed").asBoolean()).isFalse();
            assertThat(json.get("exported_at").asText()).isEqualTo(server.clock.instant().toString());
            assertJsonEqualsCsv(json.get("grades"), lines);

            HttpResponse<byte[]> canvasResponse = ta.getBytes("/api/staff/c/tiny/grades-canvas.csv");
            assertThat(canvasResponse.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"canvas-grades-tiny-2026-03-01.csv\"");
            byte[] canvas = canvasResponse.body();
            List<String> canvasLines = new ArrayList<>();
            canvasLines.add("Student,ID,SIS User ID,SIS Login ID,Section,Tiny test competition");
            canvasLines.add("    Points Possible,,,,,6.0");
            for (String user : rowOf.keySet()) {
                Expected e = expected.get(user);
                canvasLines.add(e.user.toUpperCase(Locale.ROOT) + ",,," + e.user + ",,"
                        + (e.pointsPublic + e.pointsPrivate));
            }
            canvasLines.add("");
            assertThat(new String(canvas, StandardCharsets.UTF_8))
                    .isEqualTo("\uFEFF" + String.join("\r\n", canvasLines));

            String page = ta.get("/c/tiny/staff/grades").body();
            assertThat(page).contains("id=\"not-revealed\"", "id=\"download-csv\"",
                    "href=\"/api/staff/c/tiny/grades-canvas.csv\"", "<svg");
            Expected carol = expected.get("carol");
            AucInterval ci = DeLong.of(part(carol.bestPublic.scores, true, true),
                    part(carol.bestPublic.scores, true, false));
            assertThat(ci.hasInterval()).isTrue();
            assertThat(page).contains(ScoreText.fiveDecimals(ci.lower()) + " – " + ScoreText.fiveDecimals(ci.upper()))
                    .contains(ScoreText.fiveDecimals(carol.bestPublic.pub()));
            assertThat(page).as("bob's perfect file has no spread").contains("1.00000 – 1.00000");
            assertThat(ta.get("/staff").body()).contains("id=\"grades-link\"");

            assertThat(ta.api("POST", "/api/staff/reveal", ta.token, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(ta.getBytes("/api/staff/grades.json").body()).get("revealed")
                    .asBoolean()).isTrue();
            assertThat(ta.getBytes("/api/staff/grades.csv").body()).as("the same grades after the reveal")
                    .isEqualTo(csv);
            assertThat(ta.get("/staff/grades").body()).doesNotContain("id=\"not-revealed\"");
        }
    }

    /** Each JSON object has the CSV's columns as keys, in order, with the same values. */
    static void assertJsonEqualsCsv(JsonNode grades, String[] lines) {
        String[] header = lines[0].split(",");
        assertThat(grades.size()).isEqualTo(lines.length - 2);
        for (int i = 0; i < grades.size(); i++) {
            JsonNode row = grades.get(i);
            String[] cells = lines[i + 1].split(",", -1);
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly(header);
            for (int c = 0; c < header.length; c++) {
                JsonNode v = row.get(header[c]);
                String asCell = v.isNull() ? "" : v.isArray() ? String.join(";", toStrings(v))
                        : v.isNumber() && v.isFloatingPointNumber() ? Double.toString(v.asDouble()) : v.asText();
                assertThat(asCell).as(header[c] + " of row " + i).isEqualTo(cells[c]);
                if (header[c].endsWith("_score") || header[c].startsWith("points")) {
                    assertThat(v.isNull() || v.isNumber()).as(header[c] + " is a JSON number").isTrue();
                }
            }
        }
    }

    private static List<String> toStrings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
