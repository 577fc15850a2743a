package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeLongTest {
    /**
     * Anomalies {3, 2, 2}, normal rows {2, 1}. V10: 3 beats both (1), each 2 beats 1 and ties 2 (3/4); AUC 5/6.
     * V01: the 2 has one anomaly above and two tied ((1 + 2·1/2)/3 = 2/3), the 1 has all three above (1).
     * S10 = ((1/6)² + 2·(1/12)²)/2 = 1/48, S01 = 2·(1/6)²/1 = 1/18; variance 1/48/3 + 1/18/2 = 5/144.
     */
    @Test
    void handComputedCaseWithTies() {
        AucInterval r = DeLong.of(new double[]{3, 2, 2}, new double[]{2, 1});
        assertThat(r.auc()).isEqualTo(5.0 / 6);
        assertThat(r.variance()).isEqualTo(5.0 / 144);
        assertThat(r.standardError()).isCloseTo(Math.sqrt(5) / 12, within(1e-16));
        assertThat(r.lower()).isCloseTo(5.0 / 6 - AucInterval.Z95 * Math.sqrt(5) / 12, within(1e-15));
        assertThat(r.upper()).as("clipped to 1").isEqualTo(1.0);
        // z = (5/6 - t) / (√5/12): 1.79 for t = 0.5, 2.33 for t = 0.4
        assertThat(r.differsFrom(0.5)).isFalse();
        assertThat(r.differsFrom(0.4)).isTrue();
        assertThat(r.differsFrom(1.0)).isFalse();
        assertThat(r.anomalous()).isEqualTo(3);
        assertThat(r.normal()).isEqualTo(2);
    }

    @Test
    void everyAnomalyAboveEveryNormalRowHasNoSpread() {
        AucInterval r = DeLong.of(new double[]{5, 6, 7}, new double[]{1, 2, 3, 4});
        assertThat(r.auc()).isEqualTo(1.0);
        assertThat(r.variance()).isEqualTo(0.0);
        assertThat(r.lower()).isEqualTo(1.0);
        assertThat(r.upper()).isEqualTo(1.0);
        assertThat(r.differsFrom(1.0)).isFalse();
        assertThat(r.differsFrom(0.999)).isTrue();
    }

    @Test
    void aClassWithOneMemberHasAnAucButNoInterval() {
        AucInterval r = DeLong.of(new double[]{0.7}, new double[]{0.1, 0.7, 0.9});
        assertThat(r.auc()).isEqualTo(0.5);
        assertThat(r.hasInterval()).isFalse();
        assertThat(r.variance()).isNull();
        assertThat(r.lower()).isNull();
        assertThat(r.upper()).isNull();
        assertThat(r.standardError()).isNull();
        assertThatThrownBy(() -> r.differsFrom(0.5)).isInstanceOf(IllegalStateException.class);
        assertThat(DeLong.of(new double[]{1, 2}, new double[]{0}).hasInterval()).isFalse();
    }

    @Test
    void negativeZeroTiesWithZeroAndEmptyClassesAreRefused() {
        assertThat(DeLong.of(new double[]{-0.0, 1}, new double[]{0.0, -1}).auc()).isEqualTo(0.875);
        assertThatThrownBy(() -> DeLong.of(new double[]{}, new double[]{1})).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> DeLong.of(new double[]{Double.NaN}, new double[]{1})).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void matchesThePairwiseComputationOnRandomDataWithTies() {
        Random rnd = new Random(14);
        for (int round = 0; round < 300; round++) {
            int m = 2 + rnd.nextInt(round < 100 ? 6 : 200);
            int n = 2 + rnd.nextInt(round < 100 ? 6 : 200);
            int levels = 1 + rnd.nextInt(round % 3 == 0 ? 3 : 50);
            double[] x = new double[m];
            double[] y = new double[n];
            for (int i = 0; i < m; i++) {
                x[i] = rnd.nextInt(levels) / 7.0 + (round % 2 == 0 ? 0.3 : 0);
            }
            for (int j = 0; j < n; j++) {
                y[j] = rnd.nextInt(levels) / 7.0;
            }
            double[] expected = pairwise(x, y);
            AucInterval r = DeLong.of(x, y);
            assertThat(r.auc()).as("round %d", round).isCloseTo(expected[0], within(1e-15));
            assertThat(r.variance()).as("round %d", round).isCloseTo(expected[1],
                    within(1e-12 * expected[1] + 1e-15));
            if (r.variance() > 0) {
                double t = rnd.nextDouble();
                assertThat(r.differsFrom(t)).isEqualTo(t < r.lower() || t > r.upper());
            }
        }
    }

    @Test
    void theScorersIntervalsAreDeLongsOnEachSplitWithTheScorersAuc() throws Exception {
        Random rnd = new Random(1988);
        int rows = 3000;
        StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
        StringBuilder upload = new StringBuilder("Id,Predicted\n");
        double[][] byGroup = new double[4][rows];
        int[] size = new int[4];
        for (int i = 0; i < rows; i++) {
            int expected = rnd.nextInt(4) == 0 ? 1 : 0;
            boolean pub = rnd.nextBoolean();
            double v = rnd.nextInt(300) / 100.0 + expected * 0.8;
            solution.append(i).append(',').append(expected).append(',').append(pub ? "Public" : "Private")
                    .append('\n');
            upload.append(i).append(',').append(v).append('\n');
            int g = (pub ? 0 : 2) + expected;
            byGroup[g][size[g]++] = v;
        }
        Solution s = Solution.parse(solution.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bytes = upload.toString().getBytes(StandardCharsets.UTF_8);
        ScoreWithIntervals si = Scorer.scoreWithIntervals(s, bytes);
        Score plain = Scorer.score(s, bytes);
        assertThat(si.score()).isEqualTo(plain);
        assertThat(si.publicInterval().auc()).isEqualTo(plain.publicAuc());
        assertThat(si.privateInterval().auc()).isEqualTo(plain.privateAuc());
        double[] pub = pairwise(java.util.Arrays.copyOf(byGroup[1], size[1]), java.util.Arrays.copyOf(byGroup[0],
                size[0]));
        double[] priv = pairwise(java.util.Arrays.copyOf(byGroup[3], size[3]), java.util.Arrays.copyOf(byGroup[2],
                size[2]));
        assertThat(si.publicInterval().variance()).isCloseTo(pub[1], within(1e-12 * pub[1]));
        assertThat(si.privateInterval().variance()).isCloseTo(priv[1], within(1e-12 * priv[1]));
        assertThat(si.publicInterval().lower()).isLessThan(plain.publicAuc());
        assertThat(si.publicInterval().upper()).isGreaterThan(plain.publicAuc());
    }

    @Test
    void aSplitWithoutAScoreHasNoInterval() throws Exception {
        Solution s = Solution.parse("Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Private\n3,0,Private\n"
                .getBytes(StandardCharsets.UTF_8));
        ScoreWithIntervals si = Scorer.scoreWithIntervals(s, "Id,Predicted\n0,0.1\n1,0.2\n2,3\n3,4\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(si.publicInterval().auc()).isEqualTo(1.0);
        assertThat(si.publicInterval().hasInterval()).isFalse();
        assertThat(si.privateInterval()).isNull();
        assertThat(si.score().privateReason()).contains("no anomalous rows");
    }

    /**
     * DeLong's components by comparing every pair, as the 1988 paper defines them: V10(x) = mean over normal y of
     * ψ(x, y), V01(y) = mean over anomalies x of ψ(x, y), ψ = 1 above, 1/2 tied, 0 below; the variance is
     * S10/m + S01/n with sample variances. Returns {auc, variance}.
     */
    private static double[] pairwise(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        long[] twiceAbove = new long[m];
        long[] twiceBelow = new long[n];
        long twicePairsWon = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int twicePsi = x[i] > y[j] ? 2 : x[i] == y[j] ? 1 : 0;
                twiceAbove[i] += twicePsi;
                twiceBelow[j] += twicePsi;
                twicePairsWon += twicePsi;
            }
        }
        double auc = twicePairsWon / (2.0 * m * n);
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        for (int i = 0; i < m; i++) {
            v10[i] = twiceAbove[i] / (2.0 * n);
        }
        for (int j = 0; j < n; j++) {
            v01[j] = twiceBelow[j] / (2.0 * m);
        }
        double s10 = 0;
        for (double v : v10) {
            s10 += (v - auc) * (v - auc) / (m - 1);
        }
        double s01 = 0;
        for (double v : v01) {
            s01 += (v - auc) * (v - auc) / (n - 1);
        }
        return new double[]{auc, s10 / m + s01 / n};
    }
}
