package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UploadsInFlightTest {
    @Test
    void aStudentGetsAtMostTheCapAtOnceAndAClosedTicketFreesItsPlace() {
        UploadsInFlight inFlight = new UploadsInFlight(2);
        UploadsInFlight.Ticket a = inFlight.enter(7);
        UploadsInFlight.Ticket b = inFlight.enter(7);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(inFlight.enter(7)).isNull();
        assertThat(inFlight.enter(8)).as("another student has places of their own").isNotNull();
        a.close();
        assertThat(inFlight.enter(7)).isNotNull();
        assertThat(inFlight.enter(7)).isNull();
    }

    @Test
    void underContentionExactlyTheCapIsAdmitted() throws Exception {
        UploadsInFlight inFlight = new UploadsInFlight(3);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<UploadsInFlight.Ticket>> tries = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            tries.add(pool.submit(() -> {
                go.await();
                return inFlight.enter(1);
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<UploadsInFlight.Ticket> f : tries) {
            admitted += f.get() == null ? 0 : 1;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(3);
    }
}
