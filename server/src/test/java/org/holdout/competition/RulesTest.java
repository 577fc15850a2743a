package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
    @Test
    void rulesMdIsRenderedAsMarkdownWithItsHtmlEscaped(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.md");
        Files.writeString(rules, "## House rules\n\nAt most **5** a day.\n\n<script>alert(1)</script>\n\n"
                + "[x](javascript:alert(2))\n");
        try (TestServer server = new TestServer(dir.resolve("s"), Map.of("rules.file", rules.toString()))) {
            String page = server.login("ann", Role.STUDENT).get("/").body();
            assertThat(page).contains("<h2>House rules</h2>", "<strong>5</strong>", "&lt;script&gt;")
                    .doesNotContain("<script>", "javascript:alert");
        }
    }

    @Test
    void withoutRulesMdTheBuiltInTextNamesTheLimitAndTheTimeZone(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            String page = server.login("ann", Role.STUDENT).get("/").body();
            assertThat(page).contains("At most <strong>3</strong> scored submissions per day", "Asia/Taipei");
        }
    }

    @Test
    void theOverviewShowsTheDeadlineAndTheDailyLimitNextToTheRules(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "4"))) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.get("/").body()).contains("not set yet", "4 scored uploads", "(days in Asia/Taipei)");
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.api("PUT", "/api/staff/deadline", ta.token, java.net.http.HttpRequest.BodyPublishers
                    .ofString("{\"deadline\":\"2026-03-08T23:59:00+08:00\"}"), "application/json").statusCode())
                    .isEqualTo(200);
            assertThat(ann.get("/").body()).contains("2026-03-08 23:59 GMT+8").doesNotContain("not set yet");
        }
    }

    @Test
    void theBuiltInRulesAreTheRepositorysRulesMd() throws Exception {
        try (var in = org.holdout.competition.CompetitionService.class.getResourceAsStream("rules.md")) {
            assertThat(in).as("rules.md in the server's jar").isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(Path.of("..", "rules.md")));
        }
    }

    @Test
    void theRulesNameThisCompetitionsDeadlineSelectionsThresholdsAndPoints(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "4"))) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.get("/").body()).contains("Uploads close at the deadline: <strong>not set yet</strong>."
                    + " Uploads after the deadline are refused.",
                    "At most <strong>4</strong> scored submissions per day; the count starts again at midnight (00:00)"
                            + " in the Asia/Taipei time zone", "mark up to <strong>2</strong> of your submissions",
                    "<li><strong>simple</strong>: 1 point on the public board, 1 point on the private board</li>",
                    "<li><strong>boss</strong>: 0.5 points on the public board, 0.5 points on the private board</li>",
                    "At most 6 points in all", "Every upload is kept byte for byte", "does <strong>not</strong> count")
                    .doesNotContain("{{");
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.api("PUT", "/api/staff/deadline", ta.token, java.net.http.HttpRequest.BodyPublishers
                    .ofString("{\"deadline\":\"2026-03-08T23:59:00+08:00\"}"), "application/json").statusCode())
                    .isEqualTo(200);
            String points = "{\"public\": null, \"private\": null, \"pointsPublic\": 2}";
            assertThat(ta.api("PUT", "/api/staff/thresholds/boss", ta.token, java.net.http.HttpRequest.BodyPublishers
                    .ofString(points), "application/json").statusCode()).isEqualTo(200);
            assertThat(ann.get("/").body()).contains(
                    "Uploads close at the deadline: <strong>2026-03-08 23:59 GMT+8 (Asia/Taipei)</strong>", "<li><strong>boss</strong>: 2 points on the public board", "At most 7.5 points");
        }
    }
}
