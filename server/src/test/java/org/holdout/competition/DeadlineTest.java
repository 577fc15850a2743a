package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever staff type as a deadline is taken or answered 400 with what is wrong, never a 500. */
class DeadlineTest {

    private static HttpResponse<String> put(Client ta, String json) throws Exception {
        return ta.api("PUT", "/api/staff/deadline", ta.token, HttpRequest.BodyPublishers.ofString(
                "{\"deadline\":" + json + "}"), "application/json");
    }

    @Test
    void deadlinesOutsideTheYears1970To9999OrNotATimeAreA400SayingSo(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Map<String, String> refused = Map.of(
                    "\"+999999999-12-31T23:59:59Z\"", "after the year 9999 (in Asia/Taipei)",
                    "\"-999999999-01-01T00:00:00Z\"", "before the year 1970",
                    "\"+10000-01-01T00:00\"", "after the year 9999",
                    "\"9999-12-31T23:59:59-18:00\"", "after the year 9999",
                    "\"1969-12-31T15:59:59Z\"", "before the year 1970",
                    "\"0000-01-01T00:00:00+18:00\"", "before the year 1970",
                    "\"2026-02-30T12:00\"", "is not a time like",
                    "\"" + "9".repeat(5000) + "\"", "is not a time like",
                    "12345", "must be a string",
                    "{}", "must be a string");
            for (var e : refused.entrySet()) {
                HttpResponse<String> r = put(ta, e.getKey());
                assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
                assertThat(r.body()).as(e.getKey()).contains(e.getValue()).hasSizeLessThan(400);
            }
            assertThat(server.competition().deadline()).as("nothing was saved").isNull();

            HttpResponse<String> form = ta.postForm("/staff/deadline",
                    Map.of("deadline", "+999999999-12-31T23:59"), true);
            assertThat(form.statusCode()).isEqualTo(400);
            assertThat(form.body()).contains("after the year 9999", "1970 to 9999");
            assertThat(ta.postForm("/staff/deadline", Map.of("deadline", "12/31/2026"), true).statusCode())
                    .isEqualTo(400);
            assertThat(server.competition().deadline()).isNull();
        }
    }

    @Test
    void theDeadlineRoutesKeepItAtOrBeforeTheCodeDeadlineSetFirst(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.api("PUT", "/api/staff/settings", ta.token, HttpRequest.BodyPublishers.ofString(
                    "{\"codeDeadline\": \"2026-03-07T23:59\"}"), "application/json").statusCode()).isEqualTo(200);
            HttpResponse<String> api = put(ta, "\"2026-03-10T23:59\"");
            assertThat(api.statusCode()).as(api.body()).isEqualTo(409);
            assertThat(api.body()).contains("The deadline 2026-03-10 23:59 GMT+8 is after the code deadline"
                    + " 2026-03-07 23:59 GMT+8; move the code deadline first");
            HttpResponse<String> form = ta.postForm("/staff/deadline", Map.of("deadline", "2026-03-10T23:59"), true);
            assertThat(form.statusCode()).isEqualTo(409);
            assertThat(form.body()).contains("is after the code deadline");
            assertThat(server.competition().deadline()).as("nothing was saved").isNull();
            assertThat(put(ta, "\"2026-03-07T23:59\"").statusCode()).as("the same moment is fine").isEqualTo(200);
        }
    }

    @Test
    void theLastAndFirstYearsAreTakenAndEveryPageShowsThem(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(put(ta, "\"9999-12-31T23:59:59+08:00\"").statusCode()).isEqualTo(200);
            assertThat(server.competition().deadline()).isEqualTo(Instant.parse("9999-12-31T15:59:59Z"));
            for (String page : new String[] {"/", "/submit", "/submissions"}) {
                assertThat(ann.get(page).statusCode()).as(page).isEqualTo(200);
            }
            assertThat(ann.apiGet("/api/submissions").statusCode()).isEqualTo(200);
            assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ta.get("/staff").body()).contains("value=\"9999-12-31T23:59:59\"");

            var form = ta.postForm("/staff/deadline", Map.of("deadline", "1970-01-01T00:00"), true);
            assertThat(form.statusCode()).isEqualTo(303);
            assertThat(server.competition().deadline()).isEqualTo(Instant.parse("1969-12-31T16:00:00Z"));
            assertThat(ann.get("/submit").body()).contains("closed");
        }
    }
}
