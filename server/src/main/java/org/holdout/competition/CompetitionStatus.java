package org.holdout.competition;

import java.time.Instant;

/** Where a competition stands at a moment: taking uploads, closed by its deadline, or with its private board shown. */
public enum CompetitionStatus {
    OPEN("open"), CLOSED("closed"), REVEALED("revealed");

    private final String label;

    CompetitionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CompetitionStatus of(Competition c, Instant now) {
        return ClockRules.status(c, now);
    }
}
