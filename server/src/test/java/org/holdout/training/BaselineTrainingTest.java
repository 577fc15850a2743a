package org.holdout.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.holdout.account.Role;
import org.holdout.baselines.Tier;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.threshold.Threshold;
import org.holdout.training.BaselineTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTrainingTest {
    @Test
    void finishedBaselineFilesInTheDataFolderAreRegisteredWithoutTrainingAgain(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            for (Tier t : Tier.values()) {
                Path out = Files.createDirectories(dir.resolve("baselines/tiny/" + t.id()));
                Files.write(out.resolve("submission.csv"), TinyCompetition.submission(200 + t.ordinal()));
            }
            server.app.training().start(server.competition());
            long id = server.competition().id();
            for (int i = 0; i < 100 && server.app.thresholds().all(id).stream().anyMatch(t -> t.source() == null); i++) {
                Thread.sleep(100);
            }
            assertThat(server.app.thresholds().all(id))
                    .extracting(t -> t.name() + ":" + t.source() + ":" + t.pointsPublic())
                    .as("registered under the tiers' names, the course's points untouched")
                    .containsExactly("simple:trained:1.0", "medium:trained:1.0", "strong:trained:0.5", "boss:trained:0.5");
            assertThat(server.app.thresholds().history(id, "boss")).extracting(h -> h.action() + " by " + h.actor())
                    .containsExactly("create by holdout", "train by training");
            for (int i = 0; i < 50 && !server.app.training().progress(server.competition()).values().stream()
                    .allMatch(p -> p.state().equals("registered")); i++) {
                Thread.sleep(100);
            }
            assertThat(server.app.training().progress(server.competition()).values())
                    .extracting(BaselineTraining.Progress::state)
                    .containsOnly("registered");
            Client staff = server.login("ta", Role.STAFF);
            assertThat(staff.get("/staff").body()).contains("registered", "trained");
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.apiGet("/api/leaderboard").body()).contains("\"baseline\":\"boss\"");
        }
    }

    @Test
    void theProgressLineReadsLikeASentence() {
        long started = 1_000_000_000L;
        assertThat(new BaselineTraining.Progress("training", 3, 20, 0.01234567, 125, started)
                .text(started + 65_000_000_000L))
                .isEqualTo("training: epoch 3 of 20, loss 0.01235, 1 min 05 s elapsed, about 3 min left");
        assertThat(new BaselineTraining.Progress("training", 0, 0, Double.NaN, -1, started).text(started + 4_000_000_000L))
                .isEqualTo("training: starting, 4 s elapsed");
        assertThat(new BaselineTraining.Progress("registered", 0, 0, Double.NaN, -1, 0).text()).isEqualTo("registered");
    }
}
