package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.holdout.competition.Competition;
import org.holdout.competition.LatePolicy;
import org.junit.jupiter.api.Test;

class QuotaRulesTest {
    private static final Competition TAIPEI_5 = new Competition(1, "hw", "HW", Path.of("b"),
            ZoneId.of("Asia/Taipei"), 5, Instant.parse("2026-06-01T15:59:59Z"), false, Instant.EPOCH, 2, null, false,
            LatePolicy.REFUSE);

    @Test
    void theFifthUploadOfTheDayIsTheLastOneAdmitted() {
        assertThat(QuotaRules.admits(TAIPEI_5, 0)).isTrue();
        assertThat(QuotaRules.admits(TAIPEI_5, 4)).isTrue();
        assertThat(QuotaRules.admits(TAIPEI_5, 5)).isFalse();
        assertThat(QuotaRules.admits(TAIPEI_5, 9)).isFalse();
    }

    @Test
    void theDayTurnsAtMidnightInTheCompetitionsZone() {
        Instant lateEvening = Instant.parse("2026-03-10T15:59:59Z");
        QuotaRules.Quota q = QuotaRules.quota(TAIPEI_5, 3, lateEvening);
        assertThat(q.left()).isEqualTo(2);
        assertThat(q.resetsAt()).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
        assertThat(QuotaRules.quota(TAIPEI_5, 3, lateEvening.plusSeconds(1)).resetsAt())
                .isEqualTo(Instant.parse("2026-03-11T16:00:00Z"));
        assertThat(QuotaRules.quota(TAIPEI_5, 7, lateEvening).left()).isZero();
    }

    @Test
    void theMessagesSayTheDayTheZoneAndWhenItResets() {
        assertThat(QuotaRules.limitMessage(TAIPEI_5, Instant.parse("2026-03-10T15:59:59Z")).english())
                .isEqualTo("Daily limit reached: you have used all 5 submissions of 2026-03-10 (Asia/Taipei); the"
                        + " count resets at 2026-03-11 00:00 GMT+8.");
        assertThat(QuotaRules.deadlineMessage(TAIPEI_5).english())
                .isEqualTo("The competition closed at 2026-06-01 23:59 GMT+8; uploads are no longer accepted.");
    }
}
