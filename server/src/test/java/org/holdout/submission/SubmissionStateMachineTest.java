package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.holdout.account.Role;
import org.holdout.submission.StoredMessage;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionState;
import org.holdout.submission.SubmissionStateMachine;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionStateMachineTest {
    @Test
    void onlyReceivedMovesAndOnlyOnce() {
        assertThat(SubmissionState.RECEIVED.next()).containsExactlyInAnyOrder(SubmissionState.SCORED,
                SubmissionState.REFUSED, SubmissionState.FAILED);
        for (SubmissionState s : new SubmissionState[] {SubmissionState.SCORED, SubmissionState.REFUSED,
            SubmissionState.FAILED}) {
            assertThat(s.next()).isEmpty();
            assertThat(s.canMoveTo(SubmissionState.SCORED)).isFalse();
        }
    }

    @Test
    void aDecidedSubmissionCannotBeDecidedAgain(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            var ann = server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password").account();
            SubmissionRepository repo = new SubmissionRepository(server.db);
            SubmissionStateMachine machine = new SubmissionStateMachine();
            long id = server.db.inTransaction(c -> machine.receive(c, server.competition().id(), ann.id(), "a.csv",
                    "0".repeat(64), 10, Instant.now(), true));
            server.db.inTransaction(c -> {
                machine.score(c, id, Instant.now(), 0.7, 0.6, 40, null);
                return null;
            });
            assertThatThrownBy(() -> server.db.inTransaction(c -> {
                machine.refuse(c, id, Instant.now(), StoredMessage.of("late", "x"));
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer RECEIVED");
            assertThat(repo.byId(id).orElseThrow().state()).isEqualTo(SubmissionState.SCORED);
        }
    }
}
