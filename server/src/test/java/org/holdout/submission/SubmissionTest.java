package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionState;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionTest {
    TestServer server;
    Client ann;
    Client ben;
    Client staff;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new TestServer(dir, Map.of("daily.limit", "100", "upload.max.bytes", "20000"));
        ann = server.login("ann", Role.STUDENT);
        ben = server.login("ben", Role.STUDENT);
        staff = server.login("boss", Role.STAFF);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Submission stored(long id) {
        return server.app.submissions().repository().byId(id).orElseThrow();
    }

    private static long id(HttpResponse<String> r) {
        var m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Nested
    class Api {
        @Test
        void aValidMultipartUploadIsStoredByteForByteAndScored() throws Exception {
            byte[] csv = TinyCompetition.submission(1);
            HttpResponse<String> r = ann.uploadApi("first.csv", csv);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"state\":\"scored\"", "\"fileName\":\"first.csv\"", "publicScoreText",
                    "submissionsLeftToday");
            Submission s = stored(id(r));
            assertThat(s.state()).isEqualTo(SubmissionState.SCORED);
            assertThat(s.publicAuc()).isBetween(0.0, 1.0);
            assertThat(s.privateAuc()).isNotNull();
            assertThat(r.body()).doesNotContain("private\":0", String.valueOf(s.privateAuc()));
            Path file = server.config.uploadDir().resolve(s.sha256().substring(0, 2)).resolve(s.sha256() + ".csv");
            assertThat(Files.readAllBytes(file)).isEqualTo(csv);
            assertThat(s.sizeBytes()).isEqualTo(csv.length);
        }

        @Test
        void aRawTextCsvBodyIsAccepted() throws Exception {
            HttpResponse<String> r = ann.uploadRaw(TinyCompetition.submission(2));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"fileName\":\"raw.csv\"");
        }

        @Test
        void anInvalidFileIsRefusedWithTheScorersMessageAndKept() throws Exception {
            byte[] bad = TinyCompetition.missingId();
            HttpResponse<String> r = ann.uploadApi("bad.csv", bad);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("\"error\":", "\"status\":422", "7");
            Submission s = stored(id(r));
            assertThat(s.state()).isEqualTo(SubmissionState.REFUSED);
            assertThat(s.message()).contains("7");
            assertThat(Files.exists(server.config.uploadDir().resolve(s.sha256().substring(0, 2))
                    .resolve(s.sha256() + ".csv"))).isTrue();
        }

        @Test
        void anUploadOverTheSizeLimitIsA413NeverA500() throws Exception {
            byte[] big = new byte[30000];
            java.util.Arrays.fill(big, (byte) '1');
            HttpResponse<String> raw = ann.uploadRaw(big);
            assertThat(raw.statusCode()).isEqualTo(413);
            assertThat(raw.body()).contains("\"status\":413", "larger than the limit");
            HttpResponse<String> multi = ann.uploadApi("big.csv", big);
            assertThat(multi.statusCode()).isEqualTo(413);
            HttpResponse<String> form = ann.uploadForm("big.csv", big);
            assertThat(form.statusCode()).isEqualTo(413);
            assertThat(form.body()).contains("File too large", "Log out").doesNotContain(">Log in<");
            byte[] huge = new byte[200_000];
            java.util.Arrays.fill(huge, (byte) '1');
            HttpResponse<String> hugeForm = ann.uploadForm("huge.csv", huge);
            assertThat(hugeForm.statusCode()).isEqualTo(413);
            assertThat(hugeForm.body()).as("the page still knows who is logged in")
                    .contains("File too large", "Log out").doesNotContain(">Log in<");
        }

        @Test
        void anEmptyOrMissingFileIsA400() throws Exception {
            HttpResponse<String> r = ann.api("POST", "/api/submissions", ann.token,
                    HttpRequest.BodyPublishers.noBody(), "text/csv");
            assertThat(r.statusCode()).isEqualTo(400);
            Client.Multipart mp = new Client.Multipart().field("other", "x");
            HttpResponse<String> m = ann.api("POST", "/api/submissions", ann.token, mp.publisher(), mp.contentType());
            assertThat(m.statusCode()).isEqualTo(400);
            assertThat(m.body()).contains("'file'");
        }
    }

    @Nested
    class Form {
        private long count() {
            return server.app.submissions().repository().ofStudent(server.competition().id(),
                    server.app.accounts().repository().byUsername("ann").orElseThrow().id()).size();
        }

        @Test
        void aValidFileThroughTheFormRedirectsToAPageWithItsPublicScoreAndReloadingItUploadsNothing()
                throws Exception {
            HttpResponse<String> r = ann.uploadForm("form.csv", TinyCompetition.submission(3));
            assertThat(r.statusCode()).isEqualTo(303);
            String location = r.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/submit?submission=");
            Submission s = stored(Long.parseLong(location.replaceAll(".*submission=(\\d+).*", "$1")));
            assertThat(s.fileName()).isEqualTo("form.csv");
            long before = count();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> page = ann.get(location);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains(">Public score<", "form.csv", "id=\"public-score\"",
                        String.format(java.util.Locale.ROOT, "%.5f", s.publicAuc()))
                        .doesNotContain(String.format(java.util.Locale.ROOT, "%.5f", s.privateAuc()));
            }
            assertThat(count()).isEqualTo(before);
            assertThat(ann.get("/submissions").body()).contains("form.csv", "scored");
        }

        @Test
        void anInvalidFileThroughTheFormRedirectsToItsRefusal() throws Exception {
            HttpResponse<String> r = ann.uploadForm("form-bad.csv", "Id,Predicted\n0,abc\n".getBytes());
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("&outcome=invalid"));
            HttpResponse<String> page = ann.follow(r);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(">File refused<", "form-bad.csv", "abc");
        }

        @Test
        void theOutcomeOfAnUploadIsShownOnlyToItsOwner() throws Exception {
            String location = ann.uploadForm("anns.csv", TinyCompetition.submission(9)).headers()
                    .firstValue("Location").orElseThrow();
            HttpResponse<String> other = ben.get(location);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).contains("of yours").doesNotContain("anns.csv");
            assertThat(ben.get("/submit?submission=x").statusCode()).isEqualTo(404);
        }

        @Test
        void aRefusalClaimedInTheAddressDoesNotTurnAScoredUploadIntoARefusedOne() throws Exception {
            String location = ann.uploadForm("claimed.csv", TinyCompetition.submission(10)).headers()
                    .firstValue("Location").orElseThrow();
            HttpResponse<String> page = ann.get(location.replace("outcome=accepted", "outcome=invalid"));
            assertThat(page.body()).contains("id=\"public-score\"").doesNotContain(">File refused<");
        }

        @Test
        void regeneratingTheTokenRedirectsToTheAccountPageWhichShowsTheNewTokenOnce() throws Exception {
            Client cy = server.login("cy", Role.STUDENT);
            cy.get("/account");
            HttpResponse<String> r = cy.postForm("/account/token", Map.of(), true);
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/account");
            assertThat(r.body()).doesNotContain("id=\"token\"");
            HttpResponse<String> page = cy.follow(r);
            var m = java.util.regex.Pattern.compile("id=\"token\"[^>]*>([^<]+)<").matcher(page.body());
            assertThat(m.find()).as(page.body()).isTrue();
            String token = m.group(1);
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(server.app.accounts().byToken(token).map(a -> a.username())).hasValue("cy");
            HttpResponse<String> again = cy.get("/account");
            assertThat(again.body()).doesNotContain(token).contains("You have a token");
            assertThat(server.app.accounts().byToken(token)).as("reloading did not replace it").isPresent();
        }

        @Test
        void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
            Client.Multipart mp = new Client.Multipart().file("file", "x.csv", TinyCompetition.submission(4));
            HttpResponse<String> r = ann.http.send(HttpRequest.newBuilder(java.net.URI.create(ann.base + "/submit"))
                    .header("Content-Type", mp.contentType()).POST(mp.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("reload the page");
        }
    }

    @Nested
    class Roles {
        @Test
        void noTokenOrAWrongTokenIs401() throws Exception {
            Client anon = new Client(server.url());
            assertThat(anon.api("GET", "/api/submissions", null, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = anon.api("POST", "/api/submissions", "not-a-token",
                    HttpRequest.BodyPublishers.ofString("Id,Predicted\n"), "text/csv");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("\"error\":", "\"status\":401");
        }

        @Test
        void theLoginFormIsRefusedWithoutItsCsrfTokenAndASessionCookieIsHttpOnlyAndLax() throws Exception {
            Client c = new Client(server.url());
            HttpResponse<String> bare = c.postForm("/login", Map.of("username", "ann", "password", "password-ann"), false);
            assertThat(bare.statusCode()).isEqualTo(403);
            assertThat(bare.body()).contains("expired");
            HttpResponse<String> ok = c.login("ann", "password-ann");
            assertThat(ok.headers().allValues("Set-Cookie")).anySatisfy(h -> assertThat(h)
                    .startsWith("holdout_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        }

        @Test
        void pagesRedirectToLoginWithoutASession() throws Exception {
            HttpResponse<String> r = new Client(server.url()).get("/submissions");
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fsubmissions");
        }

        @Test
        void aStudentCannotReachStaffRoutes() throws Exception {
            assertThat(ann.get("/staff").statusCode()).isEqualTo(403);
            assertThat(ann.apiGet("/api/staff/baselines").statusCode()).isEqualTo(403);
            assertThat(ann.api("PUT", "/api/staff/baselines/simple", ann.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\":0.5}"), "application/json").statusCode())
                    .isEqualTo(403);
            assertThat(ann.api("POST", "/api/staff/reveal", ann.token, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).isEqualTo(403);
            assertThat(ann.postForm("/staff/reveal", Map.of(), true).statusCode()).isEqualTo(403);
            assertThat(server.competition().privateRevealed()).isFalse();
        }

        @Test
        void aStudentCannotSeeAnotherStudentsSubmission() throws Exception {
            long benId = id(ben.uploadApi("ben.csv", TinyCompetition.submission(5)));
            HttpResponse<String> r = ann.apiGet("/api/submissions/" + benId);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(ann.apiGet("/api/submissions").body()).doesNotContain("ben.csv");
            assertThat(ben.apiGet("/api/submissions/" + benId).statusCode()).isEqualTo(200);
        }

        @Test
        void staffCannotUploadAsAStudent() throws Exception {
            assertThat(staff.uploadApi("s.csv", TinyCompetition.submission(6)).statusCode()).isEqualTo(403);
        }

        @Test
        void unknownPagesAreFriendly404s() throws Exception {
            HttpResponse<String> page = ann.get("/nope");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("Page not found");
            HttpResponse<String> api = ann.apiGet("/api/nope");
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.body()).contains("\"status\":404");
        }

        @Test
        void solutionCsvIsNeverDownloadable() throws Exception {
            assertThat(ann.get("/data/solution.csv").statusCode()).isEqualTo(404);
            assertThat(ann.get("/data/..%2Fsolution.csv").statusCode()).isEqualTo(404);
            assertThat(ann.get("/data/bundle.json").statusCode()).isEqualTo(404);
            assertThat(ann.getBytes("/data/sample_submission.csv").statusCode()).isEqualTo(200);
        }
    }
}
