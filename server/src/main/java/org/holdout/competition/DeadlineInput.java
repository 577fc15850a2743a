package org.holdout.competition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A deadline as staff type it: an ISO-8601 time with an offset, or a local date-time read in the competition's time
 * zone; blank means no deadline. Only years {@value #FIRST_YEAR} to {@value #LAST_YEAR} in the competition's time zone
 * (where pages show it) are taken: they fit the database's epoch milliseconds and the staff page's date field, and
 * anything outside is a typing mistake.
 */
public final class DeadlineInput {
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 9999;
    private static final int SHOWN = 60;

    private DeadlineInput() {
    }

    /**
     * @return the deadline, or null for none
     * @throws IllegalArgumentException with a sentence saying what is wrong and what is expected
     */
    public static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Instant at;
        try {
            try {
                at = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                at = LocalDateTime.parse(t).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + shown(t) + "\" is not a time like 2026-06-01T23:59:59+08:00"
                    + " or 2026-06-01T23:59 (read in " + zone.getId() + ").");
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + shown(t) + "\" is not a time this server can store.");
        }
        boolean early = at.isBefore(LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(zone).toInstant());
        if (early || !at.isBefore(LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(zone).toInstant())) {
            throw new IllegalArgumentException("The deadline " + shown(t) + " is " + (early ? "before the year "
                    + FIRST_YEAR : "after the year " + LAST_YEAR) + " (in " + zone.getId() + "); it must be in the"
                    + " years " + FIRST_YEAR + " to " + LAST_YEAR + ".");
        }
        return at;
    }

    private static String shown(String t) {
        return t.length() <= SHOWN ? t : t.substring(0, SHOWN) + "…";
    }
}
