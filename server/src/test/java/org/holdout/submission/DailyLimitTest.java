package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.holdout.account.Role;
import org.holdout.competition.CompetitionRepository;
import org.holdout.submission.SubmissionState;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyLimitTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twelveSimultaneousUploadsWithLimitFiveScoreExactlyFive() throws Exception {
        server = new TestServer(dir, Map.of("uploads.in.flight.per.student", "12"));
        Client ann = server.login("ann", Role.STUDENT);
        assertThat(ann.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] csv = TinyCompetition.submission(100 + i);
            futures.add(pool.submit(() -> {
                go.await();
                return ann.uploadApi("c.csv", csv);
            }));
        }
        go.countDown();
        int scored = 0;
        int limited = 0;
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 201) {
                scored++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(r.body()).contains("Daily limit reached", "resets at 2026-03-02 00:00 GMT+8");
                limited++;
            }
        }
        pool.shutdown();
        assertThat(scored).isEqualTo(5);
        assertThat(limited).isEqualTo(7);
        var all = server.app.submissions().repository().ofCompetition(server.competition().id());
        assertThat(all).hasSize(13);
        assertThat(all.stream().filter(s -> s.state() == SubmissionState.SCORED)).hasSize(5);
        assertThat(ann.get("/submit").body()).contains("<span id=\"left\">0</span>");
    }

    @Test
    void theDayTurnsAtMidnightInTheCompetitionsTimeZoneNotUtc() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "2"));
        Client ann = server.login("ann", Role.STUDENT);
        server.clock.set(Instant.parse("2026-03-01T15:59:00Z"));
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
        assertThat(ann.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
        HttpResponse<String> late = ann.uploadApi("c.csv", TinyCompetition.submission(3));
        assertThat(late.statusCode()).isEqualTo(429);
        assertThat(late.body()).contains("2026-03-01 (Asia/Taipei)", "2026-03-02 00:00 GMT+8");
        assertThat(late.headers().firstValue("Retry-After")).as("seconds until 00:00 in Taipei").hasValue("60");

        server.clock.set(Instant.parse("2026-03-01T16:00:00Z"));
        HttpResponse<String> next = ann.uploadApi("d.csv", TinyCompetition.submission(4));
        assertThat(next.statusCode()).as("00:00 in Taipei is a new day although UTC is still March 1").isEqualTo(201);
        assertThat(next.body()).contains("\"submissionsLeftToday\":1", "\"dayResetsAt\":\"2026-03-02T16:00:00Z\"");
        assertThat(ann.get("/submit").body()).contains("2026-03-03 00:00 GMT+8");
    }

    @Test
    void aUtcCompetitionCountsUtcDays() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "1", "time.zone", "UTC"));
        Client ann = server.login("ann", Role.STUDENT);
        server.clock.set(Instant.parse("2026-03-01T16:00:00Z"));
        assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
        server.clock.set(Instant.parse("2026-03-01T23:59:00Z"));
        assertThat(ann.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(429);
        server.clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(ann.uploadApi("c.csv", TinyCompetition.submission(3)).statusCode()).isEqualTo(201);
    }

    @Test
    void uploadsAfterTheDeadlineAreRefusedAndDoNotCount() throws Exception {
        server = new TestServer(dir);
        Client ann = server.login("ann", Role.STUDENT);
        new CompetitionRepository(server.db).setDeadline(server.competition().id(),
                Instant.parse("2026-03-10T15:59:59Z"), "test", server.clock.instant());
        server.clock.set(Instant.parse("2026-03-10T15:59:58Z"));
        assertThat(ann.uploadApi("on-time.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
        server.clock.set(Instant.parse("2026-03-10T15:59:59Z"));
        HttpResponse<String> late = ann.uploadApi("late.csv", TinyCompetition.submission(2));
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("The competition closed at 2026-03-10 23:59 GMT+8");
        HttpResponse<String> form = ann.uploadForm("late-form.csv", TinyCompetition.submission(3));
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(ann.follow(form).body()).contains(">Not accepted<", "The competition closed at 2026-03-10 23:59 GMT+8");
        assertThat(ann.get("/submit").body()).contains("The competition is closed (the deadline was 2026-03-10 23:59"
                + " GMT+8)").doesNotContain("submissions left today");
    }

    @Test
    void withNoUploadsLeftTheSubmitPageSaysWhenTheNextOneIsPossible() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "1"));
        Client ann = server.login("ann", Role.STUDENT);
        assertThat(ann.get("/submit").body()).doesNotContain("id=\"none-left\"");
        assertThat(ann.uploadForm("one.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(303);
        assertThat(ann.get("/submit").body()).contains("disabled",
                "No uploads left today; you can upload again from 2026-03-02 00:00 GMT+8.");
        HttpResponse<String> over = ann.uploadForm("two.csv", TinyCompetition.submission(2));
        assertThat(over.statusCode()).isEqualTo(303);
        assertThat(ann.follow(over).body()).contains(">Not accepted<", "two.csv", "Daily limit reached")
                .doesNotContain(">File refused<");
    }

    @Test
    void staffSetTheDeadlineThroughTheApiAndTheForm() throws Exception {
        server = new TestServer(dir);
        Client ann = server.login("ann", Role.STUDENT);
        Client ta = server.login("ta", Role.STAFF);
        var put = ta.api("PUT", "/api/staff/deadline", ta.token,
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"deadline\":\"2026-03-01T12:00:00+08:00\"}"),
                "application/json");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).contains("2026-03-01T04:00:00Z");
        server.clock.set(Instant.parse("2026-03-01T04:00:00Z"));
        assertThat(ann.uploadApi("late.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(403);
        assertThat(ta.api("PUT", "/api/staff/deadline", ta.token,
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"deadline\":\"soon\"}"), "application/json")
                .statusCode()).isEqualTo(400);
        assertThat(ann.api("PUT", "/api/staff/deadline", ann.token,
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"deadline\":null}"), "application/json")
                .statusCode()).isEqualTo(403);

        ta.get("/staff");
        var form = ta.postForm("/staff/deadline", Map.of("deadline", "2026-03-05T23:59"), true);
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(ta.follow(form).body()).contains("The deadline is saved.", "2026-03-05 23:59 GMT+8");
        assertThat(ann.uploadApi("ok.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
    }

    @Test
    void twoStudentsUploadingAtOnceDoNotShareALimit() throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "3"));
        Client ann = server.login("ann", Role.STUDENT);
        Client ben = server.login("ben", Role.STUDENT);
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] csv = TinyCompetition.submission(i);
            all.add(CompletableFuture.supplyAsync(() -> status(ann, csv)));
            all.add(CompletableFuture.supplyAsync(() -> status(ben, csv)));
        }
        List<Integer> codes = all.stream().map(CompletableFuture::join).toList();
        assertThat(codes.stream().filter(c -> c == 201)).hasSize(6);
        assertThat(codes.stream().filter(c -> c == 429)).hasSize(2);
    }

    private static int status(Client c, byte[] csv) {
        try {
            return c.uploadApi("x.csv", csv).statusCode();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
