package org.holdout.competition;

import java.time.Instant;

/**
 * A competition's clock (DESIGN.md "Limits, deadlines, boards"): uploads close at the deadline, the private scores
 * may be revealed only once they are closed, and after the reveal the deadline cannot move back into the future.
 */
public final class ClockRules {
    private ClockRules() {
    }

    /** Closed from the deadline's instant on; with no deadline, never. */
    public static boolean closed(Competition c, Instant now) {
        return c.deadline() != null && !now.isBefore(c.deadline());
    }

    public static CompetitionStatus status(Competition c, Instant now) {
        if (c.privateRevealed()) {
            return CompetitionStatus.REVEALED;
        }
        return closed(c, now) ? CompetitionStatus.CLOSED : CompetitionStatus.OPEN;
    }

    /** Why the private scores cannot be revealed at {@code now}, or null: only once uploads are closed. */
    public static String cannotReveal(Competition c, Instant now) {
        if (c.privateRevealed()) {
            return null;
        }
        if (c.deadline() == null) {
            return "The private scores can be revealed only after the deadline, and no deadline is set: set one"
                    + " that has passed first.";
        }
        if (!closed(c, now)) {
            return "The private scores can be revealed only after the deadline, "
                    + c.format(c.deadline()) + "; until then students can still upload.";
        }
        return null;
    }

    /** Why the deadline cannot move to {@code deadline} at {@code now}, or null: once revealed, uploads stay closed. */
    public static String cannotSetDeadline(Competition c, Instant deadline, Instant now) {
        if (c.privateRevealed() && (deadline == null || now.isBefore(deadline))) {
            return "The private scores are revealed, so uploads cannot open again: the deadline must stay in the"
                    + " past.";
        }
        return null;
    }
}
