package org.holdout.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.holdout.account.LoginThrottle;
import org.holdout.account.LoginThrottle.Refusal;
import org.holdout.testing.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T04:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), 20, Duration.ofMinutes(15), clock);

    private void fail(LoginThrottle t, String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(t.check(username, address)).as("attempt %d as %s", i + 1, username).isEmpty();
            t.failed(username, address);
        }
    }

    private void fail(String username, String address, int times) {
        fail(throttle, username, address, times);
    }

    @Test
    void afterFiveFreeFailuresEachAttemptFromThatAddressWaitsTwiceAsLongUpToTheLongestDelay() {
        fail("ann", "10.0.0.1", 6);
        for (long seconds = 1; seconds < 900; seconds *= 2) {
            Refusal r = throttle.check("ann", "10.0.0.1").orElseThrow();
            assertThat(r.reason()).isEqualTo(Refusal.Reason.USERNAME);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            assertThat(throttle.check("ann", "10.0.0.1")).as("just before %d s have passed", seconds).isPresent();
            clock.advance(Duration.ofMillis(1));
            fail("ann", "10.0.0.1", 1);
        }
        assertThat(throttle.check("ann", "10.0.0.1").orElseThrow().retryAfter()).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        fail("ann", "10.0.0.1", 1);
        assertThat(throttle.check("ann", "10.0.0.1").orElseThrow().retryAfter()).as("never longer")
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.check("ben", "10.0.0.1")).as("another username from the same address").isEmpty();
    }

    @Test
    void failuresFromOneAddressNeverDelayTheSameUsernameFromAnother() {
        LoginThrottle lenientAddress = new LoginThrottle(5, Duration.ofMinutes(15), 0, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 1000; i++) {
            lenientAddress.failed("carol", "10.6.6.6");
        }
        assertThat(lenientAddress.check("carol", "10.6.6.6")).isPresent();
        assertThat(lenientAddress.check("carol", "10.0.0.7")).isEmpty();
        for (int i = 0; i < 19; i++) {
            throttle.failed("carol", "10.6.6.6");
        }
        assertThat(throttle.check("carol", "10.0.0.7")).as("under the address limit of 20").isEmpty();
    }

    @Test
    void aCorrectPasswordClearsItsUsernamesFailuresFromThatAddressOnly() {
        fail("ann", "10.0.0.1", 6);
        fail("ann", "10.0.0.2", 6);
        throttle.succeeded("ann", "10.0.0.1");
        assertThat(throttle.check("ann", "10.0.0.1")).isEmpty();
        assertThat(throttle.check("ann", "10.0.0.2")).isPresent();
        fail("ann", "10.0.0.1", 5);
        assertThat(throttle.check("ann", "10.0.0.1")).isEmpty();
    }

    @Test
    void spellingsOfOneUsernameCountTogether() {
        fail("ann", "10.0.0.1", 2);
        fail(" ANN ", "10.0.0.1", 2);
        fail("Ann", "10.0.0.1", 2);
        assertThat(throttle.check("aNN", "10.0.0.1")).isPresent();
    }

    @Test
    void aPairIsForgottenOnceQuietForTheWindowAfterItsWait() {
        fail("ann", "10.0.0.1", 6);
        clock.advance(Duration.ofSeconds(1));
        fail("ann", "10.0.0.1", 1);
        clock.advance(Duration.ofSeconds(2).plus(Duration.ofMinutes(15)).minusSeconds(1));
        fail("ann", "10.0.0.1", 1);
        assertThat(throttle.check("ann", "10.0.0.1").orElseThrow().retryAfter()).as("8 failures: still counted")
                .isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4).plus(Duration.ofMinutes(15)).plusSeconds(1));
        fail("ann", "10.0.0.1", 5);
        assertThat(throttle.check("ann", "10.0.0.1")).as("forgotten, so five free failures again").isEmpty();
    }

    @Test
    void manyUsernamesFromOneAddressHitTheAddressLimitUntilTheOldestLeavesTheWindow() {
        fail("user0", "10.0.0.7", 1);
        clock.advance(Duration.ofMinutes(5));
        for (int i = 1; i < 20; i++) {
            fail("user" + i, "10.0.0.7", 1);
        }
        Refusal r = throttle.check("someone-new", "10.0.0.7").orElseThrow();
        assertThat(r.reason()).isEqualTo(Refusal.Reason.ADDRESS);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.check("someone-new", "10.0.0.8")).isEmpty();
        throttle.succeeded("user3", "10.0.0.7");
        assertThat(throttle.check("user3", "10.0.0.7")).as("a success does not clear the address").isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("someone-new", "10.0.0.7")).isEmpty();
    }

    @Test
    void zeroTurnsTheDelayAndTheAddressLimitOff() {
        LoginThrottle off = new LoginThrottle(0, Duration.ZERO, 0, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 100; i++) {
            off.failed("ann", "10.0.0.1");
        }
        assertThat(off.check("ann", "10.0.0.1")).isEmpty();
        LoginThrottle noneFree = new LoginThrottle(0, Duration.ofMinutes(1), 0, Duration.ofMinutes(15), clock);
        noneFree.failed("ann", "10.0.0.1");
        assertThat(noneFree.check("ann", "10.0.0.1").orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void waitsAreWrittenForPeopleAndForRetryAfter() {
        assertThat(new Refusal(Refusal.Reason.USERNAME, Duration.ofMillis(1)).retryAfterText()).isEqualTo("1 second");
        assertThat(new Refusal(Refusal.Reason.USERNAME, Duration.ofSeconds(32)).retryAfterText()).isEqualTo("32 seconds");
        assertThat(new Refusal(Refusal.Reason.USERNAME, Duration.ofSeconds(61)).retryAfterText()).isEqualTo("2 minutes");
        assertThat(new Refusal(Refusal.Reason.USERNAME, Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void badLimitsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> new LoginThrottle(-1, Duration.ofMinutes(1), 5, Duration.ofMinutes(1), clock))
                .hasMessageContaining("-1 free failures");
        assertThatThrownBy(() -> new LoginThrottle(5, Duration.ofMinutes(1), 5, Duration.ZERO, clock))
                .hasMessageContaining("PT0S");
    }
}
