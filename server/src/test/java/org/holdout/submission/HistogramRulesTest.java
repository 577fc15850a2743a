package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramRulesTest {
    @Test
    void valuesFallIntoEqualWidthBinsWithTheLargestInTheLast() {
        HistogramRules.Histogram h = HistogramRules.of(new double[] {0, 0.01, 0.5, 0.5, 0.96, 1});
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.constant()).isFalse();
        int[] counts = h.counts();
        assertThat(counts).hasSize(HistogramRules.BINS);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[10]).isEqualTo(2);
        assertThat(counts[19]).isEqualTo(2);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(6);
        assertThat(h.centre(0)).isCloseTo(0.025, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(h.centre(19)).isCloseTo(0.975, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aConstantFileIsOneBarAndSaysSo() {
        HistogramRules.Histogram h = HistogramRules.of(new double[] {0.5, 0.5, 0.5});
        assertThat(h.constant()).isTrue();
        assertThat(h.counts()).containsExactly(3);
        assertThat(h.centre(0)).isEqualTo(0.5);
    }

    @Test
    void theWholeRangeOfDoublesDoesNotOverflow() {
        HistogramRules.Histogram h = HistogramRules.of(new double[] {-Double.MAX_VALUE, 0, Double.MAX_VALUE});
        assertThat(h.counts()[0]).isEqualTo(1);
        assertThat(h.counts()[10]).isEqualTo(1);
        assertThat(h.counts()[19]).isEqualTo(1);
        assertThat(Double.isFinite(h.centre(19))).isTrue();
    }
}
