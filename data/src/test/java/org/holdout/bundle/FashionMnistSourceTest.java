package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Fashion-MNIST files come from: broken files, the pinned sums, the download. */
@Tag("slow")
class FashionMnistSourceTest {

    /** MD5s from the Fashion-MNIST README (also in Debian's /usr/share/doc/dataset-fashion-mnist/README.md.gz). */
    static final Map<String, String> README_MD5 = Map.of(
            FashionMnist.TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            FashionMnist.TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe",
            FashionMnist.TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79",
            FashionMnist.TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310");
    /** The gzip modification times of the official files, which Debian's packaging reset along with the names. */
    static final Map<String, Integer> OFFICIAL_MTIME = Map.of(
            FashionMnist.TRAIN_IMAGES, 1504176606, FashionMnist.TRAIN_LABELS, 1504176606,
            FashionMnist.TEST_IMAGES, 1504176627, FashionMnist.TEST_LABELS, 1504176627);
    static final List<String> FILES = List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
            FashionMnist.TEST_LABELS);

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheDebianPackage() {
        FashionMnistBundleTest.assumeInstalled();
    }

    /** Debian's file with the official gzip header put back: flag FNAME, the original time and name. */
    static byte[] official(String file) throws IOException {
        byte[] debian = Files.readAllBytes(FashionMnist.DEBIAN_DIR.resolve(file));
        byte[] name = (file.substring(0, file.length() - 3) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(debian.length + name.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(debian, 0, 3).put((byte) 0x08).putInt(OFFICIAL_MTIME.get(file)).put(debian, 8, 2).put(name).put(debian, 10, debian.length - 10);
        return b.array();
    }

    private Path sourceWith(String replaced, byte[] content) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        for (String f : FILES) {
            if (f.equals(replaced)) {
                if (content != null) Files.write(src.resolve(f), content);
            } else {
                Files.createSymbolicLink(src.resolve(f), FashionMnist.DEBIAN_DIR.resolve(f));
            }
        }
        return src;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static byte[] labelsIdx(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count).putInt(Idx.LABELS_MAGIC).putInt(count);
        return b.array();
    }

    private static BundleContents buildFrom(Path src) throws IOException {
        return FashionMnist.build(new FashionMnist.Options(src, List.of(8), 1, 0.5, false, 0, null), Progress.NONE);
    }

    @Test
    void aMissingFileIsNamedWithHowToInstallThePackage() throws IOException {
        Path src = sourceWith(FashionMnist.TEST_LABELS, null);
        assertThatThrownBy(() -> buildFrom(src)).isInstanceOf(BundleException.class)
                .hasMessageContaining(src.resolve(FashionMnist.TEST_LABELS) + " is missing")
                .hasMessageContaining("sudo apt-get install dataset-fashion-mnist").hasMessageContaining("./holdout setup");
        assertThatThrownBy(() -> buildFrom(dir.resolve("nowhere"))).hasMessageContaining("Fashion-MNIST not found");
    }

    @Test
    void corruptFilesAreNamedWithWhatIsWrong() throws IOException {
        Path notGzip = sourceWith(FashionMnist.TRAIN_IMAGES, "not gzip at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> buildFrom(notGzip))
                .hasMessageContaining(notGzip.resolve(FashionMnist.TRAIN_IMAGES) + ": not a gzip file")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        deleteSource();

        Path badMagic = sourceWith(FashionMnist.TRAIN_IMAGES, gzip(labelsIdx(3)));
        assertThatThrownBy(() -> buildFrom(badMagic))
                .hasMessageContaining(FashionMnist.TRAIN_IMAGES + ": bad magic number 0x00000801, expected 0x00000803");
        deleteSource();

        byte[] real = Files.readAllBytes(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TRAIN_LABELS));
        Path truncated = sourceWith(FashionMnist.TRAIN_LABELS, java.util.Arrays.copyOf(real, real.length / 2));
        assertThatThrownBy(() -> buildFrom(truncated)).hasMessageContaining(FashionMnist.TRAIN_LABELS + ": truncated");
        deleteSource();

        Path wrongCount = sourceWith(FashionMnist.TRAIN_LABELS, gzip(labelsIdx(100)));
        assertThatThrownBy(() -> buildFrom(wrongCount))
                .hasMessageContaining(FashionMnist.TRAIN_LABELS + ": holds 100 labels, Fashion-MNIST has 60000");
    }

    @AfterEach
    void deleteSource() throws IOException {
        BundleWriter.deleteTree(dir.resolve("src"));
    }

    @Test
    void theSourceFolderIsTheFlagThenTheEnvironmentThenDebians() {
        assertThat(FashionMnist.sourceDir(Path.of("/a"), Map.of(FashionMnist.ENV_DIR, "/b"))).isEqualTo(Path.of("/a"));
        assertThat(FashionMnist.sourceDir(null, Map.of(FashionMnist.ENV_DIR, "/b"))).isEqualTo(Path.of("/b"));
        assertThat(FashionMnist.sourceDir(null, Map.of())).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @Test
    void thePinsAreTheOfficialFilesAndDebiansHoldTheSameData() throws Exception {
        for (String f : FILES) {
            byte[] official = official(f);
            assertThat(hex("MD5", official)).as("README MD5 of %s", f).isEqualTo(README_MD5.get(f));
            assertThat(hex("SHA-256", official)).as(f).isEqualTo(FashionMnist.OFFICIAL_GZ_SHA256.get(f));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(FashionMnist.DEBIAN_DIR.resolve(f)))) {
                assertThat(hex("SHA-256", in.readAllBytes())).as(f).isEqualTo(FashionMnist.IDX_SHA256.get(f));
            }
            assertThat(FashionMnist.matchesPins(FashionMnist.DEBIAN_DIR.resolve(f), f)).isTrue();
        }
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void downloadFailsCleanlyWithoutANetwork() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort + "/";
        assertThatThrownBy(() -> FashionMnist.download(dir.resolve("dl"), base, Progress.NONE))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("could not download " + base + FashionMnist.TRAIN_IMAGES)
                .hasMessageContaining("sudo apt-get install dataset-fashion-mnist");
        assertThat(Files.list(dir.resolve("dl"))).isEmpty();
    }

    @Test
    void downloadChecksThePinnedSums() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String file = exchange.getRequestURI().getPath().replaceFirst(".*/", "");
            byte[] body = exchange.getRequestURI().getPath().startsWith("/bad/") ? gzip(labelsIdx(5)) : official(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path good = dir.resolve("good");
            FashionMnist.download(good, base + "/ok/", Progress.NONE);
            for (String f : FILES) {
                assertThat(Sha256.of(good.resolve(f))).isEqualTo(FashionMnist.OFFICIAL_GZ_SHA256.get(f));
            }
            assertThat(Files.list(good)).hasSize(4);

            assertThatThrownBy(() -> FashionMnist.download(dir.resolve("bad"), base + "/bad/", Progress.NONE))
                    .hasMessageContaining("downloaded " + base + "/bad/" + FashionMnist.TRAIN_IMAGES)
                    .hasMessageContaining("is not the pinned " + FashionMnist.OFFICIAL_GZ_SHA256.get(FashionMnist.TRAIN_IMAGES));
            assertThat(Files.list(dir.resolve("bad"))).isEmpty();
        } finally {
            server.stop(0);
        }
    }
}
