package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.holdout.account.LoginThrottle;
import org.holdout.account.LoginThrottle.Refusal;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T04:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.check(username, address)).as("attempt %d as %s", i + 1, username).isEmpty();
            throttle.failed(username, address);
        }
    }

    @Test
    void theSixthAttemptAfterFiveFailuresIsRefusedUntilTheOldestFailureLeavesTheWindow() {
        fail("ann", "10.0.0.1", 1);
        clock.advance(Duration.ofMinutes(5));
        fail("ann", "10.0.0.1", 4);
        Refusal r = throttle.check("ann", "10.0.0.1").orElseThrow();
        assertThat(r.reason()).isEqualTo(Refusal.Reason.USERNAME);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.retryAfterSeconds()).isEqualTo(600);
        assertThat(throttle.check("ann", "10.9.9.9")).as("from another address too").isPresent();
        assertThat(throttle.check("ben", "10.0.0.1")).as("another username from the same address").isEmpty();

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(throttle.check("ann", "10.0.0.1").orElseThrow().retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("ann", "10.0.0.1")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.check("ann", "10.0.0.1")).as("five in the last 15 minutes again").isPresent();
    }

    @Test
    void aSuccessfulLoginClearsTheUsernamesFailures() {
        fail("ann", "10.0.0.1", 4);
        throttle.succeeded("ann");
        fail("ann", "10.0.0.1", 4);
        assertThat(throttle.check("ann", "10.0.0.1")).isEmpty();
    }

    @Test
    void spellingsOfOneUsernameCountTogether() {
        fail("ann", "10.0.0.1", 2);
        fail(" ANN ", "10.0.0.1", 2);
        fail("Ann", "10.0.0.1", 1);
        assertThat(throttle.check("ann", "10.0.0.1")).isPresent();
    }

    @Test
    void manyUsernamesFromOneAddressHitTheAddressLimit() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "10.0.0.7", 1);
        }
        Refusal r = throttle.check("someone-new", "10.0.0.7").orElseThrow();
        assertThat(r.reason()).isEqualTo(Refusal.Reason.ADDRESS);
        assertThat(throttle.check("someone-new", "10.0.0.8")).isEmpty();
        throttle.succeeded("user3");
        assertThat(throttle.check("user3", "10.0.0.7")).as("a success does not clear the address").isPresent();
    }

    @Test
    void aLimitOfZeroCountsNothing() {
        LoginThrottle off = new LoginThrottle(0, 0, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 100; i++) {
            off.failed("ann", "10.0.0.1");
        }
        assertThat(off.check("ann", "10.0.0.1")).isEmpty();
    }

    @Test
    void badLimitsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> new LoginThrottle(-1, 5, Duration.ofMinutes(1), clock))
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new LoginThrottle(5, 5, Duration.ZERO, clock)).hasMessageContaining("PT0S");
    }
}
