package org.holdout.competition;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to an upload after the deadline (DESIGN.md "Limits, deadlines, boards"): refused, or scored, marked
 * late and kept off the boards and the grades.
 */
public enum LatePolicy {
    REFUSE,
    ACCEPT_LATE;

    /** How the settings API and page spell it: {@code refuse}, {@code accept_late}. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy spelt {@code text} (either case), if any. */
    public static Optional<LatePolicy> parse(String text) {
        for (LatePolicy p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
