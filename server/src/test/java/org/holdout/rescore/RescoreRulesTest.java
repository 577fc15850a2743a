package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.holdout.leaderboard.StandingRules;
import org.holdout.submission.SubmissionRepository;
import org.holdout.threshold.Threshold;
import org.junit.jupiter.api.Test;

/** The rescore's rules on their own: who is listed as changed, and when a preview is still current. */
class RescoreRulesTest {
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<Threshold> BAR = List.of(new Threshold("simple", 0.7, 0.7, 1, 1, Threshold.TYPED, null,
            1, T));

    private static StandingRules.Entry entry(long id, long student, double pub, double priv, boolean late) {
        return new StandingRules.Entry(id, student, pub, priv, id * 1000, late, false);
    }

    private static List<RescorePreview.StudentChange> changes(List<StandingRules.Entry> scored,
                                                              Map<Long, RescorePreview.NewScore> after,
                                                              List<Threshold> thresholdsAfter) {
        return RescoreRules.studentChanges(List.of(1L, 2L, 3L), scored, Map.of(), Set.of(3L), 2, after, BAR,
                thresholdsAfter, id -> new RescoreRules.Who("u" + id, "U" + id));
    }

    @Test
    void listsOnlyStudentsWhoseScoreRankOrPointsChange() {
        List<StandingRules.Entry> scored = List.of(entry(1, 1, 0.80, 0.80, false), entry(2, 2, 0.75, 0.60, false),
                entry(3, 3, 0.99, 0.99, false));
        List<RescorePreview.StudentChange> swap = changes(scored, Map.of(
                1L, new RescorePreview.NewScore(0.74, 0.80),
                2L, new RescorePreview.NewScore(0.75, 0.60),
                3L, new RescorePreview.NewScore(0.10, 0.10)), BAR);
        assertThat(swap).extracting(RescorePreview.StudentChange::username).containsExactly("u1", "u2");
        RescorePreview.StudentChange one = swap.get(0);
        assertThat(one.before().publicRank()).isEqualTo(1);
        assertThat(one.after().publicRank()).isEqualTo(2);
        assertThat(one.after().publicScore()).isEqualTo(0.74);
        assertThat(one.after().pointsTotal()).as("still passes 0.7 on both boards").isEqualTo(2);
        assertThat(swap.get(1).after().publicRank()).isEqualTo(1);
        assertThat(swap.get(1).after().pointsPrivate()).isZero();

        assertThat(changes(scored, Map.of(), BAR)).as("nothing rescored, nothing listed").isEmpty();
        List<Threshold> higher = List.of(new Threshold("simple", 0.78, 0.7, 1, 1, Threshold.UPLOADED, "ab", 1, T));
        assertThat(changes(scored, Map.of(), higher)).as("a rescored threshold moves points only")
                .singleElement().satisfies(c -> {
                    assertThat(c.username()).isEqualTo("u2");
                    assertThat(c.before().pointsPublic()).isEqualTo(1);
                    assertThat(c.after().pointsPublic()).isZero();
                    assertThat(c.after().publicRank()).isEqualTo(c.before().publicRank());
                });
    }

    @Test
    void aLateSubmissionIsRescoredButStaysOffTheBoards() {
        List<StandingRules.Entry> scored = List.of(entry(1, 1, 0.80, 0.80, false), entry(2, 2, 0.75, 0.75, false),
                entry(4, 2, 0.50, 0.50, true));
        assertThat(changes(scored, Map.of(4L, new RescorePreview.NewScore(0.95, 0.95)), BAR)).isEmpty();
    }

    @Test
    void theBasisChangesWithAnyScoreOrThresholdAndNotWithOrder() {
        var a = new SubmissionRepository.Scores(1, 0.8, 0.7);
        var b = new SubmissionRepository.Scores(2, 0.6, null);
        String basis = RescoreRules.basis(List.of(a, b), BAR);
        assertThat(RescoreRules.basis(List.of(b, a), BAR)).isEqualTo(basis);
        assertThat(RescoreRules.basis(List.of(a), BAR)).isNotEqualTo(basis);
        assertThat(RescoreRules.basis(List.of(a, new SubmissionRepository.Scores(2, 0.6000000000000001, null)), BAR))
                .isNotEqualTo(basis);
        assertThat(RescoreRules.basis(List.of(a, b), List.of())).isNotEqualTo(basis);
        assertThat(RescoreRules.fromFile(BAR.get(0))).isFalse();
        assertThat(RescoreRules.fromFile(new Threshold("x", 0.5, 0.5, 0, 0, Threshold.TRAINED, "ab", 1, T))).isTrue();
    }
}
