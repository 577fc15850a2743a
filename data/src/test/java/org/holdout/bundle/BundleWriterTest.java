package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.holdout.npy.UInt8Array;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

    @TempDir
    Path dir;

    /** 12 test images: classes 0 (normal) and 1, 2 (anomalies); rows where {@code publicRows} is true are Public. */
    static BundleContents contents(boolean[] publicRows) {
        int m = publicRows.length;
        byte[] test = new byte[m * 4];
        for (int i = 0; i < test.length; i++) test[i] = (byte) i;
        int[] testClasses = IntStream.range(0, m).map(i -> i % 3).toArray();
        return new BundleContents("tiny", "unit test", 1, List.of("a", "b", "c"), List.of(0), 0.5, false, null,
                new UInt8Array(new int[] {3, 2, 2, 1}, new byte[12]), new int[3],
                new UInt8Array(new int[] {m, 2, 2, 1}, test), testClasses, publicRows);
    }

    static boolean[] alternate(int m) {
        boolean[] p = new boolean[m];
        for (int i = 0; i < m; i++) p[i] = (i / 3) % 2 == 0;
        return p;
    }

    @Test
    void writesEveryFileAndTheReaderVerifiesThem() throws IOException {
        Path out = dir.resolve("b");
        BundleManifest written = BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE);
        Bundle b = Bundle.open(out);
        assertThat(b.manifest()).isEqualTo(written);
        assertThat(b.manifest().files()).containsOnlyKeys("train.npy", "test.npy", "sample_submission.csv", "solution.csv");
        assertThat(b.manifest().files().get("test.npy")).isEqualTo(Sha256.of(out.resolve("test.npy")));
        assertThat(b.test().shape()).containsExactly(12, 2, 2, 1);
        assertThat(b.train().count()).isEqualTo(3);
        assertThat(b.trainLabels()).isEmpty();
        assertThat(b.testIds()).hasSize(12).startsWith("0", "1").endsWith("11");
        assertThat(Files.readAllLines(b.solution())).startsWith("Id,Expected,Usage", "0,0,Public", "1,1,Public", "2,1,Public",
                "3,0,Private");
        assertThat(Files.readAllLines(b.sampleSubmission())).hasSize(13).startsWith("Id,Predicted", "0,0.5").endsWith("11,0.5");
        assertThat(b.manifest().labelCounts().get("public")).containsEntry("normal", 2).containsEntry("anomaly", 4);
        assertThat(b.manifest().classCounts().get("test")).containsEntry("a", 4).containsEntry("b", 4).containsEntry("c", 4);
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void refusesASolutionWhosePublicOrPrivateSplitHasNoAuc() {
        boolean[] noPublicAnomaly = new boolean[12];
        noPublicAnomaly[0] = noPublicAnomaly[3] = true;
        assertThatThrownBy(() -> BundleWriter.write(contents(noPublicAnomaly), dir.resolve("x"), false, Progress.NONE))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("the Public split has only normal rows (2) and no anomalies, so it has no AUC");

        boolean[] allPublic = new boolean[12];
        java.util.Arrays.fill(allPublic, true);
        assertThatThrownBy(() -> BundleWriter.write(contents(allPublic), dir.resolve("x"), false, Progress.NONE))
                .hasMessageContaining("the Private split has no rows");

        boolean[] privateOnlyAnomalies = new boolean[12];
        for (int i = 0; i < 12; i++) privateOnlyAnomalies[i] = i % 3 == 0 || i == 1;
        assertThatThrownBy(() -> BundleWriter.write(contents(privateOnlyAnomalies), dir.resolve("x"), false, Progress.NONE))
                .hasMessageContaining("the Private split has only anomalies (7) and no normal rows");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void refusesANonEmptyFolderUnlessForcedAndNeverReplacesAFolderThatIsNotABundle() throws IOException {
        Path out = Files.createDirectories(dir.resolve("b"));
        BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE);
        assertThatThrownBy(() -> BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE))
                .hasMessageContaining(out + ": folder is not empty; use --force");
        Files.writeString(out.resolve("stale.txt"), "from an older bundle");
        BundleWriter.write(contents(alternate(12)), out, true, Progress.NONE);
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(Bundle.open(out).manifest().testCount()).isEqualTo(12);

        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> BundleWriter.write(contents(alternate(12)), home, true, Progress.NONE))
                .hasMessageContaining("not a bundle; refusing to replace it even with --force");
        assertThat(home.resolve("thesis.tex")).hasContent("precious");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b", "home");
    }

    @Test
    void aTamperedBundleIsRefusedNamingTheFile() throws IOException {
        Path out = dir.resolve("b");
        BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE);
        byte[] test = Files.readAllBytes(out.resolve("test.npy"));
        test[test.length - 1] ^= 1;
        Files.write(out.resolve("test.npy"), test);
        assertThatThrownBy(() -> Bundle.open(out)).isInstanceOf(BundleException.class)
                .hasMessageContaining("test.npy: SHA-256 is").hasMessageContaining("the file was changed or damaged");

        BundleWriter.write(contents(alternate(12)), out, true, Progress.NONE);
        Files.writeString(out.resolve("solution.csv"), Files.readString(out.resolve("solution.csv")).replace("0,0,Public", "0,1,Public"));
        assertThatThrownBy(() -> Bundle.open(out)).hasMessageContaining("solution.csv: SHA-256");

        BundleWriter.write(contents(alternate(12)), out, true, Progress.NONE);
        Files.delete(out.resolve("train.npy"));
        assertThatThrownBy(() -> Bundle.open(out)).hasMessageContaining("train.npy: missing");

        Files.delete(out.resolve("bundle.json"));
        assertThatThrownBy(() -> Bundle.open(out)).hasMessageContaining("bundle.json: missing, so this folder is not a bundle");
    }

    @Test
    void aManifestThatDisagreesWithTheArraysIsRefused() throws IOException {
        Path out = dir.resolve("b");
        BundleManifest m = BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE);
        BundleManifest wrong = new BundleManifest(m.formatVersion(), m.name(), m.source(), m.seed(), 3, m.width(), m.channels(),
                m.classNames(), m.normalClasses(), m.publicFraction(), m.supervised(), m.anomalyFraction(), m.trainCount(),
                m.testCount(), m.classCounts(), m.labelCounts(), m.files());
        Files.write(out.resolve("bundle.json"), BundleWriter.manifestJson(wrong));
        assertThatThrownBy(() -> Bundle.open(out)).hasMessageContaining("train.npy: holds |u1 [3, 2, 2, 1] but bundle.json says |u1 [3, 3, 2, 1]");
    }

    @Test
    void aSolutionWithAOneClassSplitIsRefusedOnOpenEvenWithMatchingHashes() throws IOException {
        Path out = dir.resolve("b");
        BundleManifest m = BundleWriter.write(contents(alternate(12)), out, false, Progress.NONE);
        StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < 12; i++) solution.append(i).append(',').append(i % 3 == 0 ? 0 : 1).append(',').append(i % 3 == 0 ? "Public" : "Private").append('\n');
        Files.writeString(out.resolve("solution.csv"), solution);
        java.util.Map<String, String> files = new java.util.TreeMap<>(m.files());
        files.put("solution.csv", Sha256.of(out.resolve("solution.csv")));
        BundleManifest edited = new BundleManifest(m.formatVersion(), m.name(), m.source(), m.seed(), m.height(), m.width(),
                m.channels(), m.classNames(), m.normalClasses(), m.publicFraction(), m.supervised(), m.anomalyFraction(),
                m.trainCount(), m.testCount(), m.classCounts(), m.labelCounts(), files);
        Files.write(out.resolve("bundle.json"), BundleWriter.manifestJson(edited));
        assertThatThrownBy(() -> Bundle.open(out))
                .hasMessageContaining("solution.csv: the Public split has 4 normal rows and 0 anomalies, so it has no AUC");
    }

    @Test
    void theProgressBarAppearsOnlyAfterItsDelay() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (Progress p = new Progress.Delayed("building", new java.io.PrintStream(bytes, true), 60_000)) {
            p.expect(100);
            p.add(100);
        }
        assertThat(bytes.toString()).isEmpty();
        try (Progress p = new Progress.Delayed("building", new java.io.PrintStream(bytes, true), 0)) {
            p.expect(4 << 20);
            p.add(4 << 20);
        }
        assertThat(bytes.toString()).contains("building 100%").contains("4/4 MB");
    }
}
