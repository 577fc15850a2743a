package org.holdout.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsTest {
    private static Threshold t(String name, Double pub, Double priv, double pointsPublic, double pointsPrivate) {
        return new Threshold(name, pub, priv, pointsPublic, pointsPrivate, Threshold.TYPED, null, 1, Instant.EPOCH);
    }

    private static final List<Threshold> COURSE = List.of(t("simple", 0.6, 0.58, 1, 1), t("medium", 0.7, 0.71, 1, 1),
            t("strong", 0.8, 0.79, 0.5, 0.5), t("boss", 0.9, 0.93, 0.5, 0.5));

    @Test
    void aScoreEqualToTheThresholdPassesIt() {
        assertThat(Points.passes(0.7, COURSE.get(1), Board.PUBLIC)).isTrue();
        assertThat(Points.passes(0.71, COURSE.get(1), Board.PRIVATE)).isTrue();
    }

    @Test
    void theComparisonIsAtFullPrecisionNotAtTheFiveDecimalsShown() {
        Threshold bar = t("x", 0.812345678, 0.5, 1, 1);
        assertThat(Points.passes(0.81234, bar, Board.PUBLIC)).as("shown as 0.81234 both, but below").isFalse();
        assertThat(Points.passes(Math.nextDown(0.812345678), bar, Board.PUBLIC)).isFalse();
        assertThat(Points.passes(0.812345678, bar, Board.PUBLIC)).isTrue();
    }

    @Test
    void eachBoardIsComparedWithItsOwnScoreAndCountsItsOwnPoints() {
        assertThat(Points.passed(0.705, COURSE, Board.PUBLIC)).extracting(Threshold::name)
                .containsExactly("simple", "medium");
        assertThat(Points.passed(0.705, COURSE, Board.PRIVATE)).extracting(Threshold::name).containsExactly("simple");
        assertThat(Points.on(Board.PUBLIC, 0.705, COURSE)).isEqualTo(2.0);
        assertThat(Points.on(Board.PRIVATE, 0.705, COURSE)).isEqualTo(1.0);
        List<Threshold> unequal = List.of(t("a", 0.5, 0.5, 2, 0.25));
        assertThat(Points.on(Board.PUBLIC, 0.5, unequal)).isEqualTo(2.0);
        assertThat(Points.on(Board.PRIVATE, 0.5, unequal)).isEqualTo(0.25);
    }

    @Test
    void passingEveryThresholdGivesTheSumOfAllTheirPoints() {
        assertThat(Points.on(Board.PUBLIC, 1.0, COURSE)).isEqualTo(3.0);
        assertThat(Points.on(Board.PRIVATE, 0.95, COURSE)).isEqualTo(3.0);
    }

    @Test
    void noScoreOrAThresholdWithoutAScorePassesNothing() {
        assertThat(Points.on(Board.PUBLIC, null, COURSE)).isZero();
        List<Threshold> unset = List.of(t("simple", null, null, 1, 1), t("medium", 0.6, null, 1, 1));
        assertThat(Points.passed(0.99, unset, Board.PUBLIC)).extracting(Threshold::name).containsExactly("medium");
        assertThat(Points.on(Board.PRIVATE, 0.99, unset)).isZero();
    }

    @Test
    void theDefaultsAreTheCoursesFourWithItsPoints() {
        assertThat(Threshold.DEFAULTS).extracting(d -> d.name() + "=" + d.points())
                .containsExactly("simple=1.0", "medium=1.0", "strong=0.5", "boss=0.5");
        assertThat(Threshold.defaultPoints("boss")).isEqualTo(0.5);
        assertThat(Threshold.defaultPoints("pca-40")).isZero();
    }

    @Test
    void namesAreLowercaseLettersDigitsAndDashesUpTo32() {
        assertThat(ThresholdInput.name("pca-40")).isEqualTo("pca-40");
        assertThat(ThresholdInput.name("a".repeat(32))).hasSize(32);
        for (String bad : new String[] {"", "Simple", "a b", "a_b", "a".repeat(33), "é", "a/b"}) {
            assertThatThrownBy(() -> ThresholdInput.name(bad)).as(bad).isInstanceOf(ThresholdInput.Invalid.class)
                    .hasMessageContaining("must be 1 to 32 lowercase letters, digits or '-'");
        }
    }

    @Test
    void scoresAreFrom0To1AndPointsNotNegative() {
        assertThat(ThresholdInput.score("public", null)).isNull();
        assertThat(ThresholdInput.score("public", 0.0)).isZero();
        assertThat(ThresholdInput.score("private", 1.0)).isEqualTo(1.0);
        for (double bad : new double[] {-0.001, 1.0001, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> ThresholdInput.score("private", bad)).isInstanceOf(ThresholdInput.Invalid.class)
                    .hasMessageStartingWith("\"private\" must be a number from 0 to 1");
        }
        assertThat(ThresholdInput.points("pointsPublic", 0)).isZero();
        assertThatThrownBy(() -> ThresholdInput.points("pointsPrivate", -1)).isInstanceOf(ThresholdInput.Invalid.class)
                .hasMessageStartingWith("\"pointsPrivate\" must be a number of points from 0 to 1000");
        assertThatThrownBy(() -> ThresholdInput.points("pointsPublic", Double.NaN))
                .isInstanceOf(ThresholdInput.Invalid.class);
    }
}
