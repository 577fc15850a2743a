package org.holdout.baselines;

import java.util.Locale;

/** The four reference baselines, weakest first; their scores are the grade thresholds. */
public enum Tier {
    SIMPLE, MEDIUM, STRONG, BOSS;

    /** Lower-case name used on the command line, in files and in the server's API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier parse(String s) {
        for (Tier t : values()) {
            if (t.id().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown baseline \"" + s + "\"; expected simple, medium, strong or boss");
    }
}
