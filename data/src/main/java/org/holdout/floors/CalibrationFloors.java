package org.holdout.floors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.Progress;
import org.holdout.npy.UInt8Array;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;

/**
 * Calibration floors: what trivial anomaly scores, computed from a bundle's train and test images alone, reach on
 * its hidden labels. A grade threshold at or below a floor is passed by a method a student writes in ten lines.
 *
 * <p>The methods, each scoring every test image (higher = more anomalous):
 * <ul>
 * <li>{@code mean-intensity} and {@code mean-intensity-negated}: the mean of the image's values, and its negation.
 * Nothing in the data says whether anomalies are brighter or darker, and a student may upload either, so both are
 * floors; their AUCs add up to 1 on each split.</li>
 * <li>{@code mean-intensity-deviation}: |mean intensity − the training images' mean intensity|.</li>
 * <li>{@code l2-to-mean}: the Euclidean distance to the mean training image.</li>
 * <li>{@code pca-K}: the squared reconstruction error ‖x − μ‖² − ‖Vₖᵀ(x − μ)‖² with the first K principal axes Vₖ of
 * the training images centred by their mean μ (K = 5, 10, 20, 40 where K < min(N, D)).</li>
 * </ul>
 * The last three need no choice of direction: a training set of normal images makes "far from it" the anomaly.
 *
 * <p>Each floor's scores are written as an {@code Id,Predicted} file in memory (Java's shortest round-tripping
 * decimals) and scored by {@link Scorer}, exactly as an upload of them would be. Floors use the solution's labels,
 * so they are for staff only.
 *
 * <p>Memory: the train and test images as bytes (N·D + M·D); for the PCA about 20·D² bytes when D ≤
 * {@value #EXPLICIT_LIMIT} (the covariance matrix; 84 MB at the limit), otherwise (N + 6·D)·60 doubles; and about
 * 50·M doubles of scores and projections. The loops run as parallel streams, on the common fork-join pool.
 * Measured time and memory: docs/benchmarks.md, "Calibration floors".
 */
public final class CalibrationFloors {

    /** The PCA component counts tried. */
    public static final List<Integer> COMPONENTS = List.of(5, 10, 20, 40);
    /** Up to this many values per image the covariance matrix is formed (2048² doubles = 32 MiB). */
    public static final int EXPLICIT_LIMIT = 2048;
    /** Above {@link #EXPLICIT_LIMIT}, the subspace iteration stops after this many iterations (two passes over the training images each). */
    public static final int MAX_IMPLICIT_ITERATIONS = 12;

    private CalibrationFloors() {
    }

    /**
     * One floor. {@code seconds} is the wall time of the steps its scores need, steps shared with other floors (the
     * mean image, the PCA fit) counted in each; reading the files is not counted. {@code note} says how the PCA fit
     * went, or is empty.
     */
    public record Floor(String id, String label, double publicAuc, double privateAuc, double seconds, String note) {
    }

    /** A floor's scores in test Id order, before they are scored against the solution. */
    public record Scores(String id, String label, double[] scores, double seconds, String note) {
    }

    /** Opens (and verifies) the bundle in {@code dir} and computes its floors. */
    public static List<Floor> compute(Path dir, Progress progress) throws IOException {
        return compute(Bundle.open(dir), progress);
    }

    /** Computes the floors of an opened bundle: its images, then its solution.csv. */
    public static List<Floor> compute(Bundle bundle, Progress progress) throws IOException {
        return compute(bundle.train(), bundle.test(), bundle.solution(), progress);
    }

    /** Computes the floors of images already read and the solution.csv in {@code solution}. */
    public static List<Floor> compute(UInt8Array train, UInt8Array test, Path solutionFile, Progress progress)
            throws IOException {
        List<Scores> all = scores(train, test, COMPONENTS, EXPLICIT_LIMIT, MAX_IMPLICIT_ITERATIONS, progress);
        Solution solution = Solution.read(solutionFile);
        List<Floor> floors = new ArrayList<>();
        for (Scores s : all) {
            Score score = score(solution, s.scores());
            floors.add(new Floor(s.id(), s.label(), score.publicAuc(), score.privateAuc(), s.seconds(), s.note()));
        }
        return floors;
    }

