package org.holdout.threshold;

import java.util.regex.Pattern;

/** What staff may give a threshold: the name rule, scores from 0 to 1, points from 0 to 1000. */
public final class ThresholdInput {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");
    static final double MAX_POINTS = 1000;

    private ThresholdInput() {
    }

    /** A value staff gave that breaks a rule; the message names the field and what is wrong. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "…" : name;
            throw new Invalid("name", "the threshold name \"" + shown + "\" must be 1 to 32 lowercase letters, digits"
                    + " or '-'");
        }
        return name;
    }

    /** A score of the {@code field} board: null (none) or a number from 0 to 1. */
    public static Double score(String field, Double score) {
        if (score != null && !(score >= 0 && score <= 1)) {
            throw new Invalid(field, "\"" + field + "\" must be a number from 0 to 1, not " + score);
        }
        return score;
    }

    public static double points(String field, double points) {
        if (!(points >= 0 && points <= MAX_POINTS)) {
            throw new Invalid(field, "\"" + field + "\" must be a number of points from 0 to "
                    + (int) MAX_POINTS + ", not " + points);
        }
        return points;
    }
}
