package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.submission.ScoreText;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionState;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevealPagesTest {
    @Test
    void afterTheRevealMySubmissionsShowsEachPrivateScoreAndTheBoardSaysWhatItsPrivateColumnIs(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);
            ann.uploadApi("one.csv", TinyCompetition.submission(31));
            ann.uploadApi("two.csv", TinyCompetition.submission(32));
            ann.uploadApi("bad.csv", TinyCompetition.missingId());
            List<String> privates = server.app.submissions().repository().ofCompetition(server.competition().id())
                    .stream().filter(s -> s.state() == SubmissionState.SCORED).map(Submission::privateAuc)
                    .map(ScoreText::fiveDecimals).toList();
            assertThat(privates).hasSize(2);

            String before = ann.get("/submissions").body();
            assertThat(before).doesNotContain("Private score");
            assertThat(privates).noneMatch(before::contains);
            assertThat(ann.get("/leaderboard").body()).contains("revealed after the deadline");

            server.clock.advance(Duration.ofMinutes(1));
            assertThat(deadline(ta, "\"2026-03-01T04:00:30Z\"").statusCode()).isEqualTo(200);
            assertThat(reveal(ta).statusCode()).isEqualTo(200);
            String after = ann.get("/submissions").body();
            assertThat(after).contains("Private score");
            assertThat(privates).allMatch(after::contains);
            assertThat(ann.get("/leaderboard").body()).contains("The private scores are revealed")
                    .doesNotContain("revealed after the deadline");
        }
    }

    private static HttpResponse<String> reveal(Client ta) throws Exception {
        return ta.api("POST", "/api/staff/reveal", ta.token, HttpRequest.BodyPublishers.noBody(), null);
    }

    private static HttpResponse<String> deadline(Client ta, String json) throws Exception {
        return ta.api("PUT", "/api/staff/deadline", ta.token,
                HttpRequest.BodyPublishers.ofString("{\"deadline\":" + json + "}"), "application/json");
    }

    @Test
    void thePrivateScoresCannotBeRevealedWhileStudentsCanStillUpload(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ta = server.login("ta", Role.STAFF);
            ann.uploadApi("one.csv", TinyCompetition.submission(31));

            HttpResponse<String> none = reveal(ta);
            assertThat(none.statusCode()).isEqualTo(409);
            assertThat(none.body()).contains("no deadline is set");
            ta.get("/staff");
            HttpResponse<String> form = ta.postForm("/staff/reveal", Map.of(), true);
            assertThat(form.statusCode()).isEqualTo(409);
            assertThat(form.body()).contains("no deadline is set").doesNotContain("now visible to students");

            assertThat(deadline(ta, "\"2026-03-08T23:59:00+08:00\"").statusCode()).isEqualTo(200);
            HttpResponse<String> open = reveal(ta);
            assertThat(open.statusCode()).isEqualTo(409);
            assertThat(open.body()).contains("only after the deadline, 2026-03-08 23:59 GMT+8");
            assertThat(server.competition().privateRevealed()).isFalse();
            assertThat(ann.apiGet("/api/leaderboard").body()).doesNotContain("privateScore");

            server.clock.set(Instant.parse("2026-03-08T16:00:00Z"));
            ta.get("/staff");
            HttpResponse<String> revealed = ta.postForm("/staff/reveal", Map.of(), true);
            assertThat(revealed.statusCode()).isEqualTo(303);
            assertThat(revealed.headers().firstValue("Location")).hasValue("/staff?done=reveal");
            assertThat(ta.follow(revealed).body()).contains("The private scores are now visible to students.");
            assertThat(ta.get("/staff").body()).doesNotContain("now visible to students");
            assertThat(ann.apiGet("/api/leaderboard").body()).contains("privateScore");
        }
    }

    @Test
    void onceRevealedTheDeadlineCannotMoveSoThatUploadsReopen(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            assertThat(deadline(ta, "\"2026-03-01T03:00:00Z\"").statusCode()).isEqualTo(200);
            assertThat(reveal(ta).statusCode()).isEqualTo(200);
            assertThat(reveal(ta).statusCode()).as("revealing twice is no mistake").isEqualTo(200);
            HttpResponse<String> reopen = deadline(ta, "\"2026-03-09T00:00:00Z\"");
            assertThat(reopen.statusCode()).isEqualTo(409);
            assertThat(reopen.body()).contains("uploads cannot open again");
            assertThat(deadline(ta, "null").statusCode()).isEqualTo(409);
            ta.get("/staff");
            assertThat(ta.postForm("/staff/deadline", Map.of("deadline", ""), true).statusCode()).isEqualTo(409);
            assertThat(deadline(ta, "\"2026-03-01T02:00:00Z\"").statusCode()).isEqualTo(200);
            assertThat(server.competition().deadline()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
        }
    }
}
