package org.holdout.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing without letting anyone lock a student out.
 *
 * <p>Failures count per username <em>and</em> client address together: after {@code freeFailures} wrong passwords
 * for one username from one address, each further attempt from there must wait, one second after the next failure,
 * then two, four, ... up to {@code maxDelay}. Failures from one address never delay an attempt from another, so
 * guessing a classmate's password from your own machine slows down only you. A pair's count is forgotten once it
 * has had no failure for {@code window} after its wait ended, and a correct password clears it.
 *
 * <p>Against trying a few passwords on many usernames, one address may fail at most {@code perAddress} times within
 * {@code window} (over all usernames, generous since a classroom may share one address); after that, attempts from
 * it are refused until its oldest failure leaves the window. Usernames that do not exist count like ones that do,
 * so a refusal reveals nothing. Kept in memory: each server process counts its own.
 */
public final class LoginThrottle {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int freeFailures;
    private final Duration maxDelay;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<Pair, Failures> pairs = new HashMap<>();
    private final Map<String, Deque<Instant>> addresses = new HashMap<>();
    private Instant nextSweep = Instant.MIN;

    /**
     * @param freeFailures wrong passwords for one username from one address before attempts must wait (0: from the
     *                     first failure on)
     * @param maxDelay     the longest wait; zero turns the per-username delay off
     * @param perAddress   failures of one address within {@code window} before it is refused; 0 turns that off
     */
    public LoginThrottle(int freeFailures, Duration maxDelay, int perAddress, Duration window, Clock clock) {
        if (freeFailures < 0 || perAddress < 0 || maxDelay.isNegative() || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("login limits must be 0 or more and the window longer than 0, not "
                    + freeFailures + " free failures, a longest delay of " + maxDelay + ", " + perAddress
                    + " per address and a window of " + window);
        }
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Why an attempt is refused now, and for how long; empty when it may go ahead. */
    public synchronized Optional<Refusal> check(String username, String address) {
        Instant now = clock.instant();
        Deque<Instant> times = addresses.get(address);
        if (perAddress > 0 && times != null && times.size() >= perAddress) {
            Duration left = Duration.between(now, times.peekFirst().plus(window));
            if (left.compareTo(Duration.ZERO) > 0) {
                return Optional.of(new Refusal(Refusal.Reason.ADDRESS, left));
            }
        }
        Failures f = pairs.get(new Pair(AccountRules.key(username), address));
        if (f != null) {
            Duration left = Duration.between(now, f.last.plus(delay(f.count)));
            if (left.compareTo(Duration.ZERO) > 0) {
                return Optional.of(new Refusal(Refusal.Reason.USERNAME, left));
            }
        }
        return Optional.empty();
    }

    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            sweep(now);
            nextSweep = now.plus(SWEEP_EVERY);
        }
        Failures f = pairs.computeIfAbsent(new Pair(AccountRules.key(username), address), k -> new Failures());
        f.count++;
        f.last = now;
        if (perAddress > 0) {
            Deque<Instant> times = addresses.computeIfAbsent(address, k -> new ArrayDeque<>());
            times.addLast(now);
            while (times.size() > perAddress) {
                times.removeFirst();
            }
        }
    }

    /** A correct password clears its username's failures from that address (not the address's own count). */
    public synchronized void succeeded(String username, String address) {
        pairs.remove(new Pair(AccountRules.key(username), address));
    }

    /** The wait after {@code failures} failures of one pair: none until the free ones are used, then doubling. */
    Duration delay(int failures) {
        int over = failures - freeFailures;
        if (over <= 0 || maxDelay.isZero()) {
            return Duration.ZERO;
        }
        Duration d = over > 40 ? maxDelay : FIRST_DELAY.multipliedBy(1L << (over - 1));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private void sweep(Instant now) {
        pairs.values().removeIf(f -> !now.isBefore(f.last.plus(delay(f.count)).plus(window)));
        Instant cutoff = now.minus(window);
        addresses.values().removeIf(times -> !times.peekLast().isAfter(cutoff));
    }

    private record Pair(String username, String address) {
    }

    private static final class Failures {
        int count;
        Instant last;
    }

    /** A refused attempt: the username's wait from this address, or the address over its limit; and for how long. */
    public record Refusal(Reason reason, Duration retryAfter) {
        public enum Reason { USERNAME, ADDRESS }

        /** Whole seconds, rounded up: the Retry-After header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        /** For people: "5 seconds", "1 minute", "15 minutes" (rounded up). */
        public String retryAfterText() {
            long s = retryAfterSeconds();
            if (s < 60) {
                return s + (s == 1 ? " second" : " seconds");
            }
            long m = (s + 59) / 60;
            return m + (m == 1 ? " minute" : " minutes");
        }
    }
}
