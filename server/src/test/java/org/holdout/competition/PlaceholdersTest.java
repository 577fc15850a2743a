package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.holdout.threshold.Threshold;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private static Competition competition(Instant deadline, String zone) {
        return competition(deadline, zone, LatePolicy.REFUSE);
    }

    private static Competition competition(Instant deadline, String zone, LatePolicy late) {
        return new Competition(1, "hw3", "Homework 3", Path.of("b"), ZoneId.of(zone), 5, deadline, false,
                Instant.EPOCH, 2, null, false, late);
    }

    private static Threshold threshold(String name, double pub, double priv) {
        return new Threshold(name, 0.81234, 0.79876, pub, priv, Threshold.TYPED, null, 0, Instant.EPOCH);
    }

    @Test
    void everyValueOfTheCompetitionIsFilledIn() {
        Competition c = competition(Instant.parse("2026-06-01T15:59:00Z"), "Asia/Taipei");
        Map<String, String> v = Placeholders.values(c, List.of(threshold("simple", 1, 1), threshold("boss", 0.5, 0.25)));
        String text = Placeholders.fill("{{title}} ({{slug}}): {{deadline}}; {{daily_limit}} a day, {{day_turns}};"
                + " {{time_zone}}; K={{final_selections}}\n{{thresholds}}\n{{points_total}} {{unknown}}", v);
        assertThat(text).isEqualTo("Homework 3 (hw3): 2026-06-01 23:59 GMT+8 (Asia/Taipei); 5 a day, the count"
                + " starts again at midnight (00:00) in the Asia/Taipei time zone; Asia/Taipei; K=2\n"
                + "- **simple**: 1 point on the public board, 1 point on the private board\n"
                + "- **boss**: 0.5 points on the public board, 0.25 points on the private board\n"
                + "2.75 {{unknown}}");
    }

    @Test
    void noDeadlineAndNoThresholdsAreSaidPlainly() {
        Map<String, String> v = Placeholders.values(competition(null, "+08:00"), List.of());
        assertThat(v).containsEntry("deadline", "not set yet").containsEntry("thresholds", "- none set yet")
                .containsEntry("points_total", "0").containsEntry("time_zone", "+08:00");
    }

    @Test
    void theLatePolicySaysWhatHappensAfterTheDeadline() {
        assertThat(Placeholders.values(competition(null, "UTC"), List.of()))
                .containsEntry("late_policy", "Uploads after the deadline are refused.");
        assertThat(Placeholders.values(competition(null, "UTC", LatePolicy.ACCEPT_LATE), List.of()).get("late_policy"))
                .isEqualTo("Uploads after the deadline are still scored, but marked late: they stay off the"
                        + " leaderboards and the grades.");
    }

    @Test
    void theCodeStepSaysUntilWhenAndWhetherAReportIsNeeded() {
        Competition c = new Competition(1, "hw3", "Homework 3", Path.of("b"), ZoneId.of("Asia/Taipei"), 5, null, false,
                Instant.EPOCH, 2, null, false, LatePolicy.REFUSE, Instant.parse("2026-06-03T15:59:00Z"),
                ReportRule.parse("passing:boss"));
        Map<String, String> v = Placeholders.values(c, List.of());
        assertThat(v.get("code_deadline")).isEqualTo("2026-06-03 23:59 GMT+8 (Asia/Taipei)");
        assertThat(v.get("report_rule")).startsWith("A report PDF is required if you pass boss on both boards");
        assertThat(Placeholders.values(competition(null, "UTC"), List.of())).containsEntry("code_deadline",
                "announced by your course staff");
    }

    /** The rules are shown to students before the reveal: a threshold's scores never enter them. */
    @Test
    void thresholdScoresAreNeverAmongTheValues() {
        Map<String, String> v = Placeholders.values(competition(null, "UTC"), List.of(threshold("strong", 1, 1)));
        assertThat(String.join("\n", v.values())).doesNotContain("0.81234", "0.79876", "0.8123", "0.7987");
    }
}
