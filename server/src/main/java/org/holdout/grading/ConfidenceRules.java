package org.holdout.grading;

import java.util.ArrayList;
import java.util.List;
import org.holdout.scoring.AucInterval;
import org.holdout.threshold.Board;
import org.holdout.threshold.Points;
import org.holdout.threshold.Threshold;

/**
 * Where a score cannot be told apart from a threshold: the threshold's score on the board lies inside the score's DeLong
 * 95% interval ({@link AucInterval#differsFrom} is false). The student may pass or miss it by the grading rule
 * ({@link Points}); the mark says the data cannot tell at that level. A score without an interval (a class with one
 * member) marks nothing.
 */
public final class ConfidenceRules {
    private ConfidenceRules() {
    }

    /** One threshold a score cannot be told apart from, and whether the score passes it. */
    public record CloseCall(String threshold, double thresholdScore, boolean passes) {
        /** "passes boss, but cannot be told apart from it at 95%". */
        public String text() {
            return (passes ? "passes " : "misses ") + threshold + ", but cannot be told apart from it at 95%";
        }

        /** "≈ boss (passes)": the mark in a table cell, {@link #text} its explanation. */
        public String mark() {
            return "≈ " + threshold + (passes ? " (passes)" : " (misses)");
        }
    }

    public static List<CloseCall> closeCalls(Double score, AucInterval interval, List<Threshold> thresholds,
                                             Board board) {
        List<CloseCall> calls = new ArrayList<>();
        if (score == null || interval == null || !interval.hasInterval()) {
            return calls;
        }
        for (Threshold t : thresholds) {
            Double bar = t.score(board);
            if (bar != null && !interval.differsFrom(bar)) {
                calls.add(new CloseCall(t.name(), bar, Points.passes(score, t, board)));
            }
        }
        return calls;
    }
}
