package org.holdout.floors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.FashionMnist;
import org.holdout.bundle.Progress;
import org.holdout.floors.CalibrationFloors.Floor;
import org.holdout.floors.CalibrationFloors.Scores;
import org.holdout.npy.Numpy;
import org.holdout.npy.UInt8Array;
import org.holdout.scoring.Solution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationFloorsTest {

    /**
     * numpy's answer, written the way a student would: the covariance's eigh, the reconstruction error as the norm
     * of the residual, scikit-learn's roc_auc_score on the Public and the Private rows.
     */
    private static final String REFERENCE = """
            import json, csv
            import numpy as np
            from sklearn.metrics import roc_auc_score
            tr = np.load('train.npy'); te = np.load('test.npy')
            tr = tr.reshape(len(tr), -1).astype(np.float64); te = te.reshape(len(te), -1).astype(np.float64)
            mu = tr.mean(axis=0)
            w, v = np.linalg.eigh(np.cov(tr, rowvar=False, bias=True))
            v = v[:, np.argsort(w)[::-1]]
            xc = te - mu
            s = {}
            s['mean-intensity'] = te.mean(axis=1)
            s['mean-intensity-negated'] = -te.mean(axis=1)
            s['mean-intensity-deviation'] = np.abs(te.mean(axis=1) - mu.mean())
            s['l2-to-mean'] = np.linalg.norm(xc, axis=1)
            for k in (5, 10, 20, 40):
                vk = v[:, :k]
                s['pca-%d' % k] = ((xc - (xc @ vk) @ vk.T) ** 2).sum(axis=1)
            rows = list(csv.DictReader(open('solution.csv')))
            y = np.array([int(r['Expected']) for r in rows])
            pub = np.array([r['Usage'] == 'Public' for r in rows])
            out = {name: {'scores': list(map(float, sc)),
                          'public': roc_auc_score(y[pub], sc[pub]), 'private': roc_auc_score(y[~pub], sc[~pub])}
                   for name, sc in s.items()}
            print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    /**
     * Normal images: a mean image plus 50 random patterns with weights of falling spread (so the spectrum has clear
     * gaps), plus noise; anomalies: the same with 50 other patterns. Class 0 normal, class 1 anomalous.
     */
    static Path generatedBundle(Path out, int h, int w, int c, int n, int m, long seed) throws IOException {
        int d = h * w * c;
        Random r = new Random(seed);
        double[] base = new double[d];
        for (int e = 0; e < d; e++) base[e] = 60 + 80 * r.nextDouble();
        double[][] normal = patterns(r, 50, d);
        double[][] other = patterns(r, 50, d);
        byte[] train = new byte[n * d];
        for (int i = 0; i < n; i++) draw(r, base, normal, train, i * d);
        byte[] test = new byte[m * d];
        int[] testClasses = new int[m];
        for (int i = 0; i < m; i++) {
            testClasses[i] = i % 3 == 0 ? 1 : 0;
            draw(r, base, testClasses[i] == 1 ? other : normal, test, i * d);
        }
        BundleAssembly.Design design = new BundleAssembly.Design("generated", "unit test", seed, List.of("normal", "odd"),
                List.of(0), 0.5, false, null);
        BundleWriter.write(BundleAssembly.assemble(design, new UInt8Array(new int[] {n, h, w, c}, train), new int[n],
                new UInt8Array(new int[] {m, h, w, c}, test), testClasses, true), out, false, Progress.NONE);
        return out;
    }

    private static double[][] patterns(Random r, int count, int d) {
        double[][] p = new double[count][d];
        for (double[] row : p) {
            for (int e = 0; e < d; e++) row[e] = r.nextGaussian() / Math.sqrt(d);
        }
        return p;
    }

    private static void draw(Random r, double[] base, double[][] patterns, byte[] out, int offset) {
        int d = base.length;
        double[] x = base.clone();
        for (int j = 0; j < patterns.length; j++) {
            double a = r.nextGaussian() * 150 * Math.pow(0.93, j);
            for (int e = 0; e < d; e++) x[e] += a * patterns[j][e];
        }
        for (int e = 0; e < d; e++) {
            long v = Math.round(x[e] + r.nextGaussian() * 1.5);
            out[offset + e] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    private void matchesNumpy(Path bundle, int explicitLimit, int maxImplicitIterations) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Numpy.run(REFERENCE, bundle));
        Bundle b = Bundle.open(bundle);
        List<Scores> scores = CalibrationFloors.scores(b.train(), b.test(), CalibrationFloors.COMPONENTS, explicitLimit,
                maxImplicitIterations, Progress.NONE);
        assertThat(scores).extracting(Scores::id).containsExactly("mean-intensity", "mean-intensity-negated",
                "mean-intensity-deviation", "l2-to-mean", "pca-5", "pca-10", "pca-20", "pca-40");
        Solution solution = Solution.read(b.solution());
        for (Scores s : scores) {
            JsonNode expected = reference.get(s.id());
            double scale = 0;
            for (JsonNode v : expected.get("scores")) scale = Math.max(scale, Math.abs(v.doubleValue()));
            for (int i = 0; i < s.scores().length; i++) {
                double want = expected.get("scores").get(i).doubleValue();
                assertThat(s.scores()[i]).as("%s of test image %d", s.id(), i).isCloseTo(want, within(1e-6 * scale));
            }
            var score = CalibrationFloors.score(solution, s.scores());
            assertThat(score.publicAuc()).as("%s public", s.id()).isCloseTo(expected.get("public").doubleValue(), within(1e-9));
            assertThat(score.privateAuc()).as("%s private", s.id()).isCloseTo(expected.get("private").doubleValue(), within(1e-9));
            if (s.id().startsWith("pca-")) assertThat(s.note()).contains(", converged");
        }
    }

    @Test
    void formedCovarianceMatchesNumpyAndScikitLearn() throws IOException {
        matchesNumpy(generatedBundle(dir.resolve("gray"), 12, 12, 1, 500, 300, 1), CalibrationFloors.EXPLICIT_LIMIT, 0);
    }

    @Test
    void iterationWithoutTheCovarianceMatchesNumpyOnColourImages() throws IOException {
        matchesNumpy(generatedBundle(dir.resolve("colour"), 8, 8, 3, 400, 240, 2), 0, 2000);
    }

    @Test
    void computeScoresEveryFloorAsAnUploadAndTheDirectionsOfIntensityAddUpToOne() throws IOException {
        Path bundle = generatedBundle(dir.resolve("b"), 10, 10, 1, 300, 150, 3);
        List<Floor> floors = CalibrationFloors.compute(bundle, Progress.NONE);
        Map<String, Floor> byId = floors.stream().collect(Collectors.toMap(Floor::id, Function.identity()));
        assertThat(byId).containsKeys("mean-intensity", "l2-to-mean", "pca-40");
        Floor up = byId.get("mean-intensity");
        Floor down = byId.get("mean-intensity-negated");
        assertThat(up.publicAuc() + down.publicAuc()).isCloseTo(1, within(1e-12));
        assertThat(up.privateAuc() + down.privateAuc()).isCloseTo(1, within(1e-12));
        assertThat(floors).allSatisfy(f -> {
            assertThat(f.publicAuc()).isBetween(0.0, 1.0);
            assertThat(f.seconds()).isGreaterThanOrEqualTo(0);
        });
        assertThat(byId.get("pca-40").publicAuc()).as("the anomalies lie off the normal patterns' span").isGreaterThan(0.9);
        List<Floor> reaching = CalibrationFloors.reaching(0.9, floors);
        assertThat(reaching).contains(byId.get("pca-40")).allSatisfy(f -> assertThat(f.publicAuc()).isGreaterThanOrEqualTo(0.9));
        assertThat(reaching).extracting(Floor::publicAuc).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(CalibrationFloors.reaching(1.01, floors)).isEmpty();
    }

    @Test
    void componentCountsThatDoNotFitTheImagesAreLeftOut() {
        Random r = new Random(4);
        byte[] train = new byte[30 * 16];
        byte[] test = new byte[10 * 16];
        r.nextBytes(train);
        r.nextBytes(test);
        List<Scores> scores = CalibrationFloors.scores(new UInt8Array(new int[] {30, 4, 4, 1}, train),
                new UInt8Array(new int[] {10, 4, 4, 1}, test), CalibrationFloors.COMPONENTS, 2048, 10, Progress.NONE);
        assertThat(scores).extracting(Scores::id).endsWith("l2-to-mean", "pca-5", "pca-10");
    }

    @Test
    void jacobiDiagonalisesASymmetricMatrix() {
        int n = 7;
        Random r = new Random(5);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = r.nextGaussian();
        }
        PrincipalComponents.Jacobi eig = PrincipalComponents.Jacobi.of(a, n);
        for (int i = 1; i < n; i++) assertThat(eig.values[i]).isLessThanOrEqualTo(eig.values[i - 1]);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double av = 0;
                for (int k = 0; k < n; k++) av += a[i * n + k] * eig.vectors[k * n + j];
                assertThat(av).isCloseTo(eig.values[j] * eig.vectors[i * n + j], within(1e-12));
            }
        }
    }

    /** The default competition's design (normal classes 5, 7, 9: train 18,000 × 784, test 10,000) with a fixed seed. */
    @Test
    @Tag("slow")
    void onTheDefaultFashionMnistDesignPcaIsFarAboveChance() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TEST_LABELS)),
                "dataset-fashion-mnist is not installed (./holdout setup installs it)");
        FashionMnist.Options o = new FashionMnist.Options(FashionMnist.DEBIAN_DIR, FashionMnist.DEFAULT_NORMAL_CLASSES, 42,
                BundleAssembly.DEFAULT_PUBLIC_FRACTION, false, FashionMnist.DEFAULT_ANOMALY_FRACTION, null);
        Path out = dir.resolve("fmnist");
        BundleWriter.write(FashionMnist.build(o, Progress.NONE), out, false, Progress.NONE);
        Map<String, Floor> byId = CalibrationFloors.compute(out, Progress.NONE).stream()
                .collect(Collectors.toMap(Floor::id, Function.identity()));
        Floor pca40 = byId.get("pca-40");
        assertThat(pca40.publicAuc()).isGreaterThan(0.95);
        assertThat(pca40.privateAuc()).isGreaterThan(0.95);
        assertThat(pca40.note()).contains(", converged");
    }
}
