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

    /** Key {@code submission.limit} of the site's messages, whose English this is. */
    public static StoredMessage limitMessage(Competition c, Instant now) {
        String day = now.atZone(c.timeZone()).toLocalDate().toString();
        String zone = c.timeZone().getId();
        String resets = c.format(c.dayEnd(now));
        return StoredMessage.of("Daily limit reached: you have used all " + c.dailyLimit() + " submissions of "
                + day + " (" + zone + "); the count resets at " + resets + ".", "submission.limit", c.dailyLimit(),
                day, zone, resets);
    }

    /** Key {@code submission.closed} of the site's messages. */
    public static StoredMessage deadlineMessage(Competition c) {
        String at = c.format(c.deadline());
        return StoredMessage.of("The competition closed at " + at + "; uploads are no longer accepted.",
                "submission.closed", at);
    }
}
