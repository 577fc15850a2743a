package org.holdout.db;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for a store that syncs as a whole. Database calls report when they end; a caller waits until a sync
 * that began after every call that had ended before its own wait (its own calls among them), so concurrent callers
 * share one sync, and a caller whose calls a finished sync already covers (a request whose service synced its
 * decision, then its after-handler) waits for none.
 */
final class DurableCommits {
    private final Runnable sync;
    private final AtomicLong callsEnded = new AtomicLong();
    private final Object lock = new Object();
    /** How many calls had ended when the last finished sync began; -1 before the first, which covers the migrations. */
    private long synced = -1;

    DurableCommits(Runnable sync) {
        this.sync = sync;
    }

    void callEnded() {
        callsEnded.incrementAndGet();
    }

    void await() {
        long needed = callsEnded.get();
        synchronized (lock) {
            if (synced >= needed) {
                return;
            }
            long covers = callsEnded.get();
            sync.run();
            synced = covers;
        }
    }
}
