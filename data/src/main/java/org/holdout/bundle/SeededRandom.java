package org.holdout.bundle;

/**
 * SplitMix64: the same seed gives the same numbers on every JVM (java.util.SplittableRandom only promises that
 * within one run), so a bundle's bytes depend on the seed alone.
 */
final class SeededRandom {
    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** An independent stream for one purpose ("test-order", "split"...), so adding a purpose changes no other. */
    static SeededRandom of(long seed, String purpose) {
        SeededRandom r = new SeededRandom(seed ^ (purpose.hashCode() * 0x9E3779B97F4A7C15L));
        r.nextLong();
        return r;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), without modulo bias. */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        while (true) {
            long r = nextLong() >>> 1;
            long m = r % bound;
            if (r - m + (bound - 1) >= 0) return (int) m;
        }
    }

    /** Fisher–Yates shuffle in place. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
