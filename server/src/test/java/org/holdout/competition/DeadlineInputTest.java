package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DeadlineInputTest {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Test
    void timesWithAnOffsetOrReadInTheZoneAndBlankForNone() {
        assertThat(DeadlineInput.parse("2026-06-01T23:59:59+08:00", TAIPEI))
                .isEqualTo(Instant.parse("2026-06-01T15:59:59Z"));
        assertThat(DeadlineInput.parse(" 2026-06-01T23:59 ", TAIPEI)).isEqualTo(Instant.parse("2026-06-01T15:59:00Z"));
        assertThat(DeadlineInput.parse("  ", TAIPEI)).isNull();
        assertThat(DeadlineInput.parse(null, TAIPEI)).isNull();
    }

    @Test
    void theYearsCountInTheCompetitionsZone() {
        assertThat(DeadlineInput.parse("1970-01-01T00:00", TAIPEI)).isEqualTo(Instant.parse("1969-12-31T16:00:00Z"));
        assertThat(DeadlineInput.parse("9999-12-31T23:59:59.999", TAIPEI))
                .isEqualTo(Instant.parse("9999-12-31T15:59:59.999Z"));
        assertThatThrownBy(() -> DeadlineInput.parse("9999-12-31T16:00:00Z", TAIPEI))
                .hasMessage("The deadline 9999-12-31T16:00:00Z is after the year 9999 (in Asia/Taipei); it must be in"
                        + " the years 1970 to 9999.");
        assertThatThrownBy(() -> DeadlineInput.parse("1969-12-31T15:59:59Z", TAIPEI))
                .hasMessageContaining("before the year 1970");
    }

    @Test
    void theExtremesJavaCanParseAreRefusedNotOverflowed() {
        for (String s : new String[] {"+999999999-12-31T23:59:59.999999999-18:00", "-999999999-01-01T00:00+18:00",
            "+999999999-12-31T23:59:59.999999999", "-999999999-01-01T00:00"}) {
            assertThatThrownBy(() -> DeadlineInput.parse(s, ZoneId.of("America/Los_Angeles"))).as(s)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the year");
        }
        assertThatThrownBy(() -> DeadlineInput.parse("x".repeat(1000), TAIPEI))
                .hasMessageContaining("is not a time like").hasMessageContaining("…\"");
    }
}
