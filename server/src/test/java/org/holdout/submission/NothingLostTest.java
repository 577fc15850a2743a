package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.holdout.account.Account;
import org.holdout.account.Role;
import org.holdout.competition.CompetitionRepository;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionState;
import org.holdout.submission.SubmissionStateMachine;
import org.holdout.submission.UploadPolicy;
import org.holdout.submission.UploadStore;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that store nothing, refused files kept within bounds, and what a crash left half-done decided at start. */
class NothingLostTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Submission stored(HttpResponse<String> r) {
        var m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return server.app.submissions().repository().byId(Long.parseLong(m.group(1))).orElseThrow();
    }

    private boolean inStore(Submission s) {
        return Files.exists(new UploadStore(server.config.uploadDir()).path(s.sha256()));
    }

    @Test
    void overTheLimitAndAfterTheDeadlineNothingIsStoredOrScoredButTheRefusalIsOnRecord() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "1"));
        Client ann = server.login("ann", Role.STUDENT);
        assertThat(ann.uploadApi("ok.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);

        HttpResponse<String> over = ann.uploadApi("over.csv", TinyCompetition.submission(2));
        assertThat(over.statusCode()).isEqualTo(429);
        Submission limited = stored(over);
        assertThat(limited.state()).isEqualTo(SubmissionState.REFUSED);
        assertThat(limited.bytesKept()).isFalse();
        assertThat(limited.publicAuc()).isNull();
        assertThat(limited.sizeBytes()).isEqualTo(TinyCompetition.submission(2).length);
        assertThat(inStore(limited)).isFalse();

        new CompetitionRepository(server.db).setDeadline(server.competition().id(), server.clock.instant(), "test", server.clock.instant());
        HttpResponse<String> late = ann.uploadApi("late.csv", TinyCompetition.submission(3));
        assertThat(late.statusCode()).isEqualTo(403);
        Submission closed = stored(late);
        assertThat(closed.bytesKept()).isFalse();
        assertThat(inStore(closed)).isFalse();
        assertThat(closed.message()).contains("closed");
    }

    @Test
    void aRefusedFileIsKeptWithinItsStudentsShareAndTheOldestGoFirst() throws Exception {
        byte[] bad = TinyCompetition.missingId();
        server = new TestServer(dir, Map.of("refused.keep.mb.per.student", "0"));
        Client ann = server.login("ann", Role.STUDENT);
        Submission refused = stored(ann.uploadApi("bad.csv", bad));
        assertThat(refused.state()).isEqualTo(SubmissionState.REFUSED);
        assertThat(refused.bytesKept()).isFalse();
        assertThat(inStore(refused)).isFalse();
        assertThat(refused.sha256()).hasSize(64);

        server.close();
        server = new TestServer(dir.resolve("kept"));
        Client ben = server.login("ben", Role.STUDENT);
        Submission kept = stored(ben.uploadApi("bad.csv", bad));
        assertThat(kept.bytesKept()).isTrue();
        assertThat(inStore(kept)).isTrue();
        server.clock.advance(Duration.ofDays(15));
        server.restart();
        assertThat(server.app.submissions().repository().byId(kept.id()).orElseThrow().bytesKept()).isFalse();
        assertThat(inStore(kept)).isFalse();
    }

    @Test
    void theRetentionRuleKeepsTheNewestWithinTimeShareAndTotal() {
        UploadPolicy policy = new UploadPolicy(4, Duration.ofDays(14), 100, 200);
        Instant now = Instant.parse("2026-03-20T00:00:00Z");
        long day = Duration.ofDays(1).toMillis();
        AtomicLong id = new AtomicLong();
        List<SubmissionRepository.KeptRefusal> newestFirst = List.of(
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 1, "a1", 60, now.toEpochMilli() - day),
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 2, "b1", 90, now.toEpochMilli() - day),
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 1, "a2", 60, now.toEpochMilli() - 2 * day),
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 3, "c1", 90, now.toEpochMilli() - 3 * day),
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 3, "c2", 5, now.toEpochMilli() - 20 * day),
                new SubmissionRepository.KeptRefusal(id.incrementAndGet(), 2, "a1", 60, now.toEpochMilli() - 4 * day));
        // a2 is beyond student 1's 100 bytes, c1 beyond the 200 in all, c2 older than 14 days; a1 stays (kept newer)
        assertThat(policy.toRelease(newestFirst, now)).containsExactlyInAnyOrder("a2", "c1", "c2");
    }

    @Test
    void whatACrashLeftReceivedIsDecidedAtTheNextStartByItsDaysLimitOrFailedIfItsFileIsGone() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "2"));
        Client ann = server.login("ann", Role.STUDENT);
        Account a = server.app.accounts().repository().byUsername("ann").orElseThrow();
        assertThat(ann.uploadApi("first.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
        server.app.close();

        UploadStore store = new UploadStore(server.config.uploadDir());
        SubmissionStateMachine machine = new SubmissionStateMachine();
        Instant received = server.clock.instant();
        long c = server.competition.id();
        long[] ids = new long[4];
        byte[][] files = {TinyCompetition.submission(2), TinyCompetition.submission(3), TinyCompetition.missingId(),
            TinyCompetition.submission(4)};
        for (int i = 0; i < 4; i++) {
            byte[] bytes = files[i];
            String sha = store.put(bytes).sha256();
            int k = i;
            ids[i] = server.db.inTransaction(conn -> machine.receive(conn, c, a.id(), "half-" + k + ".csv", sha,
                    bytes.length, received.plusMillis(k), true));
        }
        store.delete(store.put(files[3]).sha256());

        server.restart();
        SubmissionRepository repo = server.app.submissions().repository();
        assertThat(repo.received()).isEmpty();
        assertThat(repo.byId(ids[0]).orElseThrow().state()).isEqualTo(SubmissionState.SCORED);
        assertThat(repo.byId(ids[1]).orElseThrow().message()).startsWith("Daily limit reached");
        assertThat(repo.byId(ids[2]).orElseThrow().state()).isEqualTo(SubmissionState.REFUSED);
        Submission gone = repo.byId(ids[3]).orElseThrow();
        assertThat(gone.state()).isEqualTo(SubmissionState.FAILED);
        assertThat(gone.message()).contains("upload it again", "does not count");
        Client again = new Client(server.url());
        again.token = ann.token;
        assertThat(again.apiGet("/api/submissions").body()).contains("\"submissionsLeftToday\":0")
                .doesNotContain("\"state\":\"received\"");

        List<Submission> decided = repo.ofStudent(c, a.id());
        server.restart();
        assertThat(server.app.submissions().repository().ofStudent(c, a.id())).hasSize(5).isEqualTo(decided);
    }
}
