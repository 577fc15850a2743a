package org.holdout.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.holdout.account.Role;
import org.holdout.bundle.Sha256;
import org.holdout.code.CodeUploadRepository;
import org.holdout.submission.UploadStore;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code and report step over real HTTP: staff set the code deadline and the report rule, students upload zips (the
 * latest counts) through the API and the page, bad zips and oversized ones are refused and not kept, staff list and
 * download them byte for byte, students cannot, and the step closes at the code deadline.
 */
class CodeUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> putSettings(Client staff, String json) throws Exception {
        return staff.api("PUT", "/api/staff/settings", staff.token, HttpRequest.BodyPublishers.ofString(json),
                "application/json");
    }

    private static HttpResponse<String> uploadRaw(Client c, String name, byte[] zip) throws Exception {
        return c.api("POST", "/api/code?filename=" + name, c.token, HttpRequest.BodyPublishers.ofByteArray(zip),
                "application/zip");
    }

    private static HttpResponse<String> uploadForm(Client c, String name, byte[] zip) throws Exception {
        c.get("/code");
        Client.Multipart mp = new Client.Multipart().field("_csrf", c.csrf()).file("file", name, zip);
        return c.http.send(HttpRequest.newBuilder(URI.create(c.base + "/code"))
                .header("Content-Type", mp.contentType()).POST(mp.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void studentsUploadZipsTheLatestCountsAndStaffDownloadThemByteForByte(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("code.max.mb", "1", "daily.limit", "10"))) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            Client bob = server.login("bob", Role.STUDENT);
            byte[] first = Zips.code(false, "first");

            HttpResponse<String> none = uploadRaw(ann, "code.zip", first);
            assertThat(none.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(none.body()).path("error").asText()).contains("no code upload");
            assertThat(ann.get("/").body()).doesNotContain("href=\"/code\"");

            HttpResponse<String> bad = putSettings(staff, "{\"codeDeadline\": \"yesterday\", \"reportRule\": \"boss\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            JsonNode problems = JSON.readTree(bad.body()).path("problems");
            assertThat(problems.path("codeDeadline").asText()).startsWith("The code deadline \"yesterday\"");
            assertThat(problems.path("reportRule").asText()).contains("\"boss\"", "passing:<threshold>");
            assertThat(putSettings(staff, "{\"deadline\": \"2026-03-05T23:59\", \"codeDeadline\": \"2026-03-04T23:59\"}")
                    .body()).contains("is before the deadline");
            HttpResponse<String> set = putSettings(staff, "{\"deadline\": \"2026-03-05T23:59\", \"codeDeadline\":"
                    + " \"2026-03-07T23:59\", \"reportRule\": \"passing:simple\", \"reason\": \"course plan\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            JsonNode saved = JSON.readTree(set.body());
            assertThat(saved.path("codeDeadline").asText()).isEqualTo("2026-03-07T15:59:00Z");
            assertThat(saved.path("reportRule").asText()).isEqualTo("passing:simple");
            assertThat(staff.apiGet("/api/staff/audit").body()).contains(
                    "code_deadline none -> 2026-03-07T15:59:00Z", "report_rule none -> passing:simple", "course plan");

            HttpResponse<String> one = uploadRaw(ann, "first.zip", first);
            assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
            JsonNode up = JSON.readTree(one.body()).path("upload");
            assertThat(up.path("sha256").asText()).isEqualTo(Sha256.of(first));
            assertThat(up.path("sizeBytes").asLong()).isEqualTo(first.length);
            assertThat(up.path("entries").asInt()).isEqualTo(2);
            assertThat(up.path("hasReport").asBoolean()).isFalse();

            byte[] second = Zips.code(true, "second");
            HttpResponse<String> page = uploadForm(ann, "ann's code.zip", second);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(303);
            String shown = ann.follow(page).body();
            assertThat(shown).contains("id=\"code-notice\"", "ann&#39;s code.zip", "A report PDF is in it.",
                    "A report PDF is required if you pass simple on both boards");
            JsonNode mine = JSON.readTree(ann.apiGet("/api/code").body());
            assertThat(mine.path("upload").path("sha256").asText()).isEqualTo(Sha256.of(second));
            assertThat(mine.path("reportRule").asText()).isEqualTo("passing:simple");
            assertThat(ann.getBytes("/code/latest.zip").body()).isEqualTo(second);

            byte[] traversal = Zips.ofText("hw/ok.py", "pass", "../../.bashrc", "rm -rf ~");
            HttpResponse<String> refused = uploadRaw(ann, "evil.zip", traversal);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("\"../../.bashrc\"");
            HttpResponse<String> refusedForm = uploadForm(ann, "evil.zip", traversal);
            assertThat(refusedForm.statusCode()).isEqualTo(422);
            assertThat(refusedForm.body()).contains("id=\"code-error\"", "../../.bashrc");
            assertThat(new UploadStore(server.config.uploadDir()).path(Sha256.of(traversal))).doesNotExist();

            byte[] big = new byte[(1 << 20) + 1];
            new java.util.Random(7).nextBytes(big);
            HttpResponse<String> tooLarge = uploadRaw(ann, "big.zip", big);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(tooLarge.body()).path("error").asText()).contains("limit of 1 MiB");
            assertThat(uploadForm(ann, "big.zip", big).statusCode()).isEqualTo(413);
            HttpResponse<String> chunked = ann.api("POST", "/api/code", ann.token, HttpRequest.BodyPublishers
                    .ofInputStream(() -> new ByteArrayInputStream(big)), "application/zip");
            assertThat(chunked.statusCode()).as("no length declared: counted while streamed").isEqualTo(413);
            try (var files = Files.walk(server.config.uploadDir())) {
                assertThat(files.filter(p -> p.toString().endsWith(".part")).toList()).isEmpty();
            }

            byte[] bobs = Zips.code(false, "bob");
            assertThat(uploadRaw(bob, "bob.zip", bobs).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(bob.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            assertThat(staff.api("PUT", "/api/staff/thresholds/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\": 0.0, \"private\": 0.0}"), "application/json")
                    .statusCode()).isEqualTo(200);

            JsonNode list = JSON.readTree(staff.apiGet("/api/staff/code").body());
            assertThat(list).hasSize(2);
            assertThat(list.get(0).path("username").asText()).isEqualTo("ann");
            assertThat(list.get(0).path("uploads").asInt()).isEqualTo(2);
            assertThat(list.get(0).path("latest").path("sha256").asText()).isEqualTo(Sha256.of(second));
            assertThat(list.get(0).path("reportRequired").asText()).isEqualTo("yes");
            assertThat(list.get(0).path("reportMissing").asBoolean()).isFalse();
            assertThat(list.get(1).path("username").asText()).isEqualTo("bob");
            assertThat(list.get(1).path("reportMissing").asBoolean()).isTrue();
            assertThat(staff.get("/staff/code").body()).contains("report required and missing", "data-username=\"bob\"");

            assertThat(staff.getBytes("/api/staff/code/ann").body()).isEqualTo(second);
            HttpResponse<byte[]> one2 = staff.getBytes("/api/staff/code/bob");
            assertThat(one2.body()).isEqualTo(bobs);
            assertThat(one2.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"bob.zip\"");
            assertThat(staff.getBytes("/api/staff/code/carol").statusCode()).isEqualTo(404);
            Map<String, byte[]> all = unzip(staff.getBytes("/api/staff/code.zip").body());
            assertThat(all).containsOnlyKeys("ann/ann's code.zip", "bob/bob.zip");
            assertThat(all.get("ann/ann's code.zip")).isEqualTo(second);
            assertThat(all.get("bob/bob.zip")).isEqualTo(bobs);
            assertThat(unzip(staff.getBytes("/api/staff/c/tiny/code.zip").body())).containsOnlyKeys(all.keySet());

            for (String path : List.of("/api/staff/code", "/api/staff/code/bob", "/api/staff/code.zip")) {
                assertThat(ann.apiGet(path).statusCode()).as(path).isEqualTo(403);
            }
            assertThat(ann.get("/staff/code").statusCode()).isEqualTo(403);
            assertThat(staff.api("POST", "/api/code", staff.token, HttpRequest.BodyPublishers.ofByteArray(bobs),
                    "application/zip").statusCode()).isEqualTo(403);

            assertThat(new CodeUploadRepository(server.db).accountsWithCode(server.competition().id())).containsExactly(
                    server.app.accounts().repository().byUsername("ann").orElseThrow().id(),
                    server.app.accounts().repository().byUsername("bob").orElseThrow().id());

            server.clock.set(java.time.Instant.parse("2026-03-07T15:59:00Z"));
            HttpResponse<String> late = uploadRaw(ann, "late.zip", first);
            assertThat(late.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(late.body()).path("error").asText()).contains("closed", "2026-03-07 23:59");
            assertThat(ann.get("/code").body()).contains("id=\"code-closed\"").doesNotContain("id=\"code-form\"");
            assertThat(JSON.readTree(ann.apiGet("/api/code").body()).path("upload").path("sha256").asText())
                    .isEqualTo(Sha256.of(second));
        }
    }

    @Test
    void aZipNamedInChineseDownloadsUnderItsOwnName(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(putSettings(staff, "{\"codeDeadline\": \"2026-03-07T23:59\"}").statusCode()).isEqualTo(200);
            byte[] zip = Zips.code(false, "hw3");
            assertThat(uploadForm(ann, "作業三 (final).zip", zip).statusCode()).isEqualTo(303);
            String expected = "attachment; filename=\"___ (final).zip\"; filename*=UTF-8''%E4%BD%9C%E6%A5%AD%E4%B8%89"
                    + "%20%28final%29.zip";
            for (HttpResponse<byte[]> r : List.of(staff.getBytes("/api/staff/code/ann"), ann.getBytes("/code/latest.zip"))) {
                assertThat(r.body()).isEqualTo(zip);
                assertThat(r.headers().firstValue("Content-Disposition")).hasValue(expected);
            }
        }
    }

    /**
     * "Passing on both boards" takes the private score of the student's final selection: with none marked their two
     * best public submissions count, and marking the weaker one takes the requirement away. The student's page says
     * only the rule.
     */
    @Test
    void theReportRuleFollowsThePrivateScoreOfTheFinalSelection(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "10"))) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(putSettings(staff, "{\"codeDeadline\": \"2026-03-09T23:59\", \"reportRule\": \"passing:simple\"}")
                    .statusCode()).isEqualTo(200);
            for (long seed : new long[] {1, 2}) {
                assertThat(ann.uploadApi(seed + ".csv", TinyCompetition.submission(seed)).statusCode()).isEqualTo(201);
            }
            JsonNode mine = JSON.readTree(staff.apiGet("/api/staff/submissions?student=ann").body()).path("submissions");
            JsonNode lo = mine.get(0).path("privateScore").asDouble() < mine.get(1).path("privateScore").asDouble()
                    ? mine.get(0) : mine.get(1);
            JsonNode hi = lo == mine.get(0) ? mine.get(1) : mine.get(0);
            assertThat(lo.path("privateScore").asDouble()).isLessThan(hi.path("privateScore").asDouble());
            assertThat(staff.api("PUT", "/api/staff/thresholds/simple", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"public\": 0.0, \"private\": " + hi.path("privateScore").asDouble() + "}"), "application/json")
                    .statusCode()).isEqualTo(200);
            assertThat(uploadRaw(ann, "code.zip", Zips.code(false, "no report")).statusCode()).isEqualTo(201);

            JsonNode both = JSON.readTree(staff.apiGet("/api/staff/code").body()).get(0);
            assertThat(both.path("reportRequired").asText()).isEqualTo("yes");
            assertThat(both.path("reportMissing").asBoolean()).isTrue();

            HttpResponse<String> marked = ann.api("PUT", "/api/selection", ann.token, HttpRequest.BodyPublishers
                    .ofString("{\"submissions\": [" + lo.path("id").asLong() + "]}"), "application/json");
            assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
            JsonNode weaker = JSON.readTree(staff.apiGet("/api/staff/code").body()).get(0);
            assertThat(weaker.path("reportRequired").asText()).isEqualTo("no");
            assertThat(weaker.path("reportMissing").asBoolean()).isFalse();

            String page = ann.get("/code").body() + ann.apiGet("/api/code").body();
            assertThat(page).contains("if you pass simple on both boards");
            for (JsonNode s : mine) {
                assertThat(page).doesNotContain(String.format(java.util.Locale.ROOT, "%.5f",
                        s.path("privateScore").asDouble()));
            }
        }
    }

    @Test
    void aStartRemovesUploadsLeftHalfWrittenADayAgoAndKeepsYoungerOnes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Path root = server.config.uploadDir();
            Files.createDirectories(root);
            Path old = Files.write(root.resolve("incoming-1.part"), new byte[10]);
            Path young = Files.write(root.resolve("incoming-2.part"), new byte[10]);
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(server.clock.instant()
                    .minus(Duration.ofHours(25))));
            Files.setLastModifiedTime(young, java.nio.file.attribute.FileTime.from(server.clock.instant()
                    .minus(Duration.ofHours(1))));
            server.restart();
            assertThat(old).doesNotExist();
            assertThat(young).exists();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
