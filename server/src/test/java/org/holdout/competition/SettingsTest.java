package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A competition's settings: the staff page and API, validation, the audit log, the overview, and restarts. */
class SettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL = "{\"title\":\"Homework 3\",\"rulesMarkdown\":\"# Our rules\\n\\nAt most"
            + " {{daily_limit}} a day, counted in {{time_zone}}. <script>alert(1)</script> [x](javascript:alert(1))\","
            + "\"timeZone\":\"Europe/Berlin\",\"dailyLimit\":7,\"deadline\":\"2026-06-01T23:59\",\"finalSelections\":3,"
            + "\"reason\":\"course plan\"}";

    static HttpResponse<String> put(Client ta, String path, String json) throws Exception {
        return ta.api("PUT", path, ta.token, HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    @Test
    void theApiSavesEverySettingAuditsEachChangeAndTheOverviewShowsTheOwnRules(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            server.clock.set(Instant.parse("2026-03-02T00:00:00Z"));
            HttpResponse<String> r = put(ta, "/api/staff/settings", ALL);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode saved = JSON.readTree(r.body());
            assertThat(saved.path("title").asText()).isEqualTo("Homework 3");
            assertThat(saved.path("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(saved.path("dailyLimit").asInt()).isEqualTo(7);
            assertThat(saved.path("deadline").asText()).as("read in the zone the competition had: Asia/Taipei")
                    .isEqualTo("2026-06-01T15:59:00Z");
            assertThat(saved.path("finalSelections").asInt()).isEqualTo(3);
            assertThat(saved.path("changes")).hasSize(6);
            assertThat(ta.apiGet("/api/staff/c/tiny/settings").body()).isEqualTo(ta.apiGet("/api/staff/settings").body());

            JsonNode log = JSON.readTree(ta.apiGet("/api/staff/audit").body());
            assertThat(log).hasSize(6);
            Map<String, String> byAction = new LinkedHashMap<>();
            for (JsonNode e : log) {
                byAction.put(e.path("action").asText(), e.path("detail").asText());
                assertThat(e.path("reason").asText()).isEqualTo("course plan");
                assertThat(e.path("actor").asText()).isEqualTo("ta");
                assertThat(Instant.parse(e.path("at").asText())).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
            }
            assertThat(byAction).containsEntry("title", "title \"Tiny test competition\" -> \"Homework 3\"")
                    .containsEntry("time_zone", "time_zone Asia/Taipei -> Europe/Berlin")
                    .containsEntry("daily_limit", "daily_limit 5 -> 7")
                    .containsEntry("deadline", "deadline none -> 2026-06-01T15:59:00Z")
                    .containsEntry("final_selections", "final_selections 2 -> 3")
                    .containsKey("rules");

            String overview = ann.get("/").body();
            assertThat(overview).contains("Our rules", "At most 7 a day, counted in Europe/Berlin.",
                    "&lt;script&gt;").doesNotContain("<script>", "javascript:");
            assertThat(put(ta, "/api/staff/settings", "{\"dailyLimit\": 7}").body()).contains("\"changes\":[]");
            assertThat(JSON.readTree(ta.apiGet("/api/staff/audit").body())).as("no change, no entry").hasSize(6);

            HttpResponse<String> back = put(ta, "/api/staff/settings", "{\"rulesMarkdown\": null}");
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(ann.get("/").body()).doesNotContain("Our rules").contains("7");
        }
    }

    @Test
    void everyBadFieldIsA400NamingItAndNothingIsSaved(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            String before = ta.apiGet("/api/staff/settings").body();
            HttpResponse<String> r = put(ta, "/api/staff/settings", "{\"title\":\"Good title\",\"timeZone\":\"Mars/Base\","
                    + "\"dailyLimit\":0,\"deadline\":\"soon\",\"finalSelections\":21,\"colour\":\"red\","
                    + "\"rosterAdd\":[\"nobody\"]}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("status").asInt()).isEqualTo(400);
            assertThat(body.path("problems").path("colour").asText()).contains("\"colour\" is not a setting");
            r = put(ta, "/api/staff/settings", "{\"title\":\"Good title\",\"timeZone\":\"Mars/Base\",\"dailyLimit\":0,"
                    + "\"deadline\":\"soon\",\"finalSelections\":21,\"rosterAdd\":[\"nobody\"]}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode problems = JSON.readTree(r.body()).path("problems");
            assertThat(problems.path("timeZone").asText()).startsWith("The time zone \"Mars/Base\" is not one");
            assertThat(problems.path("dailyLimit").asText()).isEqualTo("The daily limit is 0; it must be from 1 to 100000.");
            assertThat(problems.path("deadline").asText()).startsWith("The deadline \"soon\" is not a time");
            assertThat(problems.path("finalSelections").asText()).contains("21", "1 to 20");
            assertThat(problems.path("rosterAdd").asText()).contains("no account is called \"nobody\"");
            assertThat(problems.has("title")).isFalse();
            assertThat(JSON.readTree(r.body()).path("error").asText()).contains("The daily limit is 0");
            assertThat(ta.apiGet("/api/staff/settings").body()).as("nothing saved, not even the good title")
                    .isEqualTo(before);
            assertThat(JSON.readTree(ta.apiGet("/api/staff/audit").body())).isEmpty();

            for (String bad : new String[] {"not json", "[1,2]", "{\"restricted\":\"yes\"}", "{\"title\":[1]}",
                    "{\"rosterAdd\":\"ann\"}"}) {
                HttpResponse<String> refused = put(ta, "/api/staff/settings", bad);
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(refused.body()).as(bad).contains("\"error\"");
            }
        }
    }

    @Test
    void thePageSavesShowsProblemsBesideTheFieldsKeepsWhatWasTypedAndPreviewsWithoutSaving(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.get("/staff").body()).contains("/staff/settings");
            HttpResponse<String> page = ta.get("/staff/settings");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("value=\"Tiny test competition\"", "value=\"Asia/Taipei\"", "the rules file of the server or");
            assertThat(page.body()).contains("<script src=\"/static/settings.js\" defer></script>", "id=\"preview-slot\"");
            HttpResponse<String> script = ta.get("/static/settings.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
            assertThat(script.body()).contains("getElementById('rules-preview')", "'preview', '1'");

            Map<String, String> form = new LinkedHashMap<>();
            form.put("title", "Renamed");
            form.put("rulesMarkdown", "# Preview me\r\n\r\n*{{daily_limit}}* uploads <b>bold</b>");
            form.put("timeZone", "UTC");
            form.put("dailyLimit", "3");
            form.put("deadline", "");
            form.put("finalSelections", "2");
            form.put("rosterAdd", "");
            form.put("reason", "");
            Map<String, String> preview = new LinkedHashMap<>(form);
            preview.put("preview", "1");
            HttpResponse<String> shown = ta.postForm("/staff/settings", preview, true);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).contains("id=\"rules-preview\"", "<h1>Preview me</h1>", "<em>5</em> uploads",
                    "&lt;b&gt;bold&lt;/b&gt;", "value=\"Renamed\"", "value=\"UTC\"");
            assertThat(server.competition().title()).as("a preview saves nothing").isEqualTo("Tiny test competition");

            Map<String, String> bad = new LinkedHashMap<>(form);
            bad.put("dailyLimit", "lots");
            bad.put("title", "");
            HttpResponse<String> refused = ta.postForm("/staff/settings", bad, true);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"problem-dailyLimit\"", "The daily limit &quot;lots&quot; is not a"
                    + " whole number", "id=\"problem-title\"", "The title is empty", "value=\"UTC\"", "value=\"lots\"",
                    "Preview me").doesNotContain("id=\"problem-timeZone\"");
            assertThat(server.competition().dailyLimit()).isEqualTo(5);

            HttpResponse<String> ok = ta.postForm("/staff/settings", form, true);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
            assertThat(ta.follow(ok).body()).contains("Saved: 4 change(s)");
            assertThat(server.competition().title()).isEqualTo("Renamed");
            assertThat(server.competition().dailyLimit()).isEqualTo(3);
            assertThat(server.competition().timeZone().getId()).isEqualTo("UTC");
            assertThat(server.competition().rulesMd()).isEqualTo("# Preview me\n\n*{{daily_limit}}* uploads <b>bold</b>");
            assertThat(ta.follow(ta.postForm("/staff/settings", form, true)).body()).contains("Nothing was changed.");
        }
    }

    /** The fields a browser sends for the settings form as {@code page} shows it, nothing changed. */
    private static Map<String, String> asShown(String page) {
        Map<String, String> form = new LinkedHashMap<>();
        java.util.regex.Matcher in = java.util.regex.Pattern.compile("<input([^>]*)>").matcher(page);
        while (in.find()) {
            String a = in.group(1);
            String name = attribute(a, "name");
            boolean box = a.contains("type=\"checkbox\"") || a.contains("type=\"radio\"");
            if (name != null && (!box || a.contains("checked"))) {
                String value = attribute(a, "value");
                form.put(name, value == null ? (box ? "on" : "") : value);
            }
        }
        java.util.regex.Matcher text = java.util.regex.Pattern.compile("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)"
                + "</textarea>").matcher(page);
        while (text.find()) {
            form.put(text.group(1), unescape(text.group(2)));
        }
        return form;
    }

    private static String attribute(String tag, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? unescape(m.group(1)) : null;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void aSecondTabSavesWhatItChangedAndKeepsWhatTheFirstSavedSinceItOpened(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Map<String, String> first = asShown(ta.get("/staff/settings").body());
            Map<String, String> second = asShown(ta.get("/staff/settings").body());
            assertThat(first).containsEntry("dailyLimit", "5").containsEntry("title", "Tiny test competition")
                    .doesNotContainKey("restricted");

            first.put("dailyLimit", "3");
            first.put("restricted", "on");
            first.put("rulesMarkdown", "# Rules of the first tab");
            assertThat(ta.postForm("/staff/settings", first, true).statusCode()).isEqualTo(303);
            second.put("title", "Homework 3");
            HttpResponse<String> r = ta.postForm("/staff/settings", second, true);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            assertThat(ta.follow(r).body()).contains("Saved: 1 change(s)");

            Competition c = server.competition();
            assertThat(c.title()).isEqualTo("Homework 3");
            assertThat(c.dailyLimit()).as("the first tab's limit").isEqualTo(3);
            assertThat(c.restricted()).as("the first tab's restriction").isTrue();
            assertThat(c.rulesMd()).isEqualTo("# Rules of the first tab");
        }
    }

    @Test
    void aReportRuleMustNameAThresholdTheCompetitionHas(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            HttpResponse<String> typo = put(ta, "/api/staff/settings", "{\"codeDeadline\": \"2026-06-01T23:59\","
                    + " \"reportRule\": \"passing:bos\"}");
            assertThat(typo.statusCode()).as(typo.body()).isEqualTo(400);
            assertThat(JSON.readTree(typo.body()).path("problems").path("reportRule").asText()).isEqualTo("The report"
                    + " rule names the threshold \"bos\", which this competition does not have; its thresholds are"
                    + " simple, medium, strong, boss.");
            assertThat(server.competition().codeDeadline()).as("nothing was saved").isNull();
            assertThat(put(ta, "/api/staff/settings", "{\"codeDeadline\": \"2026-06-01T23:59\", \"reportRule\":"
                    + " \"passing:boss\"}").statusCode()).isEqualTo(200);

            HttpResponse<String> removed = ta.api("DELETE", "/api/staff/thresholds/boss", ta.token,
                    HttpRequest.BodyPublishers.noBody(), null);
            assertThat(removed.statusCode()).as("the rule would name no threshold").isEqualTo(409);
            assertThat(removed.body()).contains("The report rule passing:boss names the threshold boss; change the"
                    + " report rule on the settings page first.");
            ta.get("/staff");
            HttpResponse<String> form = ta.postForm("/staff/thresholds/boss/remove", Map.of("reason", "x"), true);
            assertThat(form.statusCode()).isEqualTo(409);
            assertThat(form.body()).contains("Nothing was removed: The report rule passing:boss");
            assertThat(server.app.thresholds().all(server.competition().id())).anyMatch(t -> t.name().equals("boss"));
            assertThat(ta.api("DELETE", "/api/staff/thresholds/strong", ta.token, HttpRequest.BodyPublishers.noBody(),
                    null).statusCode()).as("another one goes").isEqualTo(204);
        }
    }

    @Test
    void theFormChecksAndSavesOnlyWhatWasChanged(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.addCompetition("zero", "Created with no uploads", 1);
            server.db.withConnection(c -> c.createStatement().executeUpdate(
                    "UPDATE competitions SET daily_limit = 0 WHERE slug = 'zero'"));
            Client ta = server.login("ta", Role.STAFF);
            assertThat(put(ta, "/api/staff/c/zero/settings", "{\"deadline\":\"2026-06-01T23:59:59.250+08:00\"}")
                    .statusCode()).isEqualTo(200);
            ta.get("/c/zero/staff/settings");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("title", "Renamed");
            form.put("rulesMarkdown", "");
            form.put("timeZone", "Asia/Taipei");
            form.put("dailyLimit", "0");
            form.put("deadline", "2026-06-01T23:59:59.250");
            form.put("finalSelections", "2");
            HttpResponse<String> r = ta.postForm("/c/zero/staff/settings", form, true);
            assertThat(r.statusCode()).as("a daily limit of 0 from an older version is left alone").isEqualTo(303);
            assertThat(ta.follow(r).body()).contains("Saved: 1 change(s)");
            assertThat(server.competition("zero").dailyLimit()).isZero();
            assertThat(server.competition("zero").deadline()).isEqualTo(Instant.parse("2026-06-01T15:59:59.250Z"));
        }
    }

    @Test
    void theDeadlineFormAndApiRecordThroughTheSameAuditedPath(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.api("PUT", "/api/staff/deadline", ta.token, HttpRequest.BodyPublishers.ofString(
                    "{\"deadline\":\"2026-06-01T00:00:00Z\"}"), "application/json").statusCode()).isEqualTo(200);
            assertThat(ta.postForm("/staff/deadline", Map.of("deadline", "2026-06-02T00:00"), true).statusCode())
                    .isEqualTo(303);
            JsonNode log = JSON.readTree(ta.apiGet("/api/staff/audit").body());
            assertThat(log).hasSize(2);
            assertThat(log.get(0).path("detail").asText())
                    .isEqualTo("deadline 2026-06-01T00:00:00Z -> 2026-06-01T16:00:00Z");
            assertThat(log.get(1).path("detail").asText()).isEqualTo("deadline none -> 2026-06-01T00:00:00Z");
        }
    }

    @Test
    void aRestartWithOtherConfigurationDefaultsChangesNoSetting(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(put(ta, "/api/staff/settings", ALL.substring(0, ALL.length() - 1)
                    + ",\"restricted\":true,\"rosterAdd\":[\"ann\"]}").statusCode()).isEqualTo(200);
            String before = ta.apiGet("/api/staff/settings").body();
            assertThat(ann.get("/").body()).contains("At most 7 a day, counted in Europe/Berlin.");

            server.restart(Map.of("daily.limit", "9", "time.zone", "America/New_York"));
            Client again = new Client(server.url());
            again.token = ta.token;
            assertThat(again.apiGet("/api/staff/settings").body()).isEqualTo(before);
            JsonNode after = JSON.readTree(before);
            assertThat(after.path("dailyLimit").asInt()).isEqualTo(7);
            assertThat(after.path("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(after.path("restricted").asBoolean()).isTrue();
            assertThat(after.path("roster").get(0).asText()).isEqualTo("ann");
            Client annAgain = new Client(server.url());
            annAgain.login("ann", "password-ann");
            assertThat(annAgain.get("/").body()).contains("Homework 3", "At most 7 a day, counted in Europe/Berlin.");
        }
    }
}
