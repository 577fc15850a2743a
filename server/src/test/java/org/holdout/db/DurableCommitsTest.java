package org.holdout.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DurableCommitsTest {

    @Test
    void aSyncRunsOnlyWhenACallEndedSinceTheLastOneBegan() {
        AtomicInteger syncs = new AtomicInteger();
        DurableCommits commits = new DurableCommits(syncs::incrementAndGet);
        commits.await();
        assertThat(syncs).as("the first covers what ran before any call was counted").hasValue(1);
        commits.await();
        assertThat(syncs).as("nothing ended since").hasValue(1);
        commits.callEnded();
        commits.await();
        commits.await();
        assertThat(syncs).hasValue(2);
    }

    @Test
    void aCallThatEndsDuringASyncGetsASyncOfItsOwn() {
        AtomicInteger syncs = new AtomicInteger();
        DurableCommits[] self = new DurableCommits[1];
        self[0] = new DurableCommits(() -> {
            if (syncs.incrementAndGet() == 1) {
                self[0].callEnded();
            }
        });
        self[0].await();
        self[0].await();
        assertThat(syncs).hasValue(2);
    }
}
