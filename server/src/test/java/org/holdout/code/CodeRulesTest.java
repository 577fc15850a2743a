package org.holdout.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.holdout.code.CodeRules.Requirement;
import org.holdout.competition.Competition;
import org.holdout.competition.LatePolicy;
import org.holdout.competition.ReportRule;
import org.holdout.competition.Setting;
import org.holdout.competition.SettingsRules;
import org.holdout.threshold.Threshold;
import org.junit.jupiter.api.Test;

class CodeRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-03-05T15:59:00Z");
    private static final Instant CODE = Instant.parse("2026-03-07T15:59:00Z");
    private static final Threshold BOSS = new Threshold("boss", 0.9, 0.8, 0.5, 0.5, Threshold.TYPED, null, 4, NOW);

    private static Competition competition(Instant deadline, Instant code) {
        return new Competition(1, "hw", "HW", Path.of("b"), ZoneId.of("Asia/Taipei"), 5, deadline, false, NOW, 2, null,
                false, LatePolicy.REFUSE, code, ReportRule.parse("passing:boss"));
    }

    @Test
    void uploadsAreOpenUntilTheCodeDeadlineAlsoBeforeTheDeadlineAndNeverWithoutOne() {
        assertThat(CodeRules.closed(competition(DEADLINE, null), NOW)).contains("no code upload");
        assertThat(CodeRules.closed(competition(DEADLINE, CODE), NOW)).isNull();
        assertThat(CodeRules.closed(competition(DEADLINE, CODE), DEADLINE.plusSeconds(60))).isNull();
        assertThat(CodeRules.closed(competition(DEADLINE, CODE), CODE.minusMillis(1))).isNull();
        assertThat(CodeRules.closed(competition(DEADLINE, CODE), CODE)).isEqualTo(
                "The code upload closed at the code deadline, 2026-03-07 23:59 GMT+8.");
    }

    @Test
    void theReportRuleReadsNoneAllOrPassingAThreshold() {
        assertThat(ReportRule.parse("")).isEqualTo(ReportRule.NONE);
        assertThat(ReportRule.parse(" None ")).isEqualTo(ReportRule.NONE);
        assertThat(ReportRule.parse("ALL")).isEqualTo(ReportRule.ALL);
        assertThat(ReportRule.parse("passing:boss").toString()).isEqualTo("passing:boss");
        assertThat(ReportRule.parse("Passing: boss").threshold()).isEqualTo("boss");
        assertThatThrownBy(() -> ReportRule.parse("passing:Boss!")).hasMessageContaining("\"Boss!\"");
        assertThatThrownBy(() -> ReportRule.parse("some")).hasMessageContaining("\"some\" is not one");
        assertThat(ReportRule.parse("passing:boss").words()).contains("if you pass boss on both boards")
                .doesNotContainPattern("\\d\\.\\d");
    }

    @Test
    void passingMeansAtLeastTheThresholdOnBothBoards() {
        ReportRule rule = ReportRule.parse("passing:boss");
        List<Threshold> t = List.of(BOSS);
        assertThat(CodeRules.required(rule, t, 0.9, 0.8)).isEqualTo(Requirement.REQUIRED);
        assertThat(CodeRules.required(rule, t, 0.95, 0.79999)).isEqualTo(Requirement.NOT_REQUIRED);
        assertThat(CodeRules.required(rule, t, 0.89999, 0.99)).isEqualTo(Requirement.NOT_REQUIRED);
        assertThat(CodeRules.required(rule, t, null, null)).isEqualTo(Requirement.NOT_REQUIRED);
        assertThat(CodeRules.required(rule, List.of(), 0.99, 0.99)).isEqualTo(Requirement.UNKNOWN);
        Threshold unset = new Threshold("boss", 0.9, null, 0.5, 0.5, Threshold.TYPED, null, 4, NOW);
        assertThat(CodeRules.required(rule, List.of(unset), 0.99, 0.99)).isEqualTo(Requirement.UNKNOWN);
        assertThat(CodeRules.required(ReportRule.ALL, t, null, null)).isEqualTo(Requirement.REQUIRED);
        assertThat(CodeRules.required(ReportRule.NONE, t, 1.0, 1.0)).isEqualTo(Requirement.NOT_REQUIRED);
    }

    @Test
    void theCodeDeadlineIsNotBeforeTheDeadlineWhicheverOfTheTwoMoves() {
        Competition c = competition(DEADLINE, CODE);
        assertThat(SettingsRules.check(c, Map.of(Setting.CODE_DEADLINE, "2026-03-05T12:00"), NOW).problems())
                .containsOnlyKeys(Setting.CODE_DEADLINE).extractingByKey(Setting.CODE_DEADLINE).asString()
                .contains("2026-03-05 12:00 GMT+8 is before the deadline 2026-03-05 23:59 GMT+8");
        assertThat(SettingsRules.check(c, Map.of(Setting.DEADLINE, "2026-03-08T00:00"), NOW).problems())
                .containsOnlyKeys(Setting.DEADLINE).extractingByKey(Setting.DEADLINE).asString()
                .contains("after the code deadline");
        assertThat(SettingsRules.check(c, Map.of(Setting.DEADLINE, "2026-03-08T00:00", Setting.CODE_DEADLINE,
                "2026-03-10T00:00"), NOW).ok()).as("both moved together").isTrue();
        assertThat(SettingsRules.check(c, Map.of(Setting.CODE_DEADLINE, "2026-03-05T23:59"), NOW).ok())
                .as("at the deadline").isTrue();
        assertThat(SettingsRules.check(competition(null, null), Map.of(Setting.CODE_DEADLINE, "2026-03-05T23:59"),
                NOW).values()).containsEntry(Setting.CODE_DEADLINE, DEADLINE);
        assertThat(SettingsRules.check(c, Map.of(Setting.CODE_DEADLINE, ""), NOW).values())
                .containsEntry(Setting.CODE_DEADLINE, null);
    }
}
