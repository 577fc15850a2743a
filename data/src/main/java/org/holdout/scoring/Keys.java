package org.holdout.scoring;

import java.util.Arrays;

/**
 * Doubles as {@code long} keys whose signed order is the doubles' numeric order, and an LSD radix sort for
 * them. Equal doubles get equal keys once -0.0 has been turned into 0.0; NaN never occurs here.
 */
final class Keys {
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;
    private static final int SMALL = 1 << 10;

    private Keys() {
    }

    static long of(double v) {
        long bits = Double.doubleToRawLongBits(v + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Sorts {@code a[0..n)} ascending; {@code tmp} must hold at least {@code n} keys. */
    static void sort(long[] a, int n, long[] tmp) {
        if (n < SMALL) {
            Arrays.sort(a, 0, n);
            return;
        }
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long u = a[i] ^ Long.MIN_VALUE;
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) (u >>> (p * BITS)) & (RADIX - 1)]++;
            }
        }
        long[] from = a;
        long[] to = tmp;
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            int shift = p * BITS;
            if (c[(int) ((from[0] ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1)] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int k = c[d];
                c[d] = sum;
                sum += k;
            }
            for (int i = 0; i < n; i++) {
                long k = from[i];
                to[c[(int) ((k ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1)]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != a) {
            System.arraycopy(from, 0, a, 0, n);
        }
    }
}
