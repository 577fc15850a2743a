package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BundleAssemblyTest {

    @Test
    void splitMix64MatchesItsReferenceOutput() {
        SeededRandom r = new SeededRandom(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void publicRowsAreStratifiedByLabelAndClassWithinRounding() {
        int[] classes = IntStream.range(0, 1003).map(i -> i % 7).toArray();
        for (double f : new double[] {0.5, 0.3, 0.25, 0.9}) {
            boolean[] pub = BundleAssembly.publicRows(classes, List.of(0, 1), f, 3);
            for (boolean anomaly : new boolean[] {false, true}) {
                int n = 0;
                int p = 0;
                for (int i = 0; i < classes.length; i++) {
                    if ((classes[i] >= 2) == anomaly) {
                        n++;
                        if (pub[i]) p++;
                    }
                }
                assertThat(p).as("fraction %s anomaly %s", f, anomaly).isEqualTo(Math.round(n * f));
            }
            for (int c = 0; c < 7; c++) {
                int cls = c;
                long n = IntStream.of(classes).filter(x -> x == cls).count();
                long p = IntStream.range(0, classes.length).filter(i -> classes[i] == cls && pub[i]).count();
                assertThat((double) p).as("class %d", c).isCloseTo(n * f, org.assertj.core.data.Offset.offset(1.0));
            }
        }
    }

    @Test
    void tinyLabelsStillGetOneRowInEachSplit() {
        int[] classes = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        boolean[] pub = BundleAssembly.publicRows(classes, List.of(0), 0.1, 9);
        assertThat(pub[8] ^ pub[9]).as("one anomaly public, one private").isTrue();
        assertThat(IntStream.range(0, 8).filter(i -> pub[i]).count()).isEqualTo(1);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[] classes = IntStream.range(0, 500).map(i -> i % 5).toArray();
        assertThat(BundleAssembly.publicRows(classes, List.of(0), 0.5, 11)).isEqualTo(BundleAssembly.publicRows(classes, List.of(0), 0.5, 11));
        assertThat(BundleAssembly.publicRows(classes, List.of(0), 0.5, 11)).isNotEqualTo(BundleAssembly.publicRows(classes, List.of(0), 0.5, 12));
    }
}
