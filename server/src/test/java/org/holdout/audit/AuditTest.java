package org.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff actions land in the audit log with who, when and what; students never see it. */
class AuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deadlineAndRevealAreAuditedWithTheirActorAndOnlyStaffReadTheLog(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(JSON.readTree(ta.apiGet("/api/staff/audit").body())).isEmpty();

            server.clock.set(Instant.parse("2026-03-10T12:00:00Z"));
            HttpResponse<String> r = ta.api("PUT", "/api/staff/deadline", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"deadline\":\"2026-03-10T11:00:00Z\"}"), "application/json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ta.postForm("/staff/reveal", Map.of(), true).statusCode()).isEqualTo(303);
            assertThat(ta.postForm("/staff/reveal", Map.of(), true).statusCode()).as("clicked twice").isEqualTo(303);
            assertThat(ta.api("POST", "/api/staff/reveal", ta.token, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).as("and from a script").isEqualTo(200);

            JsonNode log = JSON.readTree(ta.apiGet("/api/staff/audit").body());
            assertThat(log).as("one reveal happened").hasSize(2);
            assertThat(log.get(0).get("action").asText()).isEqualTo("reveal");
            assertThat(log.get(1).get("action").asText()).isEqualTo("deadline");
            assertThat(log.get(1).get("detail").asText()).contains("none", "2026-03-10T11:00:00Z");
            for (JsonNode e : log) {
                assertThat(e.get("actor").asText()).isEqualTo("ta");
                assertThat(Instant.parse(e.get("at").asText())).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
            }
            HttpResponse<String> page = ta.get("/staff/audit");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("private scores revealed to students", "ta");
            assertThat(ta.get("/staff").body()).contains("/staff/audit");

            assertThat(ann.apiGet("/api/staff/audit").statusCode()).isIn(403, 404);
            HttpResponse<String> studentPage = ann.get("/staff/audit");
            assertThat(studentPage.statusCode()).isIn(403, 404);
            assertThat(studentPage.body()).doesNotContain("private scores revealed");
        }
    }

    @Test
    void thresholdsDeadlineAndRevealKeepTheReasonStaffGive(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            server.clock.set(Instant.parse("2026-03-10T12:00:00Z"));
            assertThat(ta.api("PUT", "/api/staff/thresholds/simple", ta.token, HttpRequest.BodyPublishers.ofString(
                    "{\"public\": 0.6, \"private\": 0.61, \"reason\": 7}"), "application/json").statusCode())
                    .isEqualTo(400);
            HttpResponse<String> typed = ta.api("PUT", "/api/staff/c/tiny/thresholds/simple", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\": 0.6, \"private\": 0.61, \"reason\":"
                            + " \"last year's baseline\"}"), "application/json");
            assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
            ta.get("/staff");
            assertThat(ta.postForm("/staff/thresholds/medium", Map.of("public", "0.7", "private", "0.71", "reason",
                    "typed by hand"), true).statusCode()).isEqualTo(303);
            HttpResponse<String> removed = ta.api("DELETE", "/api/staff/thresholds/strong", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"reason\": \"not this year\"}"), "application/json");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
            HttpResponse<String> deadline = ta.api("PUT", "/api/staff/deadline", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"deadline\": \"2026-03-10T11:00:00Z\", \"reason\":"
                            + " \"as announced\"}"), "application/json");
            assertThat(deadline.statusCode()).as(deadline.body()).isEqualTo(200);
            assertThat(ta.api("POST", "/api/staff/reveal", ta.token, HttpRequest.BodyPublishers.ofString("[1]"),
                    "application/json").statusCode()).isEqualTo(400);
            HttpResponse<String> reveal = ta.api("POST", "/api/staff/reveal", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"reason\": \"grades are due\"}"), "application/json");
            assertThat(reveal.statusCode()).as(reveal.body()).isEqualTo(200);

            JsonNode log = JSON.readTree(ta.apiGet("/api/staff/audit").body());
            assertThat(log).hasSize(5);
            assertThat(log.get(0).get("action").asText()).isEqualTo("reveal");
            assertThat(log.get(0).get("reason").asText()).isEqualTo("grades are due");
            assertThat(log.get(1).get("action").asText()).isEqualTo("deadline");
            assertThat(log.get(1).get("reason").asText()).isEqualTo("as announced");
            assertThat(log.get(2).get("detail").asText()).contains("strong removed");
            assertThat(log.get(2).get("reason").asText()).isEqualTo("not this year");
            assertThat(log.get(3).get("detail").asText()).contains("medium", "0.71");
            assertThat(log.get(3).get("reason").asText()).isEqualTo("typed by hand");
            assertThat(log.get(4).get("action").asText()).isEqualTo("threshold");
            assertThat(log.get(4).get("detail").asText()).contains("simple", "0.61");
            assertThat(log.get(4).get("reason").asText()).isEqualTo("last year's baseline");
        }
    }

    @Test
    void aRefusedDeadlineLeavesNoEntry(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            HttpResponse<String> r = ta.api("PUT", "/api/staff/deadline", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"deadline\":\"not a time\"}"), "application/json");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(ta.postForm("/staff/reveal", Map.of(), true).statusCode()).as("no deadline yet").isEqualTo(409);
            assertThat(JSON.readTree(ta.apiGet("/api/staff/audit").body())).isEmpty();
        }
    }
}
