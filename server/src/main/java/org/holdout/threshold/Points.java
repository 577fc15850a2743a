package org.holdout.threshold;

import java.util.List;

/**
 * The grading rule (DESIGN.md "Thresholds and grading"): a student passes a threshold on a board when their score
 * there is at least the threshold's, compared at full precision; their points on a board are the sum of the points of
 * the thresholds they pass there. A missing score passes nothing, and a threshold without a score is passed by no one.
 */
public final class Points {
    private Points() {
    }

    public static boolean passes(Double score, Threshold threshold, Board board) {
        Double bar = threshold.score(board);
        return score != null && bar != null && score >= bar;
    }

    /** The thresholds {@code score} passes on {@code board}, in the order given. */
    public static List<Threshold> passed(Double score, List<Threshold> thresholds, Board board) {
        return thresholds.stream().filter(t -> passes(score, t, board)).toList();
    }

    public static double on(Board board, Double score, List<Threshold> thresholds) {
        return passed(score, thresholds, board).stream().mapToDouble(t -> t.points(board)).sum();
    }
}
