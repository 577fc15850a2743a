package org.holdout.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per username and per client address in a sliding window. Once either has reached its limit, further
 * attempts are refused (without checking the password) until its oldest failure has left the window. A username
 * that does not exist counts like one that does, so a refusal reveals nothing. Kept in memory: each server process
 * counts its own.
 */
public final class LoginThrottle {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> users = new HashMap<>();
    private final Map<String, Deque<Instant>> addresses = new HashMap<>();
    private Instant nextSweep = Instant.MIN;

    /** A limit of 0 turns that count off. */
    public LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
        if (perUser < 0 || perAddress < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("login limits must be 0 (off) or more and the window longer than 0,"
                    + " not " + perUser + ", " + perAddress + " and " + window);
        }
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Why an attempt is refused now, and for how long; empty when it may go ahead. */
    public synchronized Optional<Refusal> check(String username, String address) {
        Instant now = clock.instant();
        Duration user = waitFor(users.get(userKey(username)), perUser, now);
        if (user != null) {
            return Optional.of(new Refusal(Refusal.Reason.USERNAME, user));
        }
        Duration client = waitFor(addresses.get(address), perAddress, now);
        return client == null ? Optional.empty() : Optional.of(new Refusal(Refusal.Reason.ADDRESS, client));
    }

    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            sweep(now);
            nextSweep = now.plus(SWEEP_EVERY);
        }
        record(users, userKey(username), perUser, now);
        record(addresses, address, perAddress, now);
    }

    /** A correct password clears its username's failures (not its address's: a class may share one address). */
    public synchronized void succeeded(String username) {
        users.remove(userKey(username));
    }

    private static String userKey(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static void record(Map<String, Deque<Instant>> counts, String key, int limit, Instant now) {
        if (limit == 0 || key == null) {
            return;
        }
        Deque<Instant> times = counts.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > limit) {
            times.removeFirst();
        }
    }

    /** How long until fewer than {@code limit} failures are in the window; null if that is so already. */
    private Duration waitFor(Deque<Instant> times, int limit, Instant now) {
        if (limit == 0 || times == null || times.size() < limit) {
            return null;
        }
        Duration left = Duration.between(now, times.peekFirst().plus(window));
        return left.isNegative() || left.isZero() ? null : left;
    }

    private void sweep(Instant now) {
        Instant cutoff = now.minus(window);
        for (Map<String, Deque<Instant>> counts : List.of(users, addresses)) {
            counts.values().removeIf(times -> !times.peekLast().isAfter(cutoff));
        }
    }

    /** A refused attempt: whether the username or the address is over its limit, and how long until it is not. */
    public record Refusal(Reason reason, Duration retryAfter) {
        public enum Reason { USERNAME, ADDRESS }

        /** Whole seconds, rounded up: the Retry-After header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        /** Whole minutes, rounded up, for people. */
        public long retryAfterMinutes() {
            return (retryAfterSeconds() + 59) / 60;
        }
    }
}
