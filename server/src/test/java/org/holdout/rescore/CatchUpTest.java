package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.submission.Submission;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload scored with the old key while a rescore is applied (its row committed after the apply's check): the
 * catch-up right after the apply scores it again with the new key, and marks the rescore so boards reload.
 */
class CatchUpTest {
    @Test
    void anUploadScoredWithTheOldKeyDuringTheApplyIsCorrected(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            Competition c = server.competition();
            StringBuilder fixed = new StringBuilder("Id,Expected,Usage\n");
            for (int i = 0; i < TinyCompetition.ROWS; i++) {
                fixed.append(i).append(',').append(TinyCompetition.anomaly(i) || i == 0 ? 1 : 0).append(',')
                        .append(i < 20 ? "Public" : "Private").append('\n');
            }
            byte[] key = fixed.toString().getBytes(StandardCharsets.UTF_8);
            RescorePreview preview = server.app.rescore().preview(c, new ByteArrayInputStream(key), key.length);
            // scored with the old key after the preview, as an upload in flight during the apply would be
            assertThat(ann.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            long mark = new RescoreRepository(server.db).mark(c.id());

            Solution next = Solution.parse(key);
            assertThat(server.app.rescore().catchUp(c, preview, next)).isEqualTo(1);
            Submission late = server.app.submissions().repository().ofCompetition(c.id()).get(0);
            assertThat(late.fileName()).isEqualTo("b.csv");
            assertThat(late.publicAuc()).isEqualTo(Scorer.score(next, TinyCompetition.submission(2)).publicAuc());
            assertThat(server.app.rescore().catchUp(c, preview, next)).as("once").isZero();
            assertThat(preview.newScores()).hasSize(1);
            assertThat(new RescoreRepository(server.db).mark(c.id())).as("no rescore row yet to mark").isEqualTo(mark);
        }
    }
}
