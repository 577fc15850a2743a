package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Order-preserving keys and their radix sort agree with sorting the doubles themselves. */
class KeysTest {
    @Test
    void keysOrderLikeTheDoublesAndZerosTie() {
        double[] ordered = {-Double.MAX_VALUE, -1e308, -1, -Double.MIN_NORMAL, -Double.MIN_VALUE, 0.0,
            Double.MIN_VALUE, Double.MIN_NORMAL, 0.5, Math.nextUp(0.5), 1, 1e308, Double.MAX_VALUE};
        for (int i = 1; i < ordered.length; i++) {
            assertThat(Keys.of(ordered[i - 1])).as("%s < %s", ordered[i - 1], ordered[i]).isLessThan(Keys.of(ordered[i]));
        }
        assertThat(Keys.of(-0.0)).isEqualTo(Keys.of(0.0));
    }

    @Test
    void radixSortMatchesArraysSort() {
        Random rnd = new Random(11);
        for (int n : new int[] {0, 1, 1023, 1024, 5000, 100_000}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (rnd.nextInt(6)) {
                    case 0 -> Double.longBitsToDouble(rnd.nextLong()) % 1e300;
                    case 1 -> rnd.nextInt(5) - 2;
                    case 2 -> rnd.nextBoolean() ? -0.0 : 0.0;
                    case 3 -> Double.MIN_VALUE * rnd.nextInt(100) * (rnd.nextBoolean() ? 1 : -1);
                    case 4 -> rnd.nextGaussian();
                    default -> rnd.nextDouble();
                };
                if (Double.isNaN(values[i])) {
                    values[i] = 0.25;
                }
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = Keys.of(values[i]);
            }
            Keys.sort(keys, n, new long[n]);
            double[] expected = values.clone();
            for (int i = 0; i < n; i++) {
                expected[i] += 0.0;
            }
            Arrays.sort(expected);
            long[] expectedKeys = Arrays.stream(expected).mapToLong(Keys::of).toArray();
            assertThat(keys).as("n=%d", n).isEqualTo(expectedKeys);
        }
    }

    @Test
    void radixSortOfKeysSharingHighBitsSkipsPassesAndStillSorts() {
        Random rnd = new Random(3);
        long[] keys = new long[50_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Keys.of(0.5 + rnd.nextInt(1000) * Math.ulp(0.5));
        }
        long[] expected = keys.clone();
        Arrays.sort(expected);
        Keys.sort(keys, keys.length, new long[keys.length]);
        assertThat(keys).isEqualTo(expected);
    }

    @Test
    void bucketSortSortsCrowdedTiedAndFullRangeKeys() {
        Random rnd = new Random(7);
        for (int n : new int[] {1024, 1500, 8000, 65_536}) {
            for (int shape = 0; shape < 7; shape++) {
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    double v = switch (shape) {
                        case 0 -> i == 0 ? 1e300 : rnd.nextDouble() * 1e-9;
                        case 1 -> i == 0 ? -Double.MAX_VALUE : i == 1 ? Double.MAX_VALUE : rnd.nextGaussian();
                        case 2 -> rnd.nextInt(3);
                        case 3 -> i == n - 1 ? 2 : 1;
                        case 4 -> 0.5 + rnd.nextInt(n) * Math.ulp(0.5);
                        case 5 -> Math.exp(rnd.nextGaussian() * 20);
                        default -> 1 - Math.ulp(1.0) * rnd.nextInt(4);
                    };
                    keys[i] = Keys.of(v);
                }
                long[] expected = keys.clone();
                Arrays.sort(expected);
                Keys.bucketSort(keys, n, new long[n]);
                assertThat(keys).as("n=%d shape %d", n, shape).isEqualTo(expected);
            }
        }
    }
}
