package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file download answers a byte range (RFC 9110): 206 with those bytes, 416 past the end, 200 otherwise. */
class RangeDownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bigTestFile(TestServer server) throws Exception {
        byte[] images = new byte[3000 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) (i * 31 + i / 251);
        }
        Files.write(server.competition().file("test.npy"), TinyCompetition.npy(images, 3000));
        return Files.readAllBytes(server.competition().file("test.npy"));
    }

    private static HttpResponse<byte[]> get(Client c, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return c.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertPart(HttpResponse<byte[]> r, byte[] whole, int first, int last) {
        assertThat(r.statusCode()).as(first + "-" + last).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/" + whole.length);
        assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(last - first + 1));
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(whole, first, last + 1));
    }

    @Test
    void aDataFileAnswersTheFirstMiddleAndLastBytes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            byte[] whole = bigTestFile(server);
            int n = whole.length;
            Client ann = server.login("ann", Role.STUDENT);
            HttpResponse<byte[]> plain = get(ann, "/data/test.npy");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).isEqualTo(whole);
            assertThat(plain.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            String modified = plain.headers().firstValue("Last-Modified").orElseThrow();

            HttpResponse<byte[]> first = get(ann, "/data/test.npy", "Range", "bytes=0-99", "Accept-Encoding", "gzip");
            assertPart(first, whole, 0, 99);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(first.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"test.npy\"");
            assertThat(first.headers().firstValue("Content-Encoding")).isEmpty();
            assertPart(get(ann, "/c/tiny/data/test.npy", "Range", "bytes=1000-20999"), whole, 1000, 20999);
            assertPart(get(ann, "/data/test.npy", "Range", "bytes=-100"), whole, n - 100, n - 1);
            assertPart(get(ann, "/data/test.npy", "Range", "bytes=" + (n - 5) + "-"), whole, n - 5, n - 1);
            assertPart(get(ann, "/data/test.npy", "Range", "bytes=" + (n - 5) + "-" + (n + 1000)), whole, n - 5, n - 1);

            assertPart(get(ann, "/data/test.npy", "Range", "bytes=10-19", "If-Range", modified), whole, 10, 19);
            HttpResponse<byte[]> stale = get(ann, "/data/test.npy", "Range", "bytes=10-19",
                    "If-Range", "Thu, 01 Jan 2015 00:00:00 GMT");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo(whole);

            HttpResponse<byte[]> two = get(ann, "/data/test.npy", "Range", "bytes=0-9,20-29");
            assertThat(two.statusCode()).isEqualTo(200);
            assertThat(two.body()).isEqualTo(whole);

            HttpResponse<byte[]> csv = get(ann, "/data/sample_submission.csv", "Range", "bytes=0-5");
            assertPart(csv, Files.readAllBytes(server.competition().file("sample_submission.csv")), 0, 5);
            assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        }
    }

    @Test
    void aRangePastTheEndIs416WithTheSize(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            byte[] whole = bigTestFile(server);
            Client ann = server.login("ann", Role.STUDENT);
            for (String range : new String[] {"bytes=" + whole.length + "-", "bytes=99999999-99999999999", "bytes=-0"}) {
                HttpResponse<byte[]> r = get(ann, "/data/test.npy", "Range", range);
                assertThat(r.statusCode()).as(range).isEqualTo(416);
                assertThat(r.headers().firstValue("Content-Range")).as(range).hasValue("bytes */" + whole.length);
                assertThat(r.headers().firstValue("Content-Disposition")).as(range).isEmpty();
                assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).as(range)
                        .contains("past the end of the file", String.valueOf(whole.length));
            }
        }
    }

    @Test
    void headGivesTheHeadersAndIgnoresRange(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            byte[] whole = bigTestFile(server);
            Client ann = server.login("ann", Role.STUDENT);
            HttpResponse<byte[]> r = ann.http.send(HttpRequest.newBuilder(URI.create(ann.base + "/data/test.npy"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Range", "bytes=0-9").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(whole.length));
            assertThat(r.headers().firstValue("Content-Range")).isEmpty();
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void curlResumesACutDownload(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl");
        try (TestServer server = new TestServer(dir)) {
            byte[] whole = bigTestFile(server);
            Client ann = server.login("ann", Role.STUDENT);
            Path out = dir.resolve("test.npy");
            Files.write(out, Arrays.copyOf(whole, 12345));
            Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--fail", "-C", "-",
                    "-H", "Authorization: Bearer " + ann.token, "-o", out.toString(),
                    server.url() + "/data/test.npy").redirectErrorStream(true).start();
            String said = new String(curl.getInputStream().readAllBytes());
            assertThat(curl.waitFor()).as(said).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(whole);
        }
    }

    @Test
    void theStarterKitAndCodeZipsCarryAnEtagThatIfRangeChecks(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            HttpResponse<byte[]> kit = get(ann, "/data/starter-kit.zip");
            assertThat(kit.statusCode()).isEqualTo(200);
            String kitTag = kit.headers().firstValue("ETag").orElseThrow();
            assertThat(kitTag).matches("\"[0-9a-f]{64}\"");
            assertPart(get(ann, "/data/starter-kit.zip", "Range", "bytes=-30"), kit.body(), kit.body().length - 30,
                    kit.body().length - 1);

            assertThat(staff.api("PUT", "/api/staff/settings", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"codeDeadline\": \"2026-03-07T23:59\"}"), "application/json").statusCode()).isEqualTo(200);
            byte[] zip = Zips.code(false, "hw3");
            HttpResponse<String> up = ann.api("POST", "/api/code?filename=hw3.zip", ann.token,
                    HttpRequest.BodyPublishers.ofByteArray(zip), "application/zip");
            assertThat(up.statusCode()).as(up.body()).isIn(200, 201);
            String tag = "\"" + org.holdout.bundle.Sha256.of(zip) + "\"";
            for (Client c : new Client[] {ann, staff}) {
                String path = c == ann ? "/code/latest.zip" : "/api/staff/code/ann";
                HttpResponse<byte[]> all = get(c, path);
                assertThat(all.body()).isEqualTo(zip);
                assertThat(all.headers().firstValue("ETag")).hasValue(tag);
                assertPart(get(c, path, "Range", "bytes=4-9", "If-Range", tag), zip, 4, 9);
                HttpResponse<byte[]> changed = get(c, path, "Range", "bytes=4-9", "If-Range", "\"0000\"");
                assertThat(changed.statusCode()).isEqualTo(200);
                assertThat(changed.body()).isEqualTo(zip);
            }
            HttpResponse<byte[]> everyZip = get(staff, "/api/staff/code.zip", "Range", "bytes=0-9");
            assertThat(everyZip.statusCode()).as("the zip of every zip is written as it is read").isEqualTo(200);
            assertThat(everyZip.headers().firstValue("Accept-Ranges")).hasValue("none");
            assertThat(everyZip.body().length).isGreaterThan(zip.length);
            HttpResponse<byte[]> api416 = get(staff, "/api/staff/code/ann", "Range", "bytes=" + zip.length + "-");
            assertThat(api416.statusCode()).isEqualTo(416);
            assertThat(JSON.readTree(api416.body()).path("status").asInt()).isEqualTo(416);
            assertThat(JSON.readTree(api416.body()).path("error").asText()).contains("past the end");
        }
    }
}
