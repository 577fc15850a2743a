package org.holdout.submission;

import java.util.Set;

/**
 * The life of an upload: stored as RECEIVED, then exactly one of SCORED (counts against the daily limit), REFUSED
 * (the file or the moment was wrong; the message says why; does not count) or FAILED (our fault; logged).
 */
public enum SubmissionState {
    RECEIVED, SCORED, REFUSED, FAILED;

    public Set<SubmissionState> next() {
        return this == RECEIVED ? Set.of(SCORED, REFUSED, FAILED) : Set.of();
    }

    public boolean canMoveTo(SubmissionState to) {
        return next().contains(to);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
