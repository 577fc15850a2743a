package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingRulesTest {
    record Up(long id, double score, long receivedMs) {
    }

    private static final Comparator<Up> ORDER = RankingRules.bestFirst(Up::score, Up::receivedMs, Up::id);

    @Test
    void higherFirstThenTheEarlierThenTheLowerId() {
        List<Up> ups = new ArrayList<>(List.of(new Up(1, 0.9, 50), new Up(2, 0.95, 60), new Up(3, 0.9, 40),
                new Up(4, 0.9, 40), new Up(5, 0.1, 10)));
        ups.sort(ORDER);
        assertThat(ups).extracting(Up::id).containsExactly(2L, 3L, 4L, 1L, 5L);
        assertThat(RankingRules.best(ups, ORDER)).map(Up::id).hasValue(2L);
        assertThat(RankingRules.best(List.<Up>of(), ORDER)).isEmpty();
    }

    @Test
    void aThresholdStandsBelowEveryoneItDoesNotBeat() {
        List<Double> board = List.of(0.99, 0.95, 0.95, 0.90);
        assertThat(RankingRules.thresholdPosition(board, d -> d, 0.95)).isEqualTo(3);
        assertThat(RankingRules.thresholdPosition(board, d -> d, 0.999)).isZero();
        assertThat(RankingRules.thresholdPosition(board, d -> d, 0.5)).isEqualTo(4);
        assertThat(RankingRules.thresholdPosition(List.<Double>of(), d -> d, 0.5)).isZero();
    }

    @Test
    void withNoneMarkedTheKBestPublicOnesCountTiesToTheEarlier() {
        List<Up> scored = List.of(new Up(1, 0.8, 10), new Up(2, 0.9, 30), new Up(3, 0.9, 20), new Up(4, 0.7, 5));
        assertThat(RankingRules.finalSelection(List.of(), scored, 2, ORDER)).extracting(Up::id)
                .containsExactly(3L, 2L);
        assertThat(RankingRules.finalSelection(List.of(scored.get(3)), scored, 2, ORDER)).extracting(Up::id)
                .containsExactly(4L);
        assertThat(RankingRules.finalSelection(List.of(), scored.subList(0, 1), 2, ORDER)).hasSize(1);
    }
}
