package org.holdout.competition;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One competition: its bundle folder, the time zone its days are counted in, the daily limit, the deadline
 * (null = open), whether the private leaderboard has been revealed, how many final selections a student makes, its own
 * rules Markdown (null: the rules file or the built-in text), whether only its roster (and staff) may enter it, and what
 * happens to an upload after the deadline.
 */
public record Competition(long id, String slug, String title, Path bundleDir, ZoneId timeZone, int dailyLimit,
                          Instant deadline, boolean privateRevealed, Instant created, int finalSelections,
                          String rulesMd, boolean restricted, LatePolicy latePolicy) {
    public static final int DEFAULT_FINAL_SELECTIONS = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm O", Locale.ROOT);

    public boolean closedAt(Instant t) {
        return ClockRules.closed(this, t);
    }

    /** Start of the calendar day (in the competition's zone) that holds {@code t}. */
    public Instant dayStart(Instant t) {
        return t.atZone(timeZone).toLocalDate().atStartOfDay(timeZone).toInstant();
    }

    /** When the day holding {@code t} ends and the daily count starts again. */
    public Instant dayEnd(Instant t) {
        ZonedDateTime start = t.atZone(timeZone).toLocalDate().plusDays(1).atStartOfDay(timeZone);
        return start.toInstant();
    }

    /** {@code t} as staff and students read it: minutes, in the competition's time zone, with its offset. */
    public String format(Instant t) {
        return TIME.format(t.atZone(timeZone));
    }

    public Path file(String name) {
        return bundleDir.resolve(name);
    }
}
