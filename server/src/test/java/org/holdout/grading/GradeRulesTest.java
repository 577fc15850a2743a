package org.holdout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.holdout.leaderboard.Standing;
import org.holdout.leaderboard.Standings;
import org.holdout.scoring.DeLong;
import org.holdout.scoring.AucInterval;
import org.holdout.threshold.Board;
import org.holdout.threshold.Threshold;
import org.junit.jupiter.api.Test;

class GradeRulesTest {
    static final List<Threshold> THRESHOLDS = List.of(t("simple", 0.6, 0.55, 1, 1), t("medium", 0.7, 0.7, 1, 1),
            t("strong", 0.8, 0.75, 0.5, 0.5), t("boss", 0.9, null, 0.5, 0.5));
    static final Standings.Student ANN = new Standings.Student(7, "ann", "Ann Lee", "ann@example.org");

    static Threshold t(String name, Double pub, Double priv, double pp, double ppr) {
        return new Threshold(name, pub, priv, pp, ppr, Threshold.TYPED, null, 0, null);
    }

    static Standing standing(Double pub, Integer pubRank, Double priv, Integer privRank, boolean late,
                             boolean excluded) {
        return new Standing(7, 11L, pub, pubRank, List.of(11L, 9L), false, 9L, priv, privRank,
                pubRank == null || privRank == null ? null : pubRank - privRank, 5, late, excluded);
    }

    @Test
    void passesAThresholdAtExactlyItsScoreOnEachBoardAndSumsThePoints() {
        GradeRow g = GradeRules.row(ANN, standing(0.8, 2, 0.7, 1, false, false), false, THRESHOLDS, false);
        assertThat(g.passedPublic()).containsExactly("simple", "medium", "strong");
        assertThat(g.passedPrivate()).containsExactly("simple", "medium");
        assertThat(g.pointsPublic()).isEqualTo(2.5);
        assertThat(g.pointsPrivate()).isEqualTo(2.0);
        assertThat(g.pointsTotal()).isEqualTo(4.5);
        assertThat(g).extracting(GradeRow::username, GradeRow::displayName, GradeRow::email, GradeRow::publicScore,
                GradeRow::publicRank, GradeRow::privateScore, GradeRow::privateRank, GradeRow::finalSubmissions,
                GradeRow::submissions, GradeRow::late, GradeRow::excluded, GradeRow::codeUploaded)
                .containsExactly("ann", "Ann Lee", "ann@example.org", 0.8, 2, 0.7, 1, List.of(11L, 9L), 5, false,
                        false, false);
    }

    @Test
    void fullPrecisionDecides() {
        double below = Math.nextDown(0.8);
        GradeRow g = GradeRules.row(ANN, standing(below, 1, 0.75, 1, false, false), false, THRESHOLDS, true);
        assertThat(g.passedPublic()).containsExactly("simple", "medium");
        assertThat(g.passedPrivate()).as("boss has no private score: no one passes it")
                .containsExactly("simple", "medium", "strong");
        assertThat(g.codeUploaded()).isTrue();
    }

    @Test
    void noScorePassesNothing() {
        GradeRow g = GradeRules.row(ANN, standing(null, null, null, null, true, false), false, THRESHOLDS, false);
        assertThat(g.passedPublic()).isEmpty();
        assertThat(g.passedPrivate()).isEmpty();
        assertThat(g.pointsTotal()).isZero();
        assertThat(g.late()).isTrue();
    }

    @Test
    void anExcludedStudentPassesNothingAndGetsNoPointsWhateverTheScores() {
        GradeRow g = GradeRules.row(ANN, standing(0.95, 1, 0.95, 1, false, true), true, THRESHOLDS, false);
        assertThat(g.passedPublic()).isEmpty();
        assertThat(g.passedPrivate()).isEmpty();
        assertThat(g.pointsPublic()).isZero();
        assertThat(g.pointsPrivate()).isZero();
        assertThat(g.pointsTotal()).isZero();
        assertThat(g.excluded()).isTrue();
    }

    @Test
    void aStudentWithOnlyASubmissionExcludedKeepsTheRestAndIsFlagged() {
        GradeRow g = GradeRules.row(ANN, standing(0.65, 1, 0.6, 1, false, true), false, THRESHOLDS, false);
        assertThat(g.pointsTotal()).isEqualTo(2.0);
        assertThat(g.excluded()).isTrue();
    }

    @Test
    void maxPointsIsEveryThresholdOnBothBoards() {
        assertThat(GradeRules.maxPoints(THRESHOLDS)).isEqualTo(6.0);
    }

    @Test
    void aCloseCallIsAThresholdInsideTheInterval() {
        // AUC 5/6 with se √5/12: the interval is about [0.468, 1]
        AucInterval ci = DeLong.of(new double[]{3, 2, 2}, new double[]{2, 1});
        List<ConfidenceRules.CloseCall> calls = ConfidenceRules.closeCalls(5.0 / 6, ci,
                List.of(t("low", 0.4, null, 1, 1), t("simple", 0.6, null, 1, 1), t("boss", 0.9, null, 1, 1)),
                Board.PUBLIC);
        assertThat(calls).extracting(ConfidenceRules.CloseCall::threshold, ConfidenceRules.CloseCall::passes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("simple", true),
                        org.assertj.core.groups.Tuple.tuple("boss", false));
        assertThat(calls.get(1).text()).isEqualTo("misses boss, but cannot be told apart from it at 95%");
        assertThat(calls.get(0).mark()).isEqualTo("≈ simple (passes)");
        assertThat(ConfidenceRules.closeCalls(0.5, DeLong.of(new double[]{1}, new double[]{0, 2}), THRESHOLDS,
                Board.PUBLIC)).as("no interval, no mark").isEmpty();
        assertThat(ConfidenceRules.closeCalls(null, ci, THRESHOLDS, Board.PUBLIC)).isEmpty();
    }

    @Test
    void theShakeUpChartEscapesNamesAndPlacesEachDot() {
        String svg = ShakeUpChart.svg(List.of(new ShakeUpChart.Point("<b>&co", 1, 2),
                new ShakeUpChart.Point("Bo", 2, 1)));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("&lt;b&gt;&amp;co: public #1, private #2")
                .doesNotContain("<b>");
        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(ShakeUpChart.svg(List.of())).contains("no student has a rank on both boards yet");
    }
}
