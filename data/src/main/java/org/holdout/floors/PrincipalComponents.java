package org.holdout.floors;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.holdout.bundle.Progress;
import org.holdout.npy.UInt8Array;

/**
 * The leading principal axes of a set of uint8 images (rows of length D), centred by their mean, found by
 * subspace iteration with Rayleigh–Ritz on the covariance: a block of {@code k + 20} vectors is multiplied by
 * the covariance and re-orthonormalised until every one of the first k Ritz pairs has a residual
 * {@code ‖Cv − θv‖ ≤ tolerance · θ₁}.
 *
 * <p>When D is at most {@code explicitLimit} the covariance is formed once (D×D doubles; its cross products are
 * summed in integers, so it is exact up to one rounding), and each iteration costs D²·b. Above it the covariance
 * is never formed: each iteration passes twice over the images (Xc·Q, then Xcᵀ·(XcQ)), N·D·b each, and the
 * iteration stops after {@code maxImplicitIterations} whether converged or not. Memory beside the images: about
 * 20·D² bytes while the covariance is formed (its doubles and the integer sums), 8·D² after; otherwise N·b + 6·D·b
 * doubles.
 */
final class PrincipalComponents {
    static final int OVERSAMPLE = 20;
    static final double TOLERANCE = 1e-10;
    static final int MAX_EXPLICIT_ITERATIONS = 2000;
    private static final int CHUNK = 128;
    /** Rows whose integer cross products are summed in an int before moving to a long: 32,768 × 255² < 2³¹. */
    private static final int FLUSH_ROWS = 32_768;

    /** Component j of dimension d is {@code axes[d * count + j]}. */
    final double[] axes;
    final int count;
    final double[] variances;
    final int iterations;
    final boolean converged;
    final double residual;
    final boolean explicit;

    private PrincipalComponents(double[] axes, int count, double[] variances, int iterations, boolean converged,
            double residual, boolean explicit) {
        this.axes = axes;
        this.count = count;
        this.variances = variances;
        this.iterations = iterations;
        this.converged = converged;
        this.residual = residual;
        this.explicit = explicit;
    }

