package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClockRulesTest {
    private static final Instant DEADLINE = Instant.parse("2026-06-01T15:59:59Z");

    static Competition competition(Instant deadline, boolean revealed) {
        return new Competition(1, "hw", "HW", Path.of("b"), ZoneId.of("Asia/Taipei"), 5, deadline, revealed,
                Instant.EPOCH, 2, null, false, LatePolicy.REFUSE);
    }

    @Test
    void uploadsCloseAtTheDeadlinesInstantAndNeverWithoutOne() {
        Competition c = competition(DEADLINE, false);
        assertThat(ClockRules.closed(c, DEADLINE.minusMillis(1))).isFalse();
        assertThat(ClockRules.closed(c, DEADLINE)).isTrue();
        assertThat(ClockRules.closed(competition(null, false), Instant.MAX)).isFalse();
        assertThat(ClockRules.status(c, DEADLINE.minusMillis(1))).isEqualTo(CompetitionStatus.OPEN);
        assertThat(ClockRules.status(c, DEADLINE)).isEqualTo(CompetitionStatus.CLOSED);
        assertThat(ClockRules.status(competition(DEADLINE, true), DEADLINE)).isEqualTo(CompetitionStatus.REVEALED);
    }

    @Test
    void theRevealWaitsForTheDeadlineAndSaysWhy() {
        assertThat(ClockRules.cannotReveal(competition(null, false), DEADLINE)).contains("no deadline is set");
        assertThat(ClockRules.cannotReveal(competition(DEADLINE, false), DEADLINE.minusSeconds(1)))
                .contains("2026-06-01 23:59 GMT+8", "students can still upload");
        assertThat(ClockRules.cannotReveal(competition(DEADLINE, false), DEADLINE)).isNull();
        assertThat(ClockRules.cannotReveal(competition(DEADLINE, true), DEADLINE)).isNull();
    }

    @Test
    void afterTheRevealTheDeadlineMayMoveOnlyWithinThePast() {
        Instant now = DEADLINE.plusSeconds(3600);
        Competition revealed = competition(DEADLINE, true);
        assertThat(ClockRules.cannotSetDeadline(revealed, DEADLINE.minusSeconds(60), now)).isNull();
        assertThat(ClockRules.cannotSetDeadline(revealed, now, now)).isNull();
        assertThat(ClockRules.cannotSetDeadline(revealed, now.plusMillis(1), now)).contains("cannot open again");
        assertThat(ClockRules.cannotSetDeadline(revealed, null, now)).contains("cannot open again");
        assertThat(ClockRules.cannotSetDeadline(competition(DEADLINE, false), null, now)).isNull();
    }
}