    /** Scores the floors' methods on {@code test}, fitting on {@code train} only; the labels are not looked at. */
    public static List<Scores> scores(UInt8Array train, UInt8Array test, List<Integer> components, int explicitLimit,
            int maxImplicitIterations, Progress progress) {
        int n = train.count();
        int m = test.count();
        int d = train.itemSize();
        if (n == 0 || m == 0 || d == 0 || test.itemSize() != d) {
            throw new IllegalArgumentException("train " + train + " and test " + test + " need images of one shape");
        }
        int[] ks = components.stream().mapToInt(Integer::intValue).filter(k -> k >= 1 && k < Math.min(n, d)).sorted().distinct().toArray();
        int kmax = ks.length == 0 ? 0 : ks[ks.length - 1];
        long trainBytes = (long) n * d;
        long testBytes = (long) m * d;
        boolean explicit = d <= explicitLimit;
        progress.expect(trainBytes + 2 * testBytes
                + (kmax == 0 ? 0 : explicit ? trainBytes : 2L * maxImplicitIterations * trainBytes));

        long t0 = System.nanoTime();
        double[] mean = meanImage(train);
        progress.add(trainBytes);
        double meanSeconds = seconds(t0);

        t0 = System.nanoTime();
        double[] intensity = new double[m];
        double[] squaredDistance = new double[m];
        byte[] x = test.data();
        IntStream.range(0, m).parallel().forEach(i -> {
            long sum = 0;
            double sq = 0;
            for (int e = 0; e < d; e++) {
                int v = x[i * d + e] & 0xFF;
                sum += v;
                double c = v - mean[e];
                sq += c * c;
            }
            intensity[i] = (double) sum / d;
            squaredDistance[i] = sq;
        });
        progress.add(testBytes);
        double testSeconds = seconds(t0);

        double trainIntensity = Arrays.stream(mean).sum() / d;
        List<Scores> out = new ArrayList<>();
        out.add(new Scores("mean-intensity", "mean intensity (brighter = more anomalous)", intensity, testSeconds, ""));
        out.add(new Scores("mean-intensity-negated", "mean intensity, negated (darker = more anomalous)",
                Arrays.stream(intensity).map(v -> -v).toArray(), testSeconds, ""));
        out.add(new Scores("mean-intensity-deviation", "|mean intensity − training mean|",
                Arrays.stream(intensity).map(v -> Math.abs(v - trainIntensity)).toArray(), meanSeconds + testSeconds, ""));
        out.add(new Scores("l2-to-mean", "L2 distance to the mean training image",
                Arrays.stream(squaredDistance).map(Math::sqrt).toArray(), meanSeconds + testSeconds, ""));
        if (kmax == 0) return out;

        t0 = System.nanoTime();
        PrincipalComponents pca = PrincipalComponents.fit(train, mean, kmax, explicitLimit, maxImplicitIterations, progress);
        double fitSeconds = seconds(t0);
        t0 = System.nanoTime();
        double[] coefficients = PrincipalComponents.project(test, mean, pca.axes, kmax, progress);
        double projectSeconds = seconds(t0);
        String note = String.format(Locale.ROOT, "%d axes of %d images × %d values, %s, %d iterations, %s (largest relative residual %.1e)",
                kmax, n, d, pca.explicit ? "covariance formed" : "covariance not formed", pca.iterations,
                pca.converged ? "converged" : "NOT converged", pca.residual);
        for (int k : ks) {
            double[] error = new double[m];
            for (int i = 0; i < m; i++) {
                double captured = 0;
                for (int j = 0; j < k; j++) {
                    double c = coefficients[i * kmax + j];
                    captured += c * c;
                }
                error[i] = Math.max(0, squaredDistance[i] - captured);
            }
            out.add(new Scores("pca-" + k, "PCA reconstruction error, " + k + " components", error,
                    meanSeconds + testSeconds + fitSeconds + projectSeconds, note));
        }
        return out;
    }

    /** The floors whose Public AUC reaches {@code threshold} (a threshold at or below them warrants a warning), highest first. */
    public static List<Floor> reaching(double threshold, List<Floor> floors) {
        return floors.stream().filter(f -> f.publicAuc() >= threshold)
                .sorted((a, b) -> Double.compare(b.publicAuc(), a.publicAuc())).toList();
    }

    /** The mean of each of the D values over the images, each one exact sum divided once. */
    static double[] meanImage(UInt8Array images) {
        int n = images.count();
        int d = images.itemSize();
        byte[] x = images.data();
        long[] sums = new long[d];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int e = 0; e < d; e++) sums[e] += x[base + e] & 0xFF;
        }
        double[] mean = new double[d];
        for (int e = 0; e < d; e++) mean[e] = (double) sums[e] / n;
        return mean;
    }

    /** Scores test Ids 0..M−1 with {@code scores} as an upload of them would be scored. */
    public static Score score(Solution solution, double[] scores) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream(scores.length * 24 + 16);
        StringBuilder line = new StringBuilder(48);
        csv.writeBytes("Id,Predicted\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < scores.length; i++) {
            line.setLength(0);
            line.append(i).append(',').append(scores[i]).append('\n');
            csv.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        try {
            return Scorer.score(solution, csv.toByteArray());
        } catch (SubmissionRejectedException e) {
            throw new IllegalStateException("a floor's own scores were refused: " + e.getMessage(), e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
