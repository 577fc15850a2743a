package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.holdout.npy.Numpy;
import org.holdout.npy.UInt8Array;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles built from the real Fashion-MNIST files of Debian's dataset-fashion-mnist package. */
@Tag("slow")
class FashionMnistBundleTest {

    @TempDir
    static Path dir;
    static Path seed42;
    static Path seed42Again;
    static Path seed7;
    static Path supervised;

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TEST_LABELS)),
                "dataset-fashion-mnist is not installed (./holdout setup installs it)");
    }

    static Path build(String name, long seed, boolean supervisedSet) throws IOException {
        FashionMnist.Options o = new FashionMnist.Options(FashionMnist.DEBIAN_DIR, List.of(8), seed, 0.5, supervisedSet, 0.02, null);
        Path out = dir.resolve(name);
        BundleWriter.write(FashionMnist.build(o, Progress.NONE), out, false, Progress.NONE);
        return out;
    }

    @BeforeAll
    static void buildBundles() throws IOException {
        assumeInstalled();
        seed42 = build("seed42", 42, false);
        seed42Again = build("seed42-again", 42, false);
        seed7 = build("seed7", 7, false);
        supervised = build("supervised", 42, true);
    }

    @Test
    void shapesAndClassCountsAreFashionMnists() throws IOException {
        Bundle b = Bundle.open(seed42);
        BundleManifest m = b.manifest();
        assertThat(m.name()).isEqualTo("fashion-mnist-normal-8");
        assertThat(m.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(m.normalClassNames()).containsExactly("Bag");
        assertThat(b.train().shape()).containsExactly(6000, 28, 28, 1);
        assertThat(b.test().shape()).containsExactly(10_000, 28, 28, 1);
        assertThat(m.classCounts().get("train")).containsEntry("Bag", 6000).containsEntry("Trouser", 0);
        assertThat(m.classCounts().get("test").values()).hasSize(10).allMatch(n -> n == 1000);
        assertThat(m.labelCounts().get("test")).containsEntry("normal", 1000).containsEntry("anomaly", 9000);
        assertThat(m.files()).hasSize(4);
    }

    @Test
    void publicAndPrivateAreStratifiedByLabelAndClass() throws IOException {
        BundleManifest m = Bundle.open(seed42).manifest();
        assertThat(m.labelCounts().get("public")).containsEntry("normal", 500).containsEntry("anomaly", 4500);
        assertThat(m.labelCounts().get("private")).containsEntry("normal", 500).containsEntry("anomaly", 4500);
        assertThat(m.classCounts().get("public").values()).allMatch(n -> n == 500);
        List<String> solution = Files.readAllLines(seed42.resolve("solution.csv"));
        assertThat(solution.stream().skip(1).filter(l -> l.endsWith(",1,Public")).count()).isEqualTo(4500);
        double firstHalfAnomalies = solution.subList(1, 5001).stream().filter(l -> l.contains(",1,")).count() / 5000.0;
        assertThat(firstHalfAnomalies).as("test set is shuffled, not sorted by label").isCloseTo(0.9, within(0.03));
    }

    @Test
    void everyImageKeepsItsLabel() throws IOException {
        Path src = FashionMnist.DEBIAN_DIR;
        Map<ByteBuffer, Set<Integer>> testLabels = byImage(Idx.readImages(src.resolve(FashionMnist.TEST_IMAGES), Progress.NONE),
                Idx.readLabels(src.resolve(FashionMnist.TEST_LABELS)));
        Bundle b = Bundle.open(seed42);
        UInt8Array test = b.test();
        List<String> solution = Files.readAllLines(b.solution());
        for (int i = 0; i < test.count(); i++) {
            Set<Integer> classes = testLabels.get(ByteBuffer.wrap(test.data(), i * 784, 784));
            boolean anomaly = solution.get(i + 1).split(",")[1].equals("1");
            assertThat(classes).as("test image %d", i).isNotNull().anyMatch(c -> (c != 8) == anomaly);
        }
        Map<ByteBuffer, Set<Integer>> trainLabels = byImage(Idx.readImages(src.resolve(FashionMnist.TRAIN_IMAGES), Progress.NONE),
                Idx.readLabels(src.resolve(FashionMnist.TRAIN_LABELS)));
        UInt8Array train = b.train();
        for (int i = 0; i < train.count(); i++) {
            assertThat(trainLabels.get(ByteBuffer.wrap(train.data(), i * 784, 784))).as("train image %d", i).contains(8);
        }
    }

    private static Map<ByteBuffer, Set<Integer>> byImage(UInt8Array images, int[] labels) {
        Map<ByteBuffer, Set<Integer>> map = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            map.computeIfAbsent(ByteBuffer.wrap(images.data(), i * 784, 784).slice(), k -> new HashSet<>()).add(labels[i]);
        }
        return map;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherOrder() throws IOException {
        for (String f : List.of("train.npy", "test.npy", "solution.csv", "sample_submission.csv", "bundle.json")) {
            assertThat(Files.mismatch(seed42.resolve(f), seed42Again.resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(Files.mismatch(seed42.resolve("test.npy"), seed7.resolve("test.npy"))).isNotEqualTo(-1);
        assertThat(Files.mismatch(seed42.resolve("solution.csv"), seed7.resolve("solution.csv"))).isNotEqualTo(-1);
        assertThat(Bundle.open(seed7).manifest().seed()).isEqualTo(7);
    }

    @Test
    void numpyReadsTheBundleArrays() throws IOException {
        Bundle b = Bundle.open(seed42);
        long trainSum = sum(b.train());
        long testSum = sum(b.test());
        String out = Numpy.run("""
                import numpy as np, csv
                tr = np.load('seed42/train.npy'); te = np.load('seed42/test.npy'); lab = np.load('supervised/train_labels.npy')
                assert tr.dtype == np.uint8 and te.dtype == np.uint8 and lab.dtype == np.uint8
                print(tr.shape, te.shape, int(tr.sum(dtype=np.int64)), int(te.sum(dtype=np.int64)), lab.shape, int(lab.sum()))
                """, dir);
        int anomalies = Bundle.open(supervised).manifest().labelCounts().get("train").get("anomaly");
        assertThat(out).isEqualTo("(6000, 28, 28, 1) (10000, 28, 28, 1) " + trainSum + " " + testSum
                + " (" + Bundle.open(supervised).manifest().trainCount() + ",) " + anomalies);
    }

    private static long sum(UInt8Array a) {
        long s = 0;
        for (byte v : a.data()) s += v & 0xFF;
        return s;
    }

    @Test
    void theSupervisedVariantHasALabelledImbalancedTrainingSet() throws IOException {
        Bundle b = Bundle.open(supervised);
        BundleManifest m = b.manifest();
        assertThat(m.supervised()).isTrue();
        assertThat(m.anomalyFraction()).isEqualTo(0.02);
        assertThat(m.files()).containsKey("train_labels.npy");
        assertThat(m.name()).isEqualTo("fashion-mnist-normal-8-supervised");
        assertThat(m.trainCount()).isEqualTo(6000 + 9 * 120);
        assertThat(m.classCounts().get("train")).containsEntry("Bag", 6000).containsEntry("Trouser", 120);
        UInt8Array labels = b.trainLabels().orElseThrow();
        List<Integer> anomalyAt = new ArrayList<>();
        for (int i = 0; i < labels.count(); i++) if (labels.get(i) == 1) anomalyAt.add(i);
        assertThat(anomalyAt).hasSize(1080);
        assertThat(anomalyAt.get(0)).as("anomalies are shuffled in, not appended").isLessThan(1000);
        assertThat(m.labelCounts().get("test")).containsEntry("anomaly", 9000);
    }
}
