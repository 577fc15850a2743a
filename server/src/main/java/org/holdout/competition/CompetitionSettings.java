package org.holdout.competition;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What staff choose for a competition, checked: a valid {@link Slug}, a title of 1-200 characters, a daily limit and a
 * number of final selections that make sense. The deadline is null for none.
 *
 * @throws IllegalArgumentException from the constructor, with what is wrong
 */
public record CompetitionSettings(String slug, String title, ZoneId timeZone, int dailyLimit, Instant deadline,
                                  int finalSelections) {
    public static final int MAX_TITLE = 200;
    public static final int MAX_FINAL_SELECTIONS = 100;

    public CompetitionSettings {
        String slugProblem = Slug.problem(slug);
        if (slugProblem != null) {
            throw new IllegalArgumentException(slugProblem);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("the title is empty");
        }
        title = title.strip();
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("the title has " + title.length() + " characters; at most " + MAX_TITLE
                    + " are allowed");
        }
        if (timeZone == null) {
            throw new IllegalArgumentException("no time zone");
        }
        if (dailyLimit < 0) {
            throw new IllegalArgumentException("the daily limit is " + dailyLimit + "; it cannot be negative");
        }
        if (finalSelections < 1 || finalSelections > MAX_FINAL_SELECTIONS) {
            throw new IllegalArgumentException("the number of final selections is " + finalSelections + "; it must be"
                    + " from 1 to " + MAX_FINAL_SELECTIONS);
        }
    }
}
