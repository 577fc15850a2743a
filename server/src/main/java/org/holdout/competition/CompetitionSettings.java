package org.holdout.competition;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What staff choose for a new competition, checked: a valid {@link Slug}, and a title, daily limit and number of final
 * selections within the bounds of {@link SettingsRules}, which the settings page uses too. The deadline is null for none.
 *
 * @throws IllegalArgumentException from the constructor, with what is wrong
 */
public record CompetitionSettings(String slug, String title, ZoneId timeZone, int dailyLimit, Instant deadline,
                                  int finalSelections) {

    public CompetitionSettings {
        String slugProblem = Slug.problem(slug);
        if (slugProblem != null) {
            throw new IllegalArgumentException(slugProblem);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("the title is empty");
        }
        title = title.strip();
        if (title.length() > SettingsRules.MAX_TITLE) {
            throw new IllegalArgumentException("the title has " + title.length() + " characters; at most "
                    + SettingsRules.MAX_TITLE + " are allowed");
        }
        if (timeZone == null) {
            throw new IllegalArgumentException("no time zone");
        }
        if (dailyLimit < 1 || dailyLimit > SettingsRules.MAX_DAILY_LIMIT) {
            throw new IllegalArgumentException("the daily limit is " + dailyLimit + "; it must be from 1 to "
                    + SettingsRules.MAX_DAILY_LIMIT);
        }
        if (finalSelections < 1 || finalSelections > SettingsRules.MAX_FINAL_SELECTIONS) {
            throw new IllegalArgumentException("the number of final selections is " + finalSelections + "; it must be"
                    + " from 1 to " + SettingsRules.MAX_FINAL_SELECTIONS);
        }
    }
}
