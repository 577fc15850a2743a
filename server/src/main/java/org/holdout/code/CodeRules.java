package org.holdout.code;

import java.time.Instant;
import java.util.List;
import org.holdout.competition.Competition;
import org.holdout.competition.ReportRule;
import org.holdout.threshold.Board;
import org.holdout.threshold.Points;
import org.holdout.threshold.Threshold;

/**
 * The code step of a competition: a student may upload a code zip any time until the code deadline (also before the
 * competition's own deadline; the latest upload counts), never where there is no code deadline; whether a report is
 * required of a student follows the competition's {@link ReportRule}, and a missing report never refuses an upload
 * (it may depend on private scores the student cannot see yet).
 */
public final class CodeRules {
    private CodeRules() {
    }

    /** Why {@code c} takes no code upload at {@code now} (in English), or null when it does. */
    public static String closed(Competition c, Instant now) {
        CodeRefusal why = whyClosed(c, now);
        return why == null ? null : why.english();
    }

    /** Why {@code c} takes no code upload at {@code now}, or null when it does. */
    public static CodeRefusal whyClosed(Competition c, Instant now) {
        if (c.codeDeadline() == null) {
            return CodeRefusal.of(CodeRefusal.Key.NO_CODE_STEP);
        }
        if (!now.isBefore(c.codeDeadline())) {
            return CodeRefusal.of(CodeRefusal.Key.CLOSED, c.format(c.codeDeadline()));
        }
        return null;
    }

    /** Whether a report is required of one student. */
    public enum Requirement {
        REQUIRED, NOT_REQUIRED,
        /** The rule names a threshold the competition does not have, or one without both scores. */
        UNKNOWN
    }

    /**
     * Whether {@code rule} requires a report of a student with these scores (the public board's, and the private one of
     * the final selection; null: none).
     */
    public static Requirement required(ReportRule rule, List<Threshold> thresholds, Double publicScore,
                                       Double privateScore) {
        return switch (rule.kind()) {
            case NONE -> Requirement.NOT_REQUIRED;
            case ALL -> Requirement.REQUIRED;
            case PASSING -> {
                Threshold t = thresholds.stream().filter(x -> x.name().equals(rule.threshold())).findFirst()
                        .orElse(null);
                if (t == null || t.publicScore() == null || t.privateScore() == null) {
                    yield Requirement.UNKNOWN;
                }
                yield Points.passes(publicScore, t, Board.PUBLIC) && Points.passes(privateScore, t, Board.PRIVATE)
                        ? Requirement.REQUIRED : Requirement.NOT_REQUIRED;
            }
        };
    }
}
