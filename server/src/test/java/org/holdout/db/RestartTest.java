package org.holdout.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @Test
    void aNewServerOnTheSameDatabaseAndUploadsKeepsEverything(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.uploadApi("kept.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            String board = ann.apiGet("/api/leaderboard").body();
            String mine = ann.apiGet("/api/submissions").body();

            server.restart();
            Client again = new Client(server.url());
            again.token = ann.token;
            assertThat(again.apiGet("/api/submissions").body()).isEqualTo(mine);
            assertThat(again.apiGet("/api/leaderboard").body()).isEqualTo(board);
            again.login("ann", "password-ann");
            HttpResponse<String> page = again.get("/submissions");
            assertThat(page.body()).contains("kept.csv", "bad.csv");
            assertThat(again.uploadApi("after.csv", TinyCompetition.submission(2)).body())
                    .contains("\"submissionsLeftToday\":3");
        }
    }
}
