package org.holdout.submission;

import java.util.Arrays;

/**
 * A file's submitted scores binned for its histogram on My submissions: {@link #BINS} equal-width bins from the
 * smallest value to the largest (the largest in the last bin), or one bin when every value is the same.
 */
public final class HistogramRules {
    public static final int BINS = 20;

    private HistogramRules() {
    }

    /** @param sorted the file's values, ascending */
    public static Histogram of(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return new Histogram(0, 0, 0, new int[0]);
        }
        double min = sorted[0];
        double max = sorted[n - 1];
        if (min == max) {
            return new Histogram(n, min, max, new int[] {n});
        }
        int[] counts = new int[BINS];
        // halved so that max - min cannot overflow to infinity for values near ±Double.MAX_VALUE
        double span = max / 2 - min / 2;
        for (double v : sorted) {
            int bin = (int) Math.floor((v / 2 - min / 2) / span * BINS);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return new Histogram(n, min, max, counts);
    }

    /** How many values fall into each bin between {@code min} and {@code max}. */
    public record Histogram(int count, double min, double max, int[] counts) {
        public Histogram {
            counts = counts.clone();
        }

        /** Every value equal: a file that ranks nothing (its AUC is 0.5 whatever the labels). */
        public boolean constant() {
            return count > 0 && min == max;
        }

        /** The middle of bin {@code i}. */
        public double centre(int i) {
            if (counts.length == 1) {
                return min;
            }
            return 2 * (min / 2 + (max / 2 - min / 2) / counts.length * (i + 0.5));
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Histogram h && h.count == count && Double.compare(h.min, min) == 0
                    && Double.compare(h.max, max) == 0 && Arrays.equals(h.counts, counts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(counts) * 31 + Double.hashCode(min) * 17 + Double.hashCode(max) + count;
        }

        @Override
        public String toString() {
            return "Histogram[" + count + " from " + min + " to " + max + ": " + Arrays.toString(counts) + "]";
        }
    }
}
