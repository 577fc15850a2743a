package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsRulesTest {
    static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");

    static Competition competition(Instant deadline, boolean revealed) {
        return new Competition(1, "hw", "Homework", Path.of("b"), ZoneId.of("Asia/Taipei"), 5, deadline, revealed,
                NOW, 2, null, false, LatePolicy.REFUSE);
    }

    static Map<Setting, String> typed(Object... pairs) {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Setting) pairs[i], (String) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void goodValuesComeBackTypedAndALeftOutSettingIsNotTouched() {
        SettingsRules.Checked c = SettingsRules.check(competition(null, false), typed(Setting.TITLE, "  Homework 3 ",
                Setting.TIME_ZONE, "Europe/Berlin", Setting.DAILY_LIMIT, "1000", Setting.DEADLINE, "2026-06-01T23:59",
                Setting.FINAL_SELECTIONS, "20", Setting.RULES, "# Rules\r\nBe kind.\r\n"), NOW);
        assertThat(c.ok()).isTrue();
        assertThat(c.values()).containsEntry(Setting.TITLE, "Homework 3")
                .containsEntry(Setting.TIME_ZONE, ZoneId.of("Europe/Berlin"))
                .containsEntry(Setting.DAILY_LIMIT, 1000)
                .containsEntry(Setting.DEADLINE, Instant.parse("2026-06-01T15:59:00Z"))
                .containsEntry(Setting.FINAL_SELECTIONS, 20)
                .containsEntry(Setting.RULES, "# Rules\nBe kind.\n");
        assertThat(SettingsRules.check(competition(null, false), typed(Setting.DAILY_LIMIT, "1"), NOW).values())
                .containsOnlyKeys(Setting.DAILY_LIMIT);
    }

    @Test
    void blankRulesAndABlankDeadlineMeanNone() {
        SettingsRules.Checked c = SettingsRules.check(competition(NOW.plusSeconds(60), false),
                typed(Setting.RULES, " \n ", Setting.DEADLINE, ""), NOW);
        assertThat(c.ok()).isTrue();
        assertThat(c.values()).containsEntry(Setting.RULES, null).containsEntry(Setting.DEADLINE, null);
    }

    @Test
    void aDeadlineIsKeptToTheMillisecondAsTheDatabaseStoresIt() {
        assertThat(SettingsRules.check(competition(null, false), typed(Setting.DEADLINE, "2026-06-01T00:00:00.1239Z"),
                NOW).values()).containsEntry(Setting.DEADLINE, Instant.parse("2026-06-01T00:00:00.123Z"));
    }

    @Test
    void timeZonesAreRegionsUtcOrOffsets() {
        assertThat(SettingsRules.timeZone("Asia/Taipei")).isEqualTo(ZoneId.of("Asia/Taipei"));
        assertThat(SettingsRules.timeZone("UTC")).isEqualTo(ZoneId.of("UTC"));
        assertThat(SettingsRules.timeZone("+08:00")).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(SettingsRules.timeZone("UTC+8").getId()).isEqualTo("UTC+08:00");
    }

    @Test
    void everyBadFieldIsReportedAtOnceNamingTheFieldAndNothingComesBack() {
        SettingsRules.Checked c = SettingsRules.check(competition(null, false), typed(Setting.TITLE, " ",
                Setting.TIME_ZONE, "Taipei", Setting.DAILY_LIMIT, "0", Setting.DEADLINE, "next friday",
                Setting.FINAL_SELECTIONS, "2.5", Setting.RULES, "x".repeat(SettingsRules.MAX_RULES + 1),
                Setting.LATE_POLICY, "sometimes"), NOW);
        assertThat(c.ok()).isFalse();
        assertThat(c.values()).isEmpty();
        assertThat(c.problems()).containsOnlyKeys(Setting.values());
        assertThat(c.problems().get(Setting.TITLE)).isEqualTo("The title is empty; it must have 1 to 200 characters.");
        assertThat(c.problems().get(Setting.TIME_ZONE)).isEqualTo("The time zone \"Taipei\" is not one: use a region"
                + " like Asia/Taipei or Europe/Berlin, UTC, or an offset like +08:00.");
        assertThat(c.problems().get(Setting.DAILY_LIMIT)).isEqualTo("The daily limit is 0; it must be from 1 to 100000.");
        assertThat(c.problems().get(Setting.DEADLINE)).startsWith("The deadline \"next friday\" is not a time like");
        assertThat(c.problems().get(Setting.FINAL_SELECTIONS)).isEqualTo("The number of final selections \"2.5\" is"
                + " not a whole number; it must be from 1 to 20.");
        assertThat(c.problems().get(Setting.RULES)).isEqualTo("The rules have 100,001 characters; at most 100,000 are"
                + " allowed.");
        assertThat(c.problems().get(Setting.LATE_POLICY)).isEqualTo("The late policy \"sometimes\" is not one; it"
                + " must be refuse (uploads after the deadline are refused) or accept_late (scored, marked late, kept"
                + " off the boards and the grades).");
    }

    @Test
    void theLatePolicyIsReadIgnoringCaseAndSpaces() {
        assertThat(SettingsRules.check(competition(null, false), typed(Setting.LATE_POLICY, " Accept_Late "), NOW)
                .values()).containsEntry(Setting.LATE_POLICY, LatePolicy.ACCEPT_LATE);
        assertThat(SettingsRules.check(competition(null, false), typed(Setting.LATE_POLICY, "refuse"), NOW)
                .values()).containsEntry(Setting.LATE_POLICY, LatePolicy.REFUSE);
        assertThat(SettingsRules.check(competition(null, false), typed(Setting.LATE_POLICY, ""), NOW).problems()
                .get(Setting.LATE_POLICY)).startsWith("The late policy is empty; it must be refuse");
    }

    @Test
    void boundsOfTheNumbersAndTheTitle() {
        Competition comp = competition(null, false);
        assertThat(SettingsRules.check(comp, typed(Setting.DAILY_LIMIT, "100001"), NOW).problems())
                .containsEntry(Setting.DAILY_LIMIT, "The daily limit is 100001; it must be from 1 to 100000.");
        assertThat(SettingsRules.check(comp, typed(Setting.FINAL_SELECTIONS, "21"), NOW).problems())
                .containsEntry(Setting.FINAL_SELECTIONS, "The number of final selections is 21; it must be from 1 to 20.");
        assertThat(SettingsRules.check(comp, typed(Setting.DAILY_LIMIT, ""), NOW).problems())
                .containsEntry(Setting.DAILY_LIMIT, "The daily limit is empty; it must be from 1 to 100000.");
        assertThat(SettingsRules.check(comp, typed(Setting.TITLE, "t".repeat(200)), NOW).ok()).isTrue();
        assertThat(SettingsRules.check(comp, typed(Setting.TITLE, "t".repeat(201)), NOW).problems())
                .containsEntry(Setting.TITLE, "The title has 201 characters; at most 200 are allowed.");
    }

    @Test
    void onceRevealedTheDeadlineCannotReopenUploadsButMayStayAsItIs() {
        Instant past = NOW.minusSeconds(3600);
        Competition revealed = competition(past, true);
        assertThat(SettingsRules.check(revealed, typed(Setting.DEADLINE, past.toString()), NOW).ok()).isTrue();
        assertThat(SettingsRules.check(revealed, typed(Setting.DEADLINE, ""), NOW).problems().get(Setting.DEADLINE))
                .startsWith("The deadline cannot be removed. The private scores are revealed");
        assertThat(SettingsRules.check(revealed, typed(Setting.DEADLINE, "2026-12-01T00:00Z"), NOW).problems()
                .get(Setting.DEADLINE)).startsWith("The deadline cannot move to 2026-12-01T00:00:00Z.");
    }

    @Test
    void aChangeIsAuditedAsBeforeAndAfter() {
        assertThat(Setting.DEADLINE.change(null, Instant.parse("2026-06-01T15:59:59Z")))
                .isEqualTo("deadline none -> 2026-06-01T15:59:59Z");
        assertThat(Setting.DAILY_LIMIT.change(5, 3)).isEqualTo("daily_limit 5 -> 3");
        assertThat(Setting.TIME_ZONE.change(ZoneId.of("Asia/Taipei"), ZoneId.of("UTC")))
                .isEqualTo("time_zone Asia/Taipei -> UTC");
        assertThat(Setting.TITLE.change("A", "B")).isEqualTo("title \"A\" -> \"B\"");
        assertThat(Setting.RULES.change(null, "# Rules\nBe kind."))
                .isEqualTo("rules the rules file or built-in text -> 16 characters \"# Rules⏎Be kind.\"");
    }
}
