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
    private static final int MEDIUM = 1 << 16;
    private static final int INSERTION = 32;

    private Keys() {
    }

    static long of(double v) {
        long bits = Double.doubleToRawLongBits(v + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** The double of a key made by {@link #of} (the mapping is its own inverse). */
    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** Sorts {@code a[0..n)} ascending; {@code tmp} must hold at least {@code n} keys. */
    static void sort(long[] a, int n, long[] tmp) {
        if (n < SMALL) {
            Arrays.sort(a, 0, n);
            return;
        }
        if (n <= MEDIUM) {
            bucketSort(a, n, tmp);
            return;
        }
        radixSort(a, n, tmp);
    }

    /**
     * One pass into about n/2 buckets spread evenly over the keys' range (so a bucket's keys all precede the next
     * bucket's), then each bucket sorted on its own: by insertion when small, which it is unless many keys crowd
     * into a narrow part of the range; such a bucket goes to {@link Arrays#sort}. For an upload's few thousand
     * keys this touches each key about twice, where the radix sort's six passes and 12,288 counters cost more.
     */
    static void bucketSort(long[] a, int n, long[] tmp) {
        long min = a[0];
        long max = a[0];
        for (int i = 1; i < n; i++) {
            long k = a[i];
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        if (min == max) {
            return;
        }
        long range = max - min;
        int bucketBits = 32 - Integer.numberOfLeadingZeros(n) - 1;
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(range) - bucketBits);
        int buckets = (int) (range >>> shift) + 1;
        int[] next = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            next[(int) ((a[i] - min) >>> shift) + 1]++;
        }
        for (int b = 1; b <= buckets; b++) {
            next[b] += next[b - 1];
        }
        for (int i = 0; i < n; i++) {
            long k = a[i];
            tmp[next[(int) ((k - min) >>> shift)]++] = k;
        }
        int from = 0;
        for (int b = 0; b < buckets; b++) {
            int to = next[b];
            if (to - from > INSERTION) {
                Arrays.sort(tmp, from, to);
            } else {
                for (int i = from + 1; i < to; i++) {
                    long k = tmp[i];
                    int j = i - 1;
                    while (j >= from && tmp[j] > k) {
                        tmp[j + 1] = tmp[j];
                        j--;
                    }
                    tmp[j + 1] = k;
                }
            }
            from = to;
        }
        System.arraycopy(tmp, 0, a, 0, n);
    }

    static void radixSort(long[] a, int n, long[] tmp) {
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
