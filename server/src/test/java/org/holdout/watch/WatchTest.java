package org.holdout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.account.Account;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.Pngs;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff page that watches a competition's submissions, over real HTTP: filters by student, state and day (in the
 * competition's time zone), pages, the per-day counts and both charts, and no access for students.
 */
class WatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SCORE = 0x3b5bdb;
    private static final int REFUSED = 0xe03131;
    private static final int SIMPLE = 0x868e96;
    private static final Pattern ROW = Pattern.compile("<tr data-id=\"\\d+\">");

    private static int rows(String page) {
        Matcher m = ROW.matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String day(String page, String day) {
        int at = page.indexOf("data-day=\"" + day + "\"");
        assertThat(at).as("a row for " + day).isPositive();
        return page.substring(at, page.indexOf("</tr>", at)).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void staffFilterPageAndChartTheSubmissionsStudentsCannot(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "100"))) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            Client bob = server.login("bob", Role.STUDENT);
            assertThat(staff.get("/staff/submissions").body()).contains("0 of 0 submissions")
                    .doesNotContain("id=\"uploads-chart\"");

            assertThat(ann.uploadApi("a1.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("a2.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            assertThat(bob.uploadApi("b1.csv", TinyCompetition.submission(3)).statusCode()).isEqualTo(201);
            server.clock.advance(Duration.ofDays(1));
            assertThat(bob.uploadApi("b2.csv", TinyCompetition.submission(4)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("bad2.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            assertThat(staff.api("PUT", "/api/staff/thresholds/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\": 0.5, \"private\": 0.5}"), "application/json")
                    .statusCode()).isEqualTo(200);

            String all = staff.get("/staff/submissions").body();
            assertThat(all).contains("6 of 6 submissions · page 1 of 1", "id=\"uploads-chart\"", "id=\"best-chart\"");
            assertThat(rows(all)).isEqualTo(6);
            assertThat(day(all, "2026-03-01")).contains("2026-03-01 3 1 4");
            assertThat(day(all, "2026-03-02")).contains("2026-03-02 1 1 2");
            assertThat(rows(staff.get("/staff/submissions?student=ann").body())).isEqualTo(4);
            assertThat(rows(staff.get("/staff/submissions?state=refused").body())).isEqualTo(2);
            assertThat(rows(staff.get("/c/tiny/staff/submissions?day=2026-03-02").body())).isEqualTo(2);
            assertThat(rows(staff.get("/staff/submissions?student=bob&state=scored&day=2026-03-01").body()))
                    .isEqualTo(1);
            HttpResponse<String> bad = staff.get("/staff/submissions?state=pending&day=tomorrow");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("The state &quot;pending&quot; is not one of",
                    "The day &quot;tomorrow&quot; is not a date");
            HttpResponse<String> badApi = staff.apiGet("/api/staff/submissions?page=0");
            assertThat(badApi.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badApi.body()).path("error").asText()).contains("The page \"0\"");

            JsonNode api = JSON.readTree(staff.apiGet("/api/staff/submissions?student=ann&state=scored").body());
            assertThat(api.path("total").asInt()).isEqualTo(2);
            assertThat(api.path("submissions").findValuesAsText("fileName")).containsExactly("a2.csv", "a1.csv");
            assertThat(api.path("perDay")).hasSize(2);
            assertThat(api.path("perDay").get(0).path("scored").asInt()).isEqualTo(3);

            Account bobAccount = server.app.accounts().repository().byUsername("bob").orElseThrow();
            for (int i = 0; i < 50; i++) {
                server.app.submissions().submit(server.competition(), bobAccount, "many-" + i + ".csv",
                        TinyCompetition.submission(100 + i));
            }
            String first = staff.get("/staff/submissions").body();
            assertThat(first).contains("56 of 56 submissions · page 1 of 2", "id=\"next-page\"");
            assertThat(rows(first)).isEqualTo(50);
            String second = staff.get("/staff/submissions?page=2").body();
            assertThat(rows(second)).isEqualTo(6);
            assertThat(second).contains("id=\"previous-page\"").doesNotContain("id=\"next-page\"");
            assertThat(rows(staff.get("/staff/submissions?student=bob&page=2").body())).isEqualTo(2);
            assertThat(staff.get("/staff/submissions?student=bob").body()).contains(
                    "href=\"/staff/submissions?page=2&amp;student=bob\"");

            for (String path : new String[] {"/staff/submissions?page=99999999", "/c/tiny/staff/submissions?page=3",
                    "/staff/submissions?student=ann&page=2"}) {
                HttpResponse<String> past = staff.get(path);
                assertThat(past.statusCode()).as(path).isEqualTo(400);
                assertThat(past.body()).as(path).contains("There is no page ", "id=\"last-page\"")
                        .doesNotContain("id=\"watch-table\"");
                assertThat(rows(past.body())).as(path).isZero();
            }
            HttpResponse<String> pastBob = staff.get("/staff/submissions?student=bob&page=99999999");
            assertThat(pastBob.body()).contains("There is no page 99999999: the last page is 2 (52 submissions",
                    "href=\"/staff/submissions?page=2&amp;student=bob\"");
            for (String path : new String[] {"/api/staff/submissions?page=99999999",
                    "/api/staff/c/tiny/submissions?page=3"}) {
                HttpResponse<String> pastApi = staff.apiGet(path);
                assertThat(pastApi.statusCode()).as(path).isEqualTo(400);
                JsonNode error = JSON.readTree(pastApi.body());
                assertThat(error.path("status").asInt()).isEqualTo(400);
                assertThat(error.path("error").asText()).as(path).contains("the last page is 2 (56 submissions");
            }
            assertThat(JSON.readTree(staff.apiGet("/api/staff/submissions?page=2").body()).path("submissions"))
                    .hasSize(6);

            HttpResponse<byte[]> uploads = staff.getBytes("/staff/submissions/uploads.png");
            assertThat(uploads.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("image/png"));
            BufferedImage bars = Pngs.decode(uploads.body());
            assertThat(bars.getWidth()).isEqualTo(720);
            assertThat(pixels(bars, SCORE)).isGreaterThan(200);
            assertThat(pixels(bars, REFUSED)).isGreaterThan(20);
            BufferedImage best = Pngs.decode(staff.getBytes("/c/tiny/staff/submissions/best.png").body());
            assertThat(pixels(best, SCORE)).isGreaterThan(100);
            assertThat(pixels(best, SIMPLE)).as("the threshold line").isGreaterThan(100);

            for (String path : new String[] {"/staff/submissions", "/staff/submissions/uploads.png",
                "/staff/submissions/best.png", "/api/staff/submissions"}) {
                assertThat(ann.getBytes(path).statusCode()).as(path).isEqualTo(403);
            }
        }
    }

    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
