package org.holdout.submission;

import java.util.concurrent.ConcurrentHashMap;

/** Counts each student's uploads being stored and scored in this process; refuses one beyond the cap. */
final class UploadsInFlight {
    private final int cap;
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    UploadsInFlight(int cap) {
        this.cap = cap;
    }

    /** A ticket to close when the upload is decided, or null if the student already has {@code cap} in flight. */
    Ticket enter(long accountId) {
        boolean[] admitted = {false};
        counts.compute(accountId, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= cap) {
                return now;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0] ? () -> counts.computeIfPresent(accountId, (k, n) -> n <= 1 ? null : n - 1) : null;
    }

    @FunctionalInterface
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
