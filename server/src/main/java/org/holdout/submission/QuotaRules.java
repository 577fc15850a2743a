package org.holdout.submission;

import java.time.Instant;
import org.holdout.competition.Competition;

/**
 * The daily limit (DESIGN.md "Limits, deadlines, boards"): a student may have at most the competition's daily limit
 * of scored uploads per calendar day in its time zone; refused and failed ones do not count. The count itself is
 * taken under the student's lock ({@code AccountRepository.lock}), so it is exact under concurrent uploads.
 */
public final class QuotaRules {
    private QuotaRules() {
    }

    /** How many of today's uploads are used, the limit, and when the count starts again. */
    public record Quota(int used, int limit, Instant resetsAt) {
        public int left() {
            return Math.max(0, limit - used);
        }
    }

    /** Whether one more upload may be scored after {@code usedToday} scored ones today. */
    public static boolean admits(Competition c, int usedToday) {
        return usedToday < c.dailyLimit();
    }

    public static Quota quota(Competition c, int usedToday, Instant now) {
        return new Quota(usedToday, c.dailyLimit(), c.dayEnd(now));
    }

    public static String limitMessage(Competition c, Instant now) {
        return "Daily limit reached: you have used all " + c.dailyLimit() + " submissions of "
                + now.atZone(c.timeZone()).toLocalDate() + " (" + c.timeZone().getId()
                + "); the count resets at " + c.format(c.dayEnd(now)) + ".";
    }

    public static String deadlineMessage(Competition c) {
        return "The competition closed at " + c.format(c.deadline()) + "; uploads are no longer accepted.";
    }
}