    /** The first {@code k} axes of {@code images} (k ≤ min(D, N − 1)); {@code mean} is their mean image. */
    static PrincipalComponents fit(UInt8Array images, double[] mean, int k, int explicitLimit, int maxImplicitIterations,
            Progress progress) {
        int n = images.count();
        int d = images.itemSize();
        if (k < 1 || k > Math.min(d, n - 1)) throw new IllegalArgumentException(k + " components of " + n + " images of " + d + " values");
        int b = Math.min(k + OVERSAMPLE, Math.min(d, n));
        boolean explicit = d <= explicitLimit;
        Operator op;
        if (explicit) {
            double[] cov = covariance(images, progress);
            op = block -> multiplySymmetric(cov, d, block, b);
        } else {
            op = block -> {
                double[] y = project(images, mean, block, b, progress);
                return backProject(images, mean, y, b, progress);
            };
        }
        int maxIterations = explicit ? MAX_EXPLICIT_ITERATIONS : Math.max(1, maxImplicitIterations);
        double[] q = randomStart(d, b);
        orthonormalize(q, d, b);
        double[] ritzValues = null;
        double[] ritzVectors = null;
        double residual = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[] z = op.apply(q);
            double[] t = new double[b * b];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    double s = 0;
                    for (int r = 0; r < d; r++) s += q[r * b + i] * z[r * b + j];
                    t[i * b + j] = s;
                }
            }
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < i; j++) t[i * b + j] = t[j * b + i] = 0.5 * (t[i * b + j] + t[j * b + i]);
            }
            Jacobi eig = Jacobi.of(t, b);
            ritzValues = eig.values;
            ritzVectors = times(q, d, b, eig.vectors);
            double[] az = times(z, d, b, eig.vectors);
            residual = 0;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int r = 0; r < d; r++) {
                    double e = az[r * b + j] - ritzValues[j] * ritzVectors[r * b + j];
                    s += e * e;
                }
                residual = Math.max(residual, Math.sqrt(s));
            }
            residual = ritzValues[0] > 0 ? residual / ritzValues[0] : 0;
            if (residual <= TOLERANCE) break;
            q = az;
            orthonormalize(q, d, b);
        }
        double[] axes = new double[d * k];
        for (int r = 0; r < d; r++) System.arraycopy(ritzVectors, r * b, axes, r * k, k);
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) variances[j] = ritzValues[j] / n;
        return new PrincipalComponents(axes, k, variances, it, residual <= TOLERANCE, residual, explicit);
    }

    private interface Operator {
        double[] apply(double[] q);
    }

    /** N × the covariance matrix: Σ (x − μ)(x − μ)ᵀ = Σ xxᵀ − s sᵀ / N with s = Σ x, cross products in integers. */
    static double[] covariance(UInt8Array images, Progress progress) {
        int n = images.count();
        int d = images.itemSize();
        byte[] x = images.data();
        long[] sums = new long[d];
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < d; e++) sums[e] += x[i * d + e] & 0xFF;
        }
        double[] cov = new double[d * d];
        int bands = Math.max(1, Math.min(d, 4 * Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, bands).parallel().forEach(band -> {
            int rows = (d - band + bands - 1) / bands;
            long[] cross = new long[rows * d];
            int[] part = new int[rows * d];
            for (int start = 0; start < n; start += FLUSH_ROWS) {
                int end = Math.min(n, start + FLUSH_ROWS);
                for (int from = start; from < end; from += CHUNK) {
                    int to = Math.min(end, from + CHUNK);
                    for (int r = 0; r < rows; r++) {
                        int a = band + r * bands;
                        int off = r * d;
                        for (int i = from; i < to; i++) {
                            int base = i * d;
                            int v = x[base + a] & 0xFF;
                            if (v == 0) continue;
                            for (int e = a; e < d; e++) part[off + e] += v * (x[base + e] & 0xFF);
                        }
                    }
                    progress.add((long) (to - from) * d / bands);
                }
                for (int i = 0; i < part.length; i++) {
                    cross[i] += part[i];
                    part[i] = 0;
                }
            }
            for (int r = 0; r < rows; r++) {
                int a = band + r * bands;
                for (int e = a; e < d; e++) {
                    double c = (double) (n * cross[r * d + e] - sums[a] * sums[e]) / n;
                    cov[a * d + e] = c;
                    cov[e * d + a] = c;
                }
            }
        });
        return cov;
    }

    /** C·Q for a symmetric D×D C and a D×b block Q (row-major). */
    private static double[] multiplySymmetric(double[] c, int d, double[] q, int b) {
        double[] z = new double[d * b];
        IntStream.range(0, d).parallel().forEach(r -> {
            int off = r * b;
            for (int e = 0; e < d; e++) {
                double v = c[r * d + e];
                if (v == 0) continue;
                int qe = e * b;
                for (int j = 0; j < b; j++) z[off + j] += v * q[qe + j];
            }
        });
        return z;
    }

    /** (X − μ)·Q: N×b, row-major. */
    static double[] project(UInt8Array images, double[] mean, double[] q, int b, Progress progress) {
        int n = images.count();
        int d = images.itemSize();
        byte[] x = images.data();
        double[] y = new double[n * b];
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            for (int e = 0; e < d; e++) {
                int qe = e * b;
                double m = mean[e];
                for (int i = from; i < to; i++) {
                    double v = (x[i * d + e] & 0xFF) - m;
                    int yi = i * b;
                    for (int j = 0; j < b; j++) y[yi + j] += v * q[qe + j];
                }
            }
            progress.add((long) (to - from) * d);
        });
        return y;
    }

    /** (X − μ)ᵀ·Y: D×b, row-major. */
    private static double[] backProject(UInt8Array images, double[] mean, double[] y, int b, Progress progress) {
        int n = images.count();
        int d = images.itemSize();
        byte[] x = images.data();
        double[] z = new double[d * b];
        int bands = Math.max(1, Math.min(d, 4 * Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, bands).parallel().forEach(band -> {
            int from = (int) ((long) d * band / bands);
            int to = (int) ((long) d * (band + 1) / bands);
            for (int start = 0; start < n; start += CHUNK) {
                int end = Math.min(n, start + CHUNK);
                for (int e = from; e < to; e++) {
                    double m = mean[e];
                    int ze = e * b;
                    for (int i = start; i < end; i++) {
                        double v = (x[i * d + e] & 0xFF) - m;
                        int yi = i * b;
                        for (int j = 0; j < b; j++) z[ze + j] += v * y[yi + j];
                    }
                }
            }
            progress.add((long) n * (to - from));
        });
        return z;
    }

    private static double[] randomStart(int d, int b) {
        Random random = new Random(20_240_601L);
        double[] q = new double[d * b];
        for (int i = 0; i < q.length; i++) q[i] = random.nextGaussian();
        return q;
    }

    /** Modified Gram–Schmidt, twice, on the b columns of a D×b row-major block. */
    static void orthonormalize(double[] q, int d, int b) {
        for (int j = 0; j < b; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double dot = 0;
                    for (int r = 0; r < d; r++) dot += q[r * b + i] * q[r * b + j];
                    for (int r = 0; r < d; r++) q[r * b + j] -= dot * q[r * b + i];
                }
            }
            double norm = 0;
            for (int r = 0; r < d; r++) norm += q[r * b + j] * q[r * b + j];
            norm = Math.sqrt(norm);
            if (norm == 0) throw new IllegalStateException("the subspace collapsed at column " + j);
            for (int r = 0; r < d; r++) q[r * b + j] /= norm;
        }
    }

    /** A (D×b) · W (b×b), both row-major. */
    private static double[] times(double[] a, int d, int b, double[] w) {
        double[] out = new double[d * b];
        for (int r = 0; r < d; r++) {
            for (int i = 0; i < b; i++) {
                double v = a[r * b + i];
                for (int j = 0; j < b; j++) out[r * b + j] += v * w[i * b + j];
            }
        }
        return out;
    }

    /** Eigenvalues (descending) and eigenvectors (columns of a row-major b×b matrix) of a small symmetric matrix, by cyclic Jacobi rotations. */
    static final class Jacobi {
        final double[] values;
        final double[] vectors;

        private Jacobi(double[] values, double[] vectors) {
            this.values = values;
            this.vectors = vectors;
        }

        static Jacobi of(double[] symmetric, int n) {
            double[] a = symmetric.clone();
            double[] v = new double[n * n];
            for (int i = 0; i < n; i++) v[i * n + i] = 1;
            double norm = 0;
            for (double x : a) norm += x * x;
            for (int sweep = 0; sweep < 100; sweep++) {
                double off = 0;
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
                }
                if (off <= 1e-32 * norm) break;
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) {
                        double apq = a[p * n + q];
                        if (apq == 0) continue;
                        double tau = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                        double c = 1 / Math.sqrt(1 + t * t);
                        double s = t * c;
                        for (int k = 0; k < n; k++) {
                            double akp = a[k * n + p];
                            double akq = a[k * n + q];
                            a[k * n + p] = c * akp - s * akq;
                            a[k * n + q] = s * akp + c * akq;
                        }
                        for (int k = 0; k < n; k++) {
                            double apk = a[p * n + k];
                            double aqk = a[q * n + k];
                            a[p * n + k] = c * apk - s * aqk;
                            a[q * n + k] = s * apk + c * aqk;
                        }
                        for (int k = 0; k < n; k++) {
                            double vkp = v[k * n + p];
                            double vkq = v[k * n + q];
                            v[k * n + p] = c * vkp - s * vkq;
                            v[k * n + q] = s * vkp + c * vkq;
                        }
                    }
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (i, j) -> Double.compare(a[j * n + j], a[i * n + i]));
            double[] values = new double[n];
            double[] vectors = new double[n * n];
            for (int c = 0; c < n; c++) {
                int src = order[c];
                values[c] = a[src * n + src];
                for (int r = 0; r < n; r++) vectors[r * n + c] = v[r * n + src];
            }
            return new Jacobi(values, vectors);
        }
    }
}
