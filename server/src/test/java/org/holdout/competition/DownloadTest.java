package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data downloads arrive whole, whether or not the client asks for gzip. */
class DownloadTest {

    /** Files large and repetitive enough that gzip would be worth it, so a compressing server would compress them. */
    private static void largeFiles(TestServer server) throws Exception {
        byte[] images = new byte[4000 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) (i % 7 == 0 ? i : 0);
        }
        Files.write(server.competition().file("test.npy"), TinyCompetition.npy(images, 4000));
        StringBuilder csv = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < 4000; i++) {
            csv.append(i).append(",0.5\n");
        }
        Files.writeString(server.competition().file("sample_submission.csv"), csv);
    }

    private static HttpResponse<byte[]> download(Client c, String file, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base + "/data/" + file)).GET();
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return c.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] decoded(HttpResponse<byte[]> r) throws Exception {
        if (r.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            }
        }
        return r.body();
    }

    @Test
    void downloadsArriveWholeWithAndWithoutAcceptEncodingGzip(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            largeFiles(server);
            Client ann = server.login("ann", Role.STUDENT);
            for (String file : List.of("test.npy", "train.npy", "sample_submission.csv")) {
                byte[] expected = Files.readAllBytes(server.competition().file(file));
                for (String encoding : new String[] {null, "gzip", "gzip, deflate, br"}) {
                    HttpResponse<byte[]> r = download(ann, file, encoding);
                    assertThat(r.statusCode()).as(file + " " + encoding).isEqualTo(200);
                    assertThat(decoded(r)).as(file + " with Accept-Encoding " + encoding).isEqualTo(expected);
                    r.headers().firstValue("Content-Length").ifPresent(length ->
                            assertThat(Long.parseLong(length)).as("Content-Length of " + file).isEqualTo(r.body().length));
                    assertThat(r.headers().firstValue("Content-Disposition"))
                            .hasValue("attachment; filename=\"" + file + "\"");
                }
            }
        }
    }

    @Test
    void curlAskingForGzipGetsTheWholeFile(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl");
        try (TestServer server = new TestServer(dir)) {
            largeFiles(server);
            Client ann = server.login("ann", Role.STUDENT);
            Path out = dir.resolve("test.npy");
            Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--fail", "--compressed",
                    "-H", "Authorization: Bearer " + ann.token, "-o", out.toString(),
                    server.url() + "/data/test.npy").redirectErrorStream(true).start();
            String said = new String(curl.getInputStream().readAllBytes());
            assertThat(curl.waitFor()).as(said).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(server.competition().file("test.npy")));
        }
    }

    @Test
    void headOfADownloadGivesItsLengthWithoutTheBody(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            largeFiles(server);
            Client ann = server.login("ann", Role.STUDENT);
            HttpResponse<byte[]> r = ann.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/data/test.npy"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Length"))
                    .hasValue(String.valueOf(Files.size(server.competition().file("test.npy"))));
            assertThat(r.body()).isEmpty();
        }
    }
}
