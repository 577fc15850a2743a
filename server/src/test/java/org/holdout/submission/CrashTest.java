package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.ServerProcess;
import org.holdout.testing.TestDatabase;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 201 is a promise: a real {@code holdout serve} process takes concurrent uploads and is killed with SIGKILL at
 * several points; after each restart every answered submission is there with its id and score, and none is left
 * {@code received}.
 */
@Tag("slow")
class CrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STUDENTS = 3;
    private static final int UPLOADS_EACH = 15;

    /** When the kill comes: this many ms after the last answer, or (negative) once this many uploads were answered. */
    private static final long[] KILL_POINTS = {50, 0, -20, -1};

    record Promise(String token, double publicScore) {
    }

    @Test
    void everyAnsweredUploadSurvivesKillNineAtSeveralPointsAndNothingStaysReceived(@TempDir Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(TestDatabase.settings(dir));
        settings.put("data.dir", dir.toString());
        settings.put("daily.limit", "1000");
        settings.put("uploads.in.flight.per.student", String.valueOf(UPLOADS_EACH));
        settings.put("time.zone", "UTC");
        settings.put("rules.file", dir.resolve("no-rules.md").toString());
        List<String> tokens = new ArrayList<>();
        try (TestServer setup = new TestServer(dir, settings)) {
            for (int i = 0; i < STUDENTS; i++) {
                tokens.add(setup.login("crash" + i, Role.STUDENT).token);
            }
        }
        Map<Long, Promise> promised = new HashMap<>();
        Set<Long> everyId = new HashSet<>();
        long seed = 0;
        for (long killPoint : KILL_POINTS) {
            try (ServerProcess server = ServerProcess.start(dir, settings)) {
                assertAllKept(server, tokens, promised, everyId);
                ExecutorService pool = Executors.newFixedThreadPool(STUDENTS * UPLOADS_EACH);
                AtomicInteger answered = new AtomicInteger();
                CompletableFuture<?> enough = new CompletableFuture<>();
                List<CompletableFuture<Void>> uploads = new ArrayList<>();
                for (String token : tokens) {
                    for (int u = 0; u < UPLOADS_EACH; u++) {
                        byte[] csv = TinyCompetition.submission(seed++);
                        uploads.add(CompletableFuture.runAsync(() -> {
                            try {
                                Client c = new Client(server.url);
                                c.token = token;
                                HttpResponse<String> r = c.uploadApi("crash.csv", csv);
                                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                                JsonNode s = JSON.readTree(r.body()).get("submission");
                                synchronized (promised) {
                                    long id = s.get("id").asLong();
                                    assertThat(everyId.add(id)).as("id %d answered twice", id).isTrue();
                                    promised.put(id, new Promise(token, s.get("publicScore").asDouble()));
                                }
                                if (killPoint < 0 && answered.incrementAndGet() >= -killPoint) {
                                    enough.complete(null);
                                }
                            } catch (java.io.IOException e) {
                                // the server was killed while this upload waited: no promise was made
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, pool));
                    }
                }
                if (killPoint < 0) {
                    enough.get(120, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get();
                    Thread.sleep(killPoint);
                }
                server.kill();
                CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get();
                pool.shutdown();
            }
        }
        try (ServerProcess server = ServerProcess.start(dir, settings)) {
            assertAllKept(server, tokens, promised, everyId);
        }
        assertThat(promised).hasSizeGreaterThan(2 * STUDENTS * UPLOADS_EACH);
    }

    /** Every promised submission is listed with its score; nothing is {@code received}; no id is new to us twice. */
    private static void assertAllKept(ServerProcess server, List<String> tokens, Map<Long, Promise> promised,
                                      Set<Long> everyId) throws Exception {
        Map<Long, Double> listed = new HashMap<>();
        for (String token : tokens) {
            Client c = new Client(server.url);
            c.token = token;
            HttpResponse<String> r = c.apiGet("/api/submissions");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            for (JsonNode s : JSON.readTree(r.body()).get("submissions")) {
                long id = s.get("id").asLong();
                assertThat(s.get("state").asText()).as("submission %d after a restart (server said:%n%s)", id,
                        server.output()).isNotEqualTo("received");
                listed.put(id, s.get("publicScore").isNull() ? null : s.get("publicScore").asDouble());
                Promise p = promised.get(id);
                if (p != null) {
                    assertThat(p.token()).as("submission %d belongs to the student it was promised to", id)
                            .isEqualTo(token);
                }
                everyId.add(id);
            }
        }
        for (Map.Entry<Long, Promise> e : promised.entrySet()) {
            assertThat(listed).as("submission %d was answered 201, then the server was killed", e.getKey())
                    .containsEntry(e.getKey(), e.getValue().publicScore());
        }
    }
}
