package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.holdout.account.Role;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.Sha256;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescoring with a preview: a corrected solution.csv flips the label of Id 0; the preview lists exactly the scores,
 * ranks and points that change (checked against AUCs, ranks and points this test computes itself), applying gives
 * exactly the previewed result, a restart serves it, a stale preview is refused, bad files are refused naming the
 * line, and students get 403 everywhere.
 */
class RescoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/staff/rescore";

    @TempDir
    Path dir;
    TestServer server;
    Client staff;
    Map<String, Client> students = new LinkedHashMap<>();
    /** Each student's uploads, in order. */
    Map<String, List<byte[]>> uploads = new LinkedHashMap<>();
    byte[] simpleFile = TinyCompetition.submission(99);

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        TinyCompetition.writeManifest(server.competition().bundleDir());
        staff = server.login("ta", Role.STAFF);
        for (String name : List.of("ann", "ben", "cid")) {
            students.put(name, server.login(name, Role.STUDENT));
            uploads.put(name, new ArrayList<>());
        }
        upload("ann", perfect());
        upload("ben", TinyCompetition.submission(2));
        upload("cid", TinyCompetition.submission(3));
        upload("cid", TinyCompetition.submission(4));
        Client.Multipart mp = new Client.Multipart().file("file", "simple.csv", simpleFile);
        assertThat(staff.api("POST", "/api/staff/thresholds/simple", staff.token, mp.publisher(), mp.contentType())
                .statusCode()).isEqualTo(200);
        assertThat(staff.api("PUT", "/api/staff/thresholds/medium", staff.token,
                HttpRequest.BodyPublishers.ofString("{\"public\":0.75,\"private\":0.7}"), "application/json")
                .statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void upload(String student, byte[] csv) throws Exception {
        HttpResponse<String> r = students.get(student).uploadApi(student + ".csv", csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        uploads.get(student).add(csv);
    }

    /** Anomalies above every normal row, each part ordered by Id: AUC 1 on both parts. */
    private static byte[] perfect() {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < TinyCompetition.ROWS; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.3f",
                    (TinyCompetition.anomaly(i) ? 0.6 : 0.4) + i / 1000.0)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The current labels with Id {@code flipped} changed, as a solution file in reverse order with CRLF. */
    private static byte[] solution(IntPredicate anomaly) {
        StringBuilder sb = new StringBuilder("Id,Expected,Usage\r\n");
        for (int i = TinyCompetition.ROWS - 1; i >= 0; i--) {
            sb.append(i).append(',').append(anomaly.test(i) ? 1 : 0).append(',').append(i < 20 ? "Public" : "Private")
                    .append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean flippedAnomaly(int id) {
        return id == 0 || TinyCompetition.anomaly(id);
    }

    /** Mann–Whitney AUC on one part, exactly: pairs won plus half the ties over all pairs. */
    static double auc(byte[] submission, IntPredicate anomaly, boolean publicPart) {
        double[] score = new double[TinyCompetition.ROWS];
        String[] lines = new String(submission, StandardCharsets.UTF_8).split("\n");
        for (int l = 1; l < lines.length; l++) {
            String[] f = lines[l].split(",");
            score[Integer.parseInt(f[0])] = Double.parseDouble(f[1]);
        }
        long twiceWins = 0;
        long pairs = 0;
        for (int p = 0; p < TinyCompetition.ROWS; p++) {
            for (int n = 0; n < TinyCompetition.ROWS; n++) {
                if ((p < 20) != publicPart || (n < 20) != publicPart || !anomaly.test(p) || anomaly.test(n)) {
                    continue;
                }
                pairs++;
                twiceWins += score[p] > score[n] ? 2 : score[p] == score[n] ? 1 : 0;
            }
        }
        return twiceWins / (2.0 * pairs);
    }

    private HttpResponse<String> preview(byte[] csv) throws Exception {
        return staff.api("PUT", API + "/solution", staff.token, HttpRequest.BodyPublishers.ofByteArray(csv),
                "text/csv");
    }

    private HttpResponse<String> apply(String id, String reason) throws Exception {
        return staff.api("POST", API + "/" + id + "/apply", staff.token,
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("reason", reason))),
                "application/json");
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** A student's standing as this test computes it: best public (ties to the earlier), best private of the K=2. */
    private record Side(double publicScore, int publicRank, double privateScore, int privateRank, double points) {
    }

    private Map<String, Side> standings(IntPredicate anomaly, double simplePublic, double simplePrivate) {
        Map<String, double[]> best = new LinkedHashMap<>();
        for (var e : uploads.entrySet()) {
            double pub = -1;
            double priv = -1;
            for (byte[] u : e.getValue()) {
                pub = Math.max(pub, auc(u, anomaly, true));
                priv = Math.max(priv, auc(u, anomaly, false));
            }
            best.put(e.getKey(), new double[] {pub, priv});
        }
        List<String> byPublic = new ArrayList<>(best.keySet());
        byPublic.sort(Comparator.comparingDouble(s -> -best.get(s)[0]));
        List<String> byPrivate = new ArrayList<>(best.keySet());
        byPrivate.sort(Comparator.comparingDouble(s -> -best.get(s)[1]));
        Map<String, Side> out = new HashMap<>();
        for (String s : best.keySet()) {
            double pub = best.get(s)[0];
            double priv = best.get(s)[1];
            double points = (pub >= simplePublic ? 1 : 0) + (pub >= 0.75 ? 1 : 0) + (priv >= simplePrivate ? 1 : 0)
                    + (priv >= 0.7 ? 1 : 0);
            out.put(s, new Side(pub, byPublic.indexOf(s) + 1, priv, byPrivate.indexOf(s) + 1, points));
        }
        return out;
    }

    @Test
    void thePreviewListsExactlyWhatChangesAndApplyingGivesExactlyThat() throws Exception {
        Path bundle = server.competition().bundleDir();
        String oldSha = Sha256.of(bundle.resolve(Bundle.SOLUTION));
        byte[] oldSolution = Files.readAllBytes(bundle.resolve(Bundle.SOLUTION));
        JsonNode p = json(preview(solution(RescoreTest::flippedAnomaly)), 201);

        assertThat(p.get("labelsChanged").asInt()).isEqualTo(1);
        assertThat(p.get("usagesChanged").asInt()).isZero();
        assertThat(p.get("changedIds")).hasSize(1);
        assertThat(p.get("changedIds").get(0).get("id").asText()).isEqualTo("0");
        assertThat(p.get("changedIds").get(0).get("expectedAfter").asInt()).isEqualTo(1);
        assertThat(p.get("submissionsRescored").asInt()).isEqualTo(4);
        assertThat(p.get("oldSha256").asText()).isEqualTo(oldSha);

        Map<Long, byte[]> byId = new HashMap<>();
        Map<Long, String> owner = new HashMap<>();
        for (String s : students.keySet()) {
            JsonNode mine = JSON.readTree(students.get(s).apiGet("/api/submissions").body()).get("submissions");
            List<JsonNode> rows = new ArrayList<>();
            mine.forEach(rows::add);
            rows.sort(Comparator.comparingLong(r -> r.get("id").asLong()));
            for (int i = 0; i < rows.size(); i++) {
                byId.put(rows.get(i).get("id").asLong(), uploads.get(s).get(i));
                owner.put(rows.get(i).get("id").asLong(), s);
            }
        }
        Set<Long> expectChanged = new HashSet<>();
        byId.forEach((id, bytes) -> {
            if (auc(bytes, TinyCompetition::anomaly, true) != auc(bytes, RescoreTest::flippedAnomaly, true)) {
                expectChanged.add(id);
            }
        });
        Set<Long> listed = new HashSet<>();
        for (JsonNode s : p.get("submissions")) {
            long id = s.get("id").asLong();
            listed.add(id);
            byte[] bytes = byId.get(id);
            assertThat(s.get("username").asText()).isEqualTo(owner.get(id));
            assertThat(s.get("publicBefore").asDouble()).isCloseTo(auc(bytes, TinyCompetition::anomaly, true),
                    within(1e-12));
            assertThat(s.get("publicAfter").asDouble()).isCloseTo(auc(bytes, RescoreTest::flippedAnomaly, true),
                    within(1e-12));
            assertThat(s.get("privateAfter").asDouble()).as("the private part did not change")
                    .isEqualTo(s.get("privateBefore").asDouble());
        }
        assertThat(listed).isEqualTo(expectChanged).isNotEmpty();
        JsonNode ann = null;
        for (JsonNode s : p.get("submissions")) {
            if (s.get("username").asText().equals("ann")) {
                ann = s;
            }
        }
        assertThat(ann).isNotNull();
        assertThat(ann.get("publicBefore").asDouble()).isEqualTo(1.0);
        // Id 0 becomes an anomaly scored below all 11 normal rows: 11 of 9 x 11 pairs lost
        assertThat(ann.get("publicAfter").asDouble()).isCloseTo(88.0 / 99, within(1e-15));

        JsonNode thresholds = p.get("thresholds");
        assertThat(thresholds).as("only the uploaded one; the typed one stays").hasSize(1);
        assertThat(thresholds.get(0).get("name").asText()).isEqualTo("simple");
        double simplePublic = auc(simpleFile, RescoreTest::flippedAnomaly, true);
        double simplePrivate = auc(simpleFile, RescoreTest::flippedAnomaly, false);
        assertThat(thresholds.get(0).get("publicAfter").asDouble()).isCloseTo(simplePublic, within(1e-12));

        Map<String, Side> before = standings(TinyCompetition::anomaly, auc(simpleFile, TinyCompetition::anomaly, true),
                auc(simpleFile, TinyCompetition::anomaly, false));
        Map<String, Side> after = standings(RescoreTest::flippedAnomaly, simplePublic, simplePrivate);
        Set<String> studentsChanged = new HashSet<>();
        for (String s : students.keySet()) {
            if (!before.get(s).equals(after.get(s))) {
                studentsChanged.add(s);
            }
        }
        Map<String, JsonNode> previewed = new HashMap<>();
        p.get("students").forEach(s -> previewed.put(s.get("username").asText(), s));
        assertThat(previewed.keySet()).isEqualTo(studentsChanged).contains("ann");
        previewed.forEach((s, row) -> {
            Side b = before.get(s);
            Side a = after.get(s);
            assertThat(row.get("before").get("publicRank").asInt()).isEqualTo(b.publicRank());
            assertThat(row.get("after").get("publicRank").asInt()).as(s).isEqualTo(a.publicRank());
            assertThat(row.get("after").get("publicScore").asDouble()).isCloseTo(a.publicScore(), within(1e-12));
            assertThat(row.get("after").get("privateRank").asInt()).isEqualTo(a.privateRank());
            assertThat(row.get("before").get("pointsTotal").asDouble()).as(s).isEqualTo(b.points());
            assertThat(row.get("after").get("pointsTotal").asDouble()).as(s).isEqualTo(a.points());
        });

        JsonNode applied = json(apply(p.get("id").asText(), "the label of Id 0 was wrong"), 200);
        assertThat(applied.get("submissionsChanged").asInt()).isEqualTo(expectChanged.size());
        assertThat(applied.get("thresholdsChanged").asInt()).isEqualTo(1);

        assertAppliedAsPreviewed(p);
        assertThat(Files.readString(bundle.resolve(Bundle.SOLUTION))).as("written as the bundle holds it")
                .startsWith("Id,Expected,Usage\n0,1,Public\n1,1,Public\n2,0,Public\n");
        assertThat(Sha256.of(bundle.resolve(Bundle.SOLUTION))).isEqualTo(p.get("newSha256").asText());
        Path kept = bundle.resolve(applied.get("oldSolutionKeptAs").asText());
        assertThat(kept.getFileName().toString()).startsWith("solution.csv.replaced-");
        assertThat(Files.readAllBytes(kept)).as("nothing lost").isEqualTo(oldSolution);
        BundleManifest manifest = Bundle.open(bundle).manifest();
        assertThat(manifest.files().get(Bundle.SOLUTION)).isEqualTo(p.get("newSha256").asText());
        assertThat(manifest.labelCounts().get("public")).isEqualTo(Map.of("normal", 11, "anomaly", 9));
        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".next"));
        }

        String audit = staff.apiGet("/api/staff/audit").body();
        assertThat(audit).contains("\"action\":\"rescore\"", "\"reason\":\"the label of Id 0 was wrong\"",
                "1 label(s) and 0 usage(s) changed", expectChanged.size() + " of 4 scored submission(s)",
                oldSha + " -> " + p.get("newSha256").asText());
        assertThat(staff.apiGet("/api/staff/thresholds/simple/history").body()).contains("\"action\":\"rescore\"");

        upload("ann", perfect());
        JsonNode newest = JSON.readTree(students.get("ann").apiGet("/api/submissions").body()).get("submissions")
                .get(0);
        assertThat(newest.get("publicScore").asDouble()).as("a new upload is scored with the new key")
                .isCloseTo(88.0 / 99, within(1e-15));

        server.restart();
        staff = reconnected(staff);
        students.replaceAll((name, c) -> reconnected(c));
        assertAppliedAsPreviewed(p);
        assertThat(Bundle.open(bundle).manifest().files().get(Bundle.SOLUTION)).isEqualTo(p.get("newSha256").asText());
        upload("ben", perfect());
        assertThat(JSON.readTree(students.get("ben").apiGet("/api/submissions").body()).get("submissions").get(0)
                .get("publicScore").asDouble()).as("after the restart too")
                .isCloseTo(88.0 / 99, within(1e-15));

        JsonNode same = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        assertThat(same.get("changesNothing").asBoolean()).isTrue();
        assertThat(same.get("submissions")).isEmpty();
        assertThat(staff.api("DELETE", API + "/" + same.get("id").asText(), staff.token,
                HttpRequest.BodyPublishers.noBody(), null).statusCode()).isEqualTo(204);
        assertThat(dir.resolve("staging").resolve(same.get("id").asText())).doesNotExist();
        assertThat(staff.api("DELETE", API + "/" + same.get("id").asText(), staff.token,
                HttpRequest.BodyPublishers.noBody(), null).statusCode()).isEqualTo(404);
    }

    /** A client of the restarted server (on its new port) with the same token. */
    private Client reconnected(Client c) {
        Client again = new Client(server.url());
        again.token = c.token;
        return again;
    }

    /** Every submission, the board and the threshold hold what the preview said they would. */
    private void assertAppliedAsPreviewed(JsonNode p) throws Exception {
        Map<Long, Double> publicAfter = new HashMap<>();
        p.get("submissions").forEach(s -> publicAfter.put(s.get("id").asLong(), s.get("publicAfter").asDouble()));
        int seen = 0;
        for (Client c : students.values()) {
            for (JsonNode s : JSON.readTree(c.apiGet("/api/submissions").body()).get("submissions")) {
                Double expected = publicAfter.get(s.get("id").asLong());
                if (expected != null) {
                    assertThat(s.get("publicScore").asDouble()).isEqualTo(expected);
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(publicAfter.size());
        JsonNode board = JSON.readTree(staff.apiGet("/api/leaderboard").body());
        Map<String, JsonNode> rows = new HashMap<>();
        board.get("rows").forEach(r -> {
            if (!r.get("username").isNull()) {
                rows.put(r.get("username").asText(), r);
            }
        });
        for (JsonNode s : p.get("students")) {
            JsonNode row = rows.get(s.get("username").asText());
            assertThat(row.get("rank").asInt()).isEqualTo(s.get("after").get("publicRank").asInt());
            assertThat(row.get("publicScore").asDouble()).isEqualTo(s.get("after").get("publicScore").asDouble());
        }
        JsonNode simple = JSON.readTree(staff.apiGet("/api/staff/thresholds").body()).get(0);
        assertThat(simple.get("public").asDouble()).isEqualTo(p.get("thresholds").get(0).get("publicAfter").asDouble());
    }

    @Test
    void anExcludedSubmissionIsRescoredAndStaysExcluded() throws Exception {
        JsonNode mine = JSON.readTree(students.get("ann").apiGet("/api/submissions").body()).get("submissions");
        long annId = mine.get(0).get("id").asLong();
        HttpResponse<String> excluded = staff.api("POST", "/api/staff/exclusions", staff.token,
                HttpRequest.BodyPublishers.ofString("{\"submission\":" + annId + ",\"reason\":\"copied\"}"),
                "application/json");
        assertThat(excluded.statusCode()).as(excluded.body()).isEqualTo(201);

        JsonNode p = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        JsonNode ann = null;
        for (JsonNode s : p.get("submissions")) {
            if (s.get("id").asLong() == annId) {
                ann = s;
            }
        }
        assertThat(ann).as("rescored although excluded").isNotNull();
        assertThat(ann.get("publicAfter").asDouble()).isCloseTo(88.0 / 99, within(1e-15));
        for (JsonNode s : p.get("students")) {
            assertThat(s.get("username").asText()).as("off the boards before and after").isNotEqualTo("ann");
        }
        json(apply(p.get("id").asText(), "Id 0"), 200);
        assertThat(staff.apiGet("/api/staff/exclusions").body()).contains("\"submission\":" + annId,
                "\"active\":true");
        JsonNode after = JSON.readTree(students.get("ann").apiGet("/api/submissions").body()).get("submissions")
                .get(0);
        assertThat(after.get("publicScore").asDouble()).isCloseTo(88.0 / 99, within(1e-15));
        assertThat(after.toString()).contains("copied");
    }

    @Test
    void aPreviewIsRefusedOnceSomethingWasScoredSinceAndAfterAnotherApply() throws Exception {
        Path solution = server.competition().bundleDir().resolve(Bundle.SOLUTION);
        String sha = Sha256.of(solution);
        JsonNode stale = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        upload("ben", TinyCompetition.submission(5));
        HttpResponse<String> refused = apply(stale.get("id").asText(), "label fix");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("no longer current",
                "upload the solution again to preview");
        assertThat(Sha256.of(solution)).as("nothing changed").isEqualTo(sha);
        assertThat(staff.apiGet("/api/staff/audit").body()).doesNotContain("\"action\":\"rescore\"");

        JsonNode first = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        JsonNode second = json(preview(solution(id -> id == 2 || TinyCompetition.anomaly(id))), 201);
        json(apply(second.get("id").asText(), "Id 2"), 200);
        HttpResponse<String> late = apply(first.get("id").asText(), "Id 0");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(late.body()).contains("was replaced since the preview");
    }

    @Test
    void badFilesAreRefusedNamingTheLineAndNothingIsStaged() throws Exception {
        StringBuilder missing = new StringBuilder("Id,Expected,Usage\n");
        StringBuilder extra = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < TinyCompetition.ROWS; i++) {
            String row = "," + (TinyCompetition.anomaly(i) ? 1 : 0) + "," + (i < 20 ? "Public" : "Private") + "\n";
            if (i != 7) {
                missing.append(i).append(row);
            }
            extra.append(i == 5 ? 99 : i).append(row);
        }
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(missing.toString(), "missing Id 7 (the file has 39 of the 40 test Ids)");
        cases.put(extra.toString(), "Id 99 on line 7 is not a test Id");
        cases.put("Id,Expected,Usage\n0,2,Public\n", "Expected must be 0 or 1, found \"2\" on line 2 (Id 0)");
        cases.put("Id,Expected,Usage\n0,1,Hidden\n", "Usage must be Public or Private, found \"Hidden\" on line 2");
        cases.put("Id,Predicted\n0,1\n", "line 1 must be the header Id,Expected,Usage");
        cases.put(new String(solution(id -> id >= 20 && TinyCompetition.anomaly(id)), StandardCharsets.UTF_8),
                "the Public part has 20 normal rows (Expected 0) and 0 anomalies");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = preview(c.getKey().getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("The new solution.csv is refused: ")
                    .contains(c.getValue());
        }
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry(Bundle.SOLUTION));
            out.write(solution(RescoreTest::flippedAnomaly));
        }
        HttpResponse<String> zipped = preview(zip.toByteArray());
        assertThat(zipped.statusCode()).as(zipped.body()).isEqualTo(415);
        assertThat(JSON.readTree(zipped.body()).get("error").asText()).isEqualTo("The new solution.csv is refused: it is"
                + " a zip archive, not a CSV; uncompress it and upload solution.csv itself.");
        assertThat(dir.resolve("staging")).isEmptyDirectory();
        JsonNode p = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        HttpResponse<String> noReason = staff.api("POST", API + "/" + p.get("id").asText() + "/apply", staff.token,
                HttpRequest.BodyPublishers.ofString("{}"), "application/json");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(apply("0123456789abcdef0123456789abcdef", "x").statusCode()).isEqualTo(404);
        assertThat(staff.api("PUT", "/api/staff/c/tiny/rescore/solution", staff.token,
                HttpRequest.BodyPublishers.ofByteArray(solution(RescoreTest::flippedAnomaly)), "text/csv")
                .statusCode()).as("the slugged twin").isEqualTo(201);
    }

    @Test
    void studentsGet403OnEveryRescoreRoute() throws Exception {
        JsonNode p = json(preview(solution(RescoreTest::flippedAnomaly)), 201);
        String id = p.get("id").asText();
        Client ann = students.get("ann");
        for (String prefix : List.of("", "/api/staff/c/tiny".replace("/api/staff", ""))) {
            assertThat(ann.api("PUT", "/api/staff" + prefix + "/rescore/solution", ann.token,
                    HttpRequest.BodyPublishers.ofByteArray(solution(RescoreTest::flippedAnomaly)), "text/csv")
                    .statusCode()).isEqualTo(403);
            assertThat(ann.api("GET", "/api/staff" + prefix + "/rescore/" + id, ann.token,
                    HttpRequest.BodyPublishers.noBody(), null).statusCode()).isEqualTo(403);
            assertThat(ann.api("POST", "/api/staff" + prefix + "/rescore/" + id + "/apply", ann.token,
                    HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"), "application/json").statusCode())
                    .isEqualTo(403);
            assertThat(ann.api("DELETE", "/api/staff" + prefix + "/rescore/" + id, ann.token,
                    HttpRequest.BodyPublishers.noBody(), null).statusCode()).isEqualTo(403);
        }
        for (String page : List.of("/staff/rescore", "/c/tiny/staff/rescore", "/staff/rescore?preview=" + id)) {
            HttpResponse<String> r = ann.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(403);
            assertThat(r.body()).doesNotContain(id);
        }
        assertThat(ann.postForm("/staff/rescore/" + id + "/apply", Map.of("reason", "x"), true).statusCode())
                .isEqualTo(403);
        assertThat(staff.apiGet(API + "/" + id).statusCode()).as("the preview is still there").isEqualTo(200);
    }
}
