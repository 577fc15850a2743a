package org.holdout.db;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for a store that syncs as a whole: each caller waits until a sync that started after its call has
 * ended, so concurrent callers share one sync instead of queueing one each.
 */
final class DurableCommits {
    private final Runnable sync;
    private final AtomicLong requested = new AtomicLong();
    private final Object lock = new Object();
    private long synced;

    DurableCommits(Runnable sync) {
        this.sync = sync;
    }

    void await() {
        long ticket = requested.incrementAndGet();
        synchronized (lock) {
            if (synced >= ticket) {
                return;
            }
            long covers = requested.get();
            sync.run();
            synced = covers;
        }
    }
}
