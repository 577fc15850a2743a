package org.holdout.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * DeLong's variance of a ROC-AUC (DeLong, DeLong &amp; Clarke-Pearson 1988), in O(n log n) as in Sun &amp; Xu (2014):
 * after sorting, each anomaly's structural component V10 (the share of normal rows it scores above, ties one half)
 * and each normal row's V01 (the share of anomalies scoring above it) come from one merge of the two sorted arrays.
 * The AUC is the mean of V10; the variance is S10/m + S01/n with S10, S01 the sample variances (divided by the class
 * size minus one) of the m anomalies' V10 and the n normal rows' V01.
 *
 * <p>Exact: every component is an integer count over 2n (or 2m), its sums and sums of squares are kept in exact
 * integers, and the variance is one fraction divided once, so it is correctly rounded to about 34 digits before it
 * becomes a double.
 */
public final class DeLong {
    private DeLong() {
    }

    /**
     * The AUC of {@code anomalous} scores against {@code normal} ones (higher = more anomalous) with its variance and
     * 95% interval. The arrays are not modified.
     *
     * @throws IllegalArgumentException when a class is empty or a score is NaN
     */
    public static AucInterval of(double[] anomalous, double[] normal) {
        if (anomalous.length == 0 || normal.length == 0) {
            throw new IllegalArgumentException("an AUC needs at least one anomalous and one normal score");
        }
        long[] a = keys(anomalous);
        long[] n = keys(normal);
        long[] tmp = new long[Math.max(a.length, n.length)];
        Keys.sort(a, a.length, tmp);
        Keys.sort(n, n.length, tmp);
        return ofSorted(n, a);
    }

    private static long[] keys(double[] scores) {
        long[] k = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            k[i] = Keys.of(scores[i]);
        }
        return k;
    }

    /** The same from sorted {@link Keys}, both arrays non-empty. */
    static AucInterval ofSorted(long[] normal, long[] anomalous) {
        int m = anomalous.length;
        int n = normal.length;
        // twice V10 times n for each anomaly: 2·(normal rows below) + (normal rows tied)
        Sums c = new Sums();
        int below = 0;
        for (int j = 0; j < m; ) {
            long v = anomalous[j];
            int same = j + 1;
            while (same < m && anomalous[same] == v) {
                same++;
            }
            while (below < n && normal[below] < v) {
                below++;
            }
            int tiedEnd = below;
            while (tiedEnd < n && normal[tiedEnd] == v) {
                tiedEnd++;
            }
            c.add(same - j, 2L * below + (tiedEnd - below));
            j = same;
        }
        // twice V01 times m for each normal row: 2·(anomalies above) + (anomalies tied)
        Sums d = new Sums();
        int atOrBelow = 0;
        int strictlyBelow = 0;
        for (int i = 0; i < n; ) {
            long v = normal[i];
            int same = i + 1;
            while (same < n && normal[same] == v) {
                same++;
            }
            while (strictlyBelow < m && anomalous[strictlyBelow] < v) {
                strictlyBelow++;
            }
            atOrBelow = Math.max(atOrBelow, strictlyBelow);
            while (atOrBelow < m && anomalous[atOrBelow] == v) {
                atOrBelow++;
            }
            long above = m - atOrBelow;
            d.add(same - i, 2L * above + (atOrBelow - strictlyBelow));
            i = same;
        }
        double auc = (double) c.sum / (2.0 * m * n);
        if (m < 2 || n < 2) {
            return AucInterval.of(auc, null, m, n);
        }
        BigInteger bm = BigInteger.valueOf(m);
        BigInteger bn = BigInteger.valueOf(n);
        // S10/m + S01/n = [A(n-1) + B(m-1)] / [4 m² n² (m-1)(n-1)], A = mΣc² − (Σc)², B = nΣd² − (Σd)²
        BigInteger a = bm.multiply(c.squares()).subtract(BigInteger.valueOf(c.sum).pow(2));
        BigInteger b = bn.multiply(d.squares()).subtract(BigInteger.valueOf(d.sum).pow(2));
        BigInteger num = a.multiply(bn.subtract(BigInteger.ONE)).add(b.multiply(bm.subtract(BigInteger.ONE)));
        BigInteger den = BigInteger.valueOf(4).multiply(bm.pow(2)).multiply(bn.pow(2))
                .multiply(bm.subtract(BigInteger.ONE)).multiply(bn.subtract(BigInteger.ONE));
        double variance = new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
        return AucInterval.of(auc, variance, m, n);
    }

    /** Σ count·x and Σ count·x² of non-negative integers x &lt; 2^33, the latter in 128 bits. */
    private static final class Sums {
        long sum;
        private long hi;
        private long lo;

        void add(long count, long x) {
            sum += count * x;
            long p = count * x;
            long low = p * x;
            long high = Math.multiplyHigh(p, x);
            long newLo = lo + low;
            if (Long.compareUnsigned(newLo, lo) < 0) {
                high++;
            }
            lo = newLo;
            hi += high;
        }

        BigInteger squares() {
            return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        }
    }
}
