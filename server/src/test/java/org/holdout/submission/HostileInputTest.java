package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a careless or hostile student or TA sends: each answer names the mistake and is never a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    TestServer server;
    Client ann;
    Client staff;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "100"));
        ann = server.login("ann", Role.STUDENT);
        staff = server.login("ta", Role.STAFF);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static HttpRequest.BodyPublisher body(String s) {
        return HttpRequest.BodyPublishers.ofString(s);
    }

    @Nested
    class MalformedMultipart {
        private static final String TRUNCATED = "--xyz\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"a.csv\"\r\n\r\nId,Pred";

        @Test
        void aMultipartBodyWithoutItsBoundaryIsA400ThatSaysSo() throws Exception {
            HttpResponse<String> r = ann.api("POST", "/api/submissions", ann.token, body("Id,Predicted\n0,1\n"),
                    "multipart/form-data");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("multipart/form-data body could not be read", "boundary");
        }

        @Test
        void aFileNameTooLongForAPartHeaderIsA400ThatSuggestsRenamingIt() throws Exception {
            HttpResponse<String> r = ann.uploadApi("a".repeat(3000) + ".csv", TinyCompetition.submission(2));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("is the file name very long?");
        }

        @Test
        void aTruncatedMultipartBodyIsA400OnTheApiTheFormAndTheStaffRoutes() throws Exception {
            String type = "multipart/form-data; boundary=xyz";
            HttpResponse<String> api = ann.api("POST", "/api/submissions", ann.token, body(TRUNCATED), type);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
            assertThat(api.body()).contains("could not be read");

            ann.get("/submit");
            HttpResponse<String> form = ann.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/submit"))
                    .header("Content-Type", type).POST(body(TRUNCATED)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).as(form.body()).isEqualTo(400);
            assertThat(form.body()).contains("could not be read").doesNotContain("Something went wrong");

            HttpResponse<String> baseline = staff.api("POST", "/api/staff/baselines/simple", staff.token,
                    body(TRUNCATED), type);
            assertThat(baseline.statusCode()).as(baseline.body()).isEqualTo(400);
            HttpResponse<String> staffForm = staff.api("POST", "/staff/thresholds/simple", staff.token,
                    body(TRUNCATED), type);
            assertThat(staffForm.statusCode()).as(staffForm.body()).isEqualTo(400);
        }

        @Test
        void anUnreadableFormIsA400OnTheLoginFormAndOnPageFormsCalledWithAToken() throws Exception {
            String type = "multipart/form-data; boundary=xyz";
            HttpResponse<String> login = new Client(server.url()).api("POST", "/login", null, body("junk"), type);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(400);
            assertThat(login.body()).contains("could not be read").doesNotContain("Something went wrong");
            HttpResponse<String> badName = new Client(server.url()).api("POST", "/login", null,
                    body("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\n<b>.csv\"\r\n\r\n"
                            + "\r\n--xyz--\r\n"), type);
            assertThat(badName.statusCode()).as(badName.body()).isEqualTo(400);
            for (String path : new String[] {"/staff/deadline", "/staff/settings", "/staff/exclusions",
                    "/staff/thresholds", "/staff/training", "/staff/competitions/new", "/c/tiny/staff/rescore/x/apply"}) {
                HttpResponse<String> r = staff.api("POST", path, staff.token, body("junk"), type);
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
                assertThat(r.body()).as(path).contains("could not be read");
            }
            HttpResponse<String> selection = ann.api("POST", "/submissions/selection", ann.token, body("junk"), type);
            assertThat(selection.statusCode()).as(selection.body()).isEqualTo(400);
        }
    }

    @Nested
    class JsonBodies {
        @Test
        void aJsonBodySavedWithAByteOrderMarkIsReadLikeOneWithout() throws Exception {
            long id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ann.uploadApi("bom.csv",
                    TinyCompetition.submission(31)).body()).path("submission").path("id").asLong();
            HttpResponse<String> selection = ann.api("PUT", "/api/selection", ann.token,
                    body("\uFEFF{\"submissions\": [" + id + "]}"), "application/json");
            assertThat(selection.statusCode()).as(selection.body()).isEqualTo(200);
            assertThat(selection.body()).contains("\"submissions\":[" + id + "]");
            assertThat(ann.api("PUT", "/api/selection", ann.token, body("{\"submissions\": []}"), "application/json")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> settings = staff.api("PUT", "/api/staff/c/tiny/settings", staff.token,
                    body("\uFEFF{\"reason\": \"saved from Notepad\"}"), "application/json");
            assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        }

        @Test
        void aBodyThatIsNotJsonIsToldWhereItBreaks() throws Exception {
            HttpResponse<String> selection = ann.api("PUT", "/api/selection", ann.token,
                    body("{\"submissions\": [1, 2],}"), "application/json");
            assertThat(selection.statusCode()).isEqualTo(400);
            assertThat(selection.body()).contains("Send a JSON object like", "The body is not JSON: unexpected"
                    + " character", "at line 1, column 24.");
            String[][] calls = {{"PUT", "/api/staff/deadline"}, {"PUT", "/api/staff/settings"},
                    {"POST", "/api/staff/exclusions"}, {"PUT", "/api/staff/thresholds/simple"},
                    {"DELETE", "/api/staff/thresholds/simple"}, {"POST", "/api/staff/competitions"},
                    {"POST", "/api/staff/rescore/0123456789abcdef0123456789abcdef/apply"}};
            for (String[] call : calls) {
                HttpResponse<String> r = staff.api(call[0], call[1], staff.token, body("{\"reason\": \"unfinished"),
                        "application/json");
                assertThat(r.statusCode()).as(call[1]).isEqualTo(400);
                assertThat(r.body()).as(call[1]).contains("The body is not JSON: unexpected end-of-input", "at line 1,"
                        + " column 23.").doesNotContain("java", "Source:");
            }
            HttpResponse<String> twice = staff.api("PUT", "/api/staff/thresholds/simple", staff.token,
                    body("{\"public\": 0.5, \"private\": 0.5, \"public\": 0.6}"), "application/json");
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("The body is not JSON: duplicate field 'public' at line 1, column 41.");
            HttpResponse<String> shape = staff.api("PUT", "/api/staff/deadline", staff.token, body("[1, 2]"),
                    "application/json");
            assertThat(shape.body()).as("JSON of another shape gets the example only").doesNotContain("not JSON");
        }
    }

    @Nested
    class LoginRedirect {
        private String locationAfterLogin(String next) throws Exception {
            Client c = new Client(server.url());
            c.get("/login");
            HttpResponse<String> r = c.postForm("/login", Map.of("username", "ann", "password", "password-ann",
                    "next", next), true);
            assertThat(r.statusCode()).isEqualTo(302);
            return r.headers().firstValue("Location").orElseThrow();
        }

        @Test
        void aNextAddressThatBrowsersWouldTurnIntoAnotherSiteGoesToTheOverview() throws Exception {
            for (String next : new String[] {"/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
                    "/ /evil.example", "//evil.example", "/\\evil.example", "https://evil.example"}) {
                assertThat(locationAfterLogin(next)).as(next).isIn("/", server.url() + "/");
            }
        }

        @Test
        void aNextAddressOnThisSiteIsKept() throws Exception {
            assertThat(locationAfterLogin("/submissions?sort=time")).endsWith("/submissions?sort=time");
        }
    }

    @Nested
    class StaffBaselines {
        private HttpResponse<String> setForm(String tier, String pub, String priv) throws Exception {
            staff.get("/staff");
            Client.Multipart mp = new Client.Multipart().field("_csrf", staff.csrf()).file("file", "", new byte[0])
                    .field("public", pub).field("private", priv);
            return staff.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/staff/thresholds/" + tier))
                    .header("Content-Type", mp.contentType()).POST(mp.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> put(String tier, String json) throws Exception {
            return staff.api("PUT", "/api/staff/baselines/" + tier, staff.token, body(json), "application/json");
        }

        private String scores(String tier) throws Exception {
            return staff.apiGet("/api/staff/baselines").body().replaceAll(".*\\{\"tier\":\"" + tier
                    + "\",(\"public\":[^,]*,\"private\":[^,]*),.*", "$1");
        }

        @Test
        void theSetButtonWithNoFileAndNoScoresChangesNothingAndSaysSo() throws Exception {
            assertThat(setForm("medium", "0.71", "0.7").statusCode()).isEqualTo(303);
            HttpResponse<String> empty = setForm("medium", "", "");
            assertThat(empty.statusCode()).isEqualTo(422);
            assertThat(empty.body()).contains("Nothing was changed for the threshold medium")
                    .doesNotContain("is saved");
            assertThat(scores("medium")).isEqualTo("\"public\":0.71,\"private\":0.7");
        }

        @Test
        void aBadTypedScoreNamesTheBaseline() throws Exception {
            HttpResponse<String> r = setForm("strong", "0,81", "0.8");
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("The threshold strong was not set: the public score &quot;0,81&quot; is not"
                    + " a number.");
        }

        @Test
        void aPutWithAMisspelledOrMissingFieldIsRefusedAndKeepsTheScores() throws Exception {
            assertThat(put("boss", "{\"public\":0.9,\"private\":0.88}").statusCode()).isEqualTo(200);
            HttpResponse<String> typo = put("boss", "{\"Public\":0.5,\"private\":0.5}");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(typo.body()).contains("unknown field \\\"Public\\\"");
            HttpResponse<String> half = put("boss", "{\"public\":0.5}");
            assertThat(half.statusCode()).isEqualTo(400);
            assertThat(half.body()).contains("\\\"private\\\" is missing");
            assertThat(put("boss", "{}").statusCode()).isEqualTo(400);
            assertThat(scores("boss")).isEqualTo("\"public\":0.9,\"private\":0.88");
            assertThat(put("boss", "{\"public\":0.91,\"private\":null}").statusCode()).isEqualTo(200);
            assertThat(scores("boss")).isEqualTo("\"public\":0.91,\"private\":null");
        }
    }

    @Nested
    class Headers {
        private HttpResponse<String> withAuthorization(String value) throws Exception {
            return new Client(server.url()).http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/submissions")).header("Authorization", value).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void aTokenSentWithTheWrongSchemeIsToldTheRightOne() throws Exception {
            HttpResponse<String> r = withAuthorization("Token " + ann.token);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("must be 'Bearer <token>'", "starts with 'Token'")
                    .doesNotContain(ann.token);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(withAuthorization("Basic YW5uOnB3LWFubg==").body()).contains("starts with 'Basic'");
        }

        @Test
        void aCompressedUploadIsA415NotAGarbledRefusal() throws Exception {
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
                out.write(TinyCompetition.submission(4));
            }
            HttpResponse<String> r = ann.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/submissions"))
                    .header("Authorization", "Bearer " + ann.token).header("Content-Type", "text/csv")
                    .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
            assertThat(r.body()).contains("Content-Encoding gzip is not supported");
        }

        @Test
        void aGzippedOrZippedCsvUploadedAsAFileIsA415ThatSaysUncompressItNotANotUtf8Refusal() throws Exception {
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
                out.write(TinyCompetition.submission(4));
            }
            java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
                out.putNextEntry(new java.util.zip.ZipEntry("submission.csv"));
                out.write(TinyCompetition.submission(4));
                out.closeEntry();
            }
            HttpResponse<String> api = ann.uploadApi("submission.csv.gz", gz.toByteArray());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(415);
            assertThat(api.body()).contains("submission.csv.gz", "is a gzip archive, not a CSV",
                    "upload the .csv file itself").doesNotContain("UTF-8");

            HttpResponse<String> form = ann.uploadForm("submission.zip", zip.toByteArray());
            assertThat(form.statusCode()).as(form.body()).isEqualTo(415);
            assertThat(form.body()).contains("is a zip archive, not a CSV");

            HttpResponse<String> raw = ann.uploadRaw(gz.toByteArray());
            assertThat(raw.statusCode()).as(raw.body()).isEqualTo(415);
            assertThat(raw.body()).contains("is a gzip archive");
            assertThat(ann.apiGet("/api/submissions").body()).doesNotContain("archive", "UTF-8");
        }

        @Test
        void aJsonBodyOnTheUploadApiIsA400ThatNamesTheFormats() throws Exception {
            HttpResponse<String> r = ann.api("POST", "/api/submissions", ann.token, body("{\"file\":\"x\"}"),
                    "application/json");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("multipart field 'file' or as a text/csv body, not as application/json");
        }
    }

    @Test
    void theAccountPageShowsStaffTheStaffApiNotAStudentUploadThatWouldBeRefused() throws Exception {
        String forStaff = staff.get("/account").body();
        assertThat(forStaff).contains("./holdout baseline submit --server <span>" + server.url() + "</span>")
                .doesNotContain("-F file=@submission.csv");
        String forStudent = ann.get("/account").body();
        assertThat(forStudent).contains("-F file=@submission.csv <span>" + server.url() + "</span>/api/submissions")
                .doesNotContain("baseline submit");
    }

    @Nested
    class Logout {
        @Test
        void loggingOutAfterTheSessionEndedGoesToTheLoginPage() throws Exception {
            Client c = new Client(server.url());
            c.login("ann", "password-ann");
            c.get("/account");
            String csrf = c.csrf();
            assertThat(c.postForm("/logout", Map.of(), true).statusCode()).isEqualTo(302);
            HttpResponse<String> again = c.postForm("/logout", Map.of("_csrf", csrf), false);
            assertThat(again.statusCode()).isEqualTo(302);
            assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }

        @Test
        void aForeignSiteStillCannotLogAStudentOut() throws Exception {
            Client c = new Client(server.url());
            c.login("ann", "password-ann");
            assertThat(c.postForm("/logout", Map.of(), false).statusCode()).isEqualTo(403);
            assertThat(c.get("/submissions").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class SubmitPage {
        private String resultCard(HttpResponse<String> r) {
            int start = r.body().indexOf("id=\"result\"");
            assertThat(start).as(r.body()).isPositive();
            return r.body().substring(start, r.body().indexOf("</section>", start));
        }

        @Test
        void aScoredUploadLeadsOnToTheLeaderboardAndMySubmissions() throws Exception {
            String card = resultCard(ann.follow(ann.uploadForm("week 1 <final>.csv",
                    TinyCompetition.submission(8))));
            assertThat(card).contains("week 1 &lt;final&gt;.csv", "href=\"/leaderboard\"", "href=\"/submissions\"");
        }

        private HttpResponse<String> formWithoutAFile(String referer) throws Exception {
            ann.get("/submit");
            Client.Multipart mp = new Client.Multipart().field("_csrf", ann.csrf());
            return ann.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/submit"))
                    .header("Content-Type", mp.contentType()).header("Referer", referer).POST(mp.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void anErrorPageAfterAFormLinksBackToThatFormButNeverToAnotherSite() throws Exception {
            HttpResponse<String> r = formWithoutAFile(server.url() + "/submit");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("<a href=\"/submit\" id=\"back\">");
            assertThat(formWithoutAFile("https://evil.example/submit").body()).doesNotContain("id=\"back\"");
            assertThat(formWithoutAFile(server.url() + "//evil.example/").body()).doesNotContain("id=\"back\"");
        }

        @Test
        void aRefusedUploadNamesTheFileItRefused() throws Exception {
            String card = resultCard(ann.follow(ann.uploadForm("ids-from-one.csv",
                    TinyCompetition.missingId())));
            assertThat(card).contains("File refused", "ids-from-one.csv", "missing Id 7");
        }
    }

    @Nested
    class OddRequests {
        @Test
        void aGetOnAFormOnlyAddressIsA405ThatNamesTheMethod() throws Exception {
            HttpResponse<String> page = ann.get("/logout");
            assertThat(page.statusCode()).isEqualTo(405);
            assertThat(page.body()).contains("POST");
            HttpResponse<String> api = ann.api("GET", "/api/staff/reveal", staff.token, HttpRequest.BodyPublishers.noBody(),
                    null);
            assertThat(api.statusCode()).isEqualTo(405);
            assertThat(api.body()).contains("\"status\":405");
        }

        @Test
        void forwardedHeadersAreTrustedOnlyWhenTheServerIsConfiguredBehindAProxy(@TempDir Path other) throws Exception {
            HttpRequest viaTls = HttpRequest.newBuilder(URI.create(server.url() + "/login"))
                    .header("X-Forwarded-Proto", "https").build();
            assertThat(new Client(server.url()).http.send(viaTls, HttpResponse.BodyHandlers.ofString()).headers()
                    .allValues("Set-Cookie"))
                    .isNotEmpty().noneMatch(c -> c.contains("Secure"));
            try (TestServer proxied = new TestServer(other, Map.of("behind.proxy", "true"))) {
                HttpRequest forwarded = HttpRequest.newBuilder(URI.create(proxied.url() + "/login"))
                        .header("X-Forwarded-Proto", "https").build();
                assertThat(new Client(proxied.url()).http.send(forwarded, HttpResponse.BodyHandlers.ofString()).headers()
                        .allValues("Set-Cookie")).isNotEmpty().allMatch(c -> c.contains("Secure"));
            }
        }

        @Test
        void aPageThatDoesNotExistStillShowsWhoIsLoggedIn() throws Exception {
            HttpResponse<String> page = ann.get("/no-such-page");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains(">ANN<", "Log out").doesNotContain(">Log in<");
            HttpResponse<String> anonymous = new Client(server.url()).get("/no-such-page");
            assertThat(anonymous.statusCode()).isEqualTo(404);
            assertThat(anonymous.body()).contains(">Log in<").doesNotContain("ANN");
        }

        @Test
        void aHeadRequestAnswersLikeItsGetWithoutABody() throws Exception {
            HttpResponse<String> head = ann.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/leaderboard"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            HttpResponse<String> anonymous = new Client(server.url()).http.send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/leaderboard")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }

        @Test
        void aSlugTypedInCapitalsLeadsToTheCompetitionAndTheApiSaysTheSlugIsLowercase() throws Exception {
            HttpResponse<String> page = ann.get("/c/Tiny/leaderboard?board=public");
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValue("/c/tiny/leaderboard?board=public");
            assertThat(ann.get("/c/TINY").headers().firstValue("Location")).hasValue("/c/tiny");
            HttpResponse<String> api = ann.apiGet("/api/c/TINY/leaderboard");
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.body()).contains("There is no competition \\\"TINY\\\"; addresses use the lowercase slug:"
                    + " tiny.");
            assertThat(ann.get("/c/nope/leaderboard").statusCode()).isEqualTo(404);
        }

        @Test
        void aNoticeTakesOnlyAnIdOrACountFromTheAddressNotWordsSomeoneElseWrote() throws Exception {
            String words = "%20of%20ann%3B%20her%20grades%20are%20void%2C%20write%20to%20evil%40example.com";
            assertThat(staff.get("/staff/exclusions?done=excluded-7" + words).body()).doesNotContain("evil@example.com",
                    "Excluded (exclusion");
            assertThat(staff.get("/staff/exclusions?done=lifted-7").body()).contains("Lifted exclusion 7.");
            assertThat(staff.get("/staff/settings?saved=3" + words).body()).doesNotContain("evil@example.com", "Saved:");
            assertThat(staff.get("/staff/settings?saved=3").body()).contains("Saved: 3 change(s)");
        }

        @Test
        void aStaticPathThatClimbsOutIsA404NotA500() throws Exception {
            for (String path : new String[] {"/static/%2e%2e/templates/login.html", "/static/..%2ftemplates/login.html",
                    "/static/%2e%2e/%2e%2e/db/migration/V1__competition_accounts_submissions.sql"}) {
                HttpResponse<String> r = new Client(server.url()).get(path);
                assertThat(r.statusCode()).as(path).isIn(400, 404);
                assertThat(r.body()).as(path).doesNotContain("th:", "CREATE TABLE");
            }
            assertThat(new Client(server.url()).get("/static/style.css").statusCode()).isEqualTo(200);
        }
    }
}
