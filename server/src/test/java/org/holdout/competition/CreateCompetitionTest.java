package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.CourseFiles;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating a competition while the server runs: files staged by PUT, the build started by POST, its job polled. */
class CreateCompetitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> stage(Client ta, String name, byte[] bytes) throws Exception {
        return ta.api("PUT", "/api/staff/staging/" + name, ta.token, HttpRequest.BodyPublishers.ofByteArray(bytes),
                "application/octet-stream");
    }

    private static String staged(Client ta, String name, byte[] bytes) throws Exception {
        HttpResponse<String> r = stage(ta, name, bytes);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static HttpResponse<String> create(Client ta, ObjectNode body) throws Exception {
        return ta.api("POST", "/api/staff/competitions", ta.token, HttpRequest.BodyPublishers.ofString(body.toString()),
                "application/json");
    }

    private static ObjectNode course(Client ta, String slug, byte[] train, byte[] test, String labelsName,
                                     byte[] labels) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("slug", slug);
        body.put("train", staged(ta, "trainingset.npy", train));
        body.put("test", staged(ta, "testingset.npy", test));
        body.put("labels", staged(ta, labelsName, labels));
        return body;
    }

    /** Polls the job until it is no longer running. */
    private static JsonNode finished(Client ta, String id) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> r = ta.apiGet("/api/staff/competitions/jobs/" + id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode job = JSON.readTree(r.body());
            if (!job.path("state").asText().equals("running") || System.nanoTime() > until) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    private static void assertNothingLeft(TestServer server) throws Exception {
        Path staging = server.dir.resolve("staging");
        if (Files.isDirectory(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                assertThat(s.toList()).as("staged files").isEmpty();
            }
        }
        try (Stream<Path> s = Files.list(server.dir.resolve("competitions"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("build folders")
                    .noneMatch(n -> n.startsWith(".build-"));
        }
    }

    @Test
    void aTaCreatesACompetitionFromTheCourseFilesAndAStudentUploadsToIt(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3", "time.zone", "Europe/Berlin"))) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            ObjectNode body = course(ta, "hw3-anomalies", CourseFiles.train(), CourseFiles.test(), "labels.csv",
                    CourseFiles.labels(TinyCompetition.ROWS));
            body.put("title", "Homework 3").put("deadline", "2026-06-01T23:59").put("finalSelections", 3);
            HttpResponse<String> started = create(ta, body);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String id = JSON.readTree(started.body()).path("id").asText();
            assertThat(started.headers().firstValue("Location")).hasValue("/api/staff/competitions/jobs/" + id);

            JsonNode job = finished(ta, id);
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("competition").path("staffPage").asText()).isEqualTo("/c/hw3-anomalies/staff");
            assertThat(job.path("steps").findValuesAsText("name")).contains("check trainingset.npy",
                    "check testingset.npy", "check labels.csv", "read the images", "write the bundle",
                    "verify the bundle and create the competition", "compute the calibration floors");

            var c = server.competition("hw3-anomalies");
            assertThat(c.title()).isEqualTo("Homework 3");
            assertThat(c.dailyLimit()).as("the configuration's default").isEqualTo(3);
            assertThat(c.timeZone().getId()).isEqualTo("Europe/Berlin");
            assertThat(c.finalSelections()).isEqualTo(3);
            assertThat(c.deadline()).hasToString("2026-06-01T21:59:00Z");
            assertThat(c.bundleDir()).isEqualTo(dir.resolve("competitions/hw3-anomalies").toAbsolutePath());
            assertNothingLeft(server);

            HttpResponse<String> upload = ann.uploadApiTo("/api/c/hw3-anomalies/submissions", "mine.csv",
                    TinyCompetition.submission(5));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            assertThat(JSON.readTree(upload.body()).path("submission").path("publicScore").isNumber()).isTrue();
            JsonNode board = JSON.readTree(ann.apiGet("/api/c/hw3-anomalies/leaderboard").body());
            assertThat(board.path("competition").asText()).isEqualTo("hw3-anomalies");
            assertThat(board.path("rows").toString()).contains("ANN");
            assertThat(ann.apiGet("/api/leaderboard").body()).as("the default competition is untouched")
                    .doesNotContain("ANN");

            JsonNode audit = JSON.readTree(ta.apiGet("/api/staff/c/hw3-anomalies/audit").body());
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).path("action").asText()).isEqualTo("create");
            assertThat(audit.get(0).path("actor").asText()).isEqualTo("ta");
            assertThat(audit.get(0).path("detail").asText()).contains("hw3-anomalies", "trainingset.npy",
                    "labels.csv");

            long until = System.nanoTime() + 60_000_000_000L;
            String floors;
            do {
                floors = JSON.readTree(ta.apiGet("/api/staff/c/hw3-anomalies/floors").body()).path("state").asText();
                Thread.sleep(50);
            } while (floors.equals("computing") && System.nanoTime() < until);
            assertThat(floors).isEqualTo("done");
            assertThat(dir.resolve("competitions/hw3-anomalies/floors.json")).exists();
            assertThat(finished(ta, id).path("steps").findValuesAsText("state")).containsOnly("done");

            server.restart();
            assertThat(server.competition("hw3-anomalies").finalSelections()).isEqualTo(3);
        }
    }

    @Test
    void eachBadFileIsRefusedWithItsNameAndProblemAndNothingIsLeft(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            byte[] labels = CourseFiles.labels(TinyCompetition.ROWS);
            byte[] floats = CourseFiles.npy("<f4", new int[] {10, 4, 4}, new byte[10 * 16 * 4]);
            byte[] wide = CourseFiles.npy("|u1", new int[] {TinyCompetition.ROWS, 4, 5}, new byte[40 * 20]);
            byte[] flat = CourseFiles.npy("|u1", new int[] {160}, new byte[160]);
            byte[] truncated = java.util.Arrays.copyOf(CourseFiles.test(), CourseFiles.test().length - 5);
            String twos = new String(labels, java.nio.charset.StandardCharsets.UTF_8).replace("3,1", "3,2");
            Object[][] cases = {
                {floats, CourseFiles.test(), "labels.csv", labels, "trainingset.npy: dtype is '<f4', expected uint8"},
                {CourseFiles.train(), wide, "labels.csv", labels, "testingset.npy: images are [4, 5, 1] but"
                        + " trainingset.npy holds [4, 4, 1]"},
                {flat, CourseFiles.test(), "labels.csv", labels, "trainingset.npy: shape [160], expected images"},
                {CourseFiles.train(), truncated, "labels.csv", labels, "testingset.npy: truncated"},
                {"Id,Predicted\n".getBytes(), CourseFiles.test(), "labels.csv", labels,
                    "trainingset.npy: not a .npy file"},
                {CourseFiles.train(), CourseFiles.test(), "labels.csv", CourseFiles.labels(39),
                    "labels.csv: no label for Id 39 (the test set has 40 images)"},
                {CourseFiles.train(), CourseFiles.test(), "labels.txt", "0\n1\n".getBytes(),
                    "labels.txt: 2 labels, but the test set has 40 images"},
                {CourseFiles.train(), CourseFiles.test(), "labels.csv", twos.getBytes(),
                    "labels.csv: line 5: label '2' is not 0 or 1"},
                {CourseFiles.train(), CourseFiles.test(), "labels.txt", "0\n".repeat(TinyCompetition.ROWS).getBytes(),
                    "labels.txt: 0 anomalies and 40 normal images"},
            };
            for (Object[] c : cases) {
                ObjectNode body = course(ta, "bad", (byte[]) c[0], (byte[]) c[1], (String) c[2], (byte[]) c[3]);
                HttpResponse<String> r = create(ta, body);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                assertThat(JSON.readTree(r.body()).path("error").asText()).as(c[4].toString()).contains((String) c[4])
                        .doesNotContain(dir.toString());
                assertThat(server.app.competitions().repository().bySlug("bad")).isEmpty();
                assertNothingLeft(server);
            }

            ObjectNode good = course(ta, "tiny", CourseFiles.train(), CourseFiles.test(), "labels.csv", labels);
            HttpResponse<String> taken = create(ta, good);
            assertThat(taken.statusCode()).isEqualTo(409);
            assertThat(taken.body()).contains("there is a competition with the slug tiny already");
            good.put("slug", "Not A Slug");
            HttpResponse<String> invalid = create(ta, good);
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("may hold only lowercase letters");
            good.put("slug", "fine").put("timeZone", "Mars/Olympus");
            assertThat(create(ta, good).body()).contains("Mars/Olympus", "is not a time zone");
            good.put("timeZone", "UTC");
            HttpResponse<String> twice = create(ta, good.deepCopy().put("test", good.path("train").asText()));
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("the same staged file is given twice");
            good.put("train", "0123456789abcdef0123456789abcdef");
            HttpResponse<String> unknown = create(ta, good);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("there is no staged file");
            HttpResponse<String> notJson = ta.api("POST", "/api/staff/competitions", ta.token,
                    HttpRequest.BodyPublishers.ofString("slug=x"), "application/x-www-form-urlencoded");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(server.app.competitions().repository().all()).hasSize(1);
        }
    }

    @Test
    void aBundleZipIsCheckedEntryByEntry(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            Path bundle = TinyCompetition.writeVerified(dir.resolve("zipped"));
            Object[][] cases = {
                {CourseFiles.zip(bundle, "", "../evil.sh"), "entry ../evil.sh leaves the bundle folder"},
                {CourseFiles.zip(bundle, "", "/etc/cron.d/x"), "entry /etc/cron.d/x is an absolute path"},
                {CourseFiles.zip(bundle, "", "notes.txt"), "entry notes.txt is not a bundle file"},
                {CourseFiles.zip(bundle, "a/b/"), "is nested too deep"},
                {"not a zip".getBytes(), "bundle.zip: is not a zip file"},
            };
            for (Object[] c : cases) {
                ObjectNode body = JSON.createObjectNode().put("slug", "zipped")
                        .put("bundle", staged(ta, "bundle.zip", (byte[]) c[0]));
                HttpResponse<String> r = create(ta, body);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                assertThat(JSON.readTree(r.body()).path("error").asText()).contains((String) c[1]);
                assertNothingLeft(server);
            }
            assertThat(dir.resolve("evil.sh")).doesNotExist();
            Files.writeString(bundle.resolve("solution.csv"), "Id,Expected,Usage\n");
            ObjectNode damaged = JSON.createObjectNode().put("slug", "zipped")
                    .put("bundle", staged(ta, "bundle.zip", CourseFiles.zip(bundle, "")));
            JsonNode failed = finished(ta, JSON.readTree(create(ta, damaged).body()).path("id").asText());
            assertThat(failed.path("state").asText()).isEqualTo("failed");
            assertThat(failed.path("message").asText()).contains("solution.csv", "SHA-256")
                    .doesNotContain(dir.toString());
            assertThat(server.app.competitions().repository().bySlug("zipped")).isEmpty();
            assertNothingLeft(server);

            TinyCompetition.writeVerified(bundle);
            ObjectNode body = JSON.createObjectNode().put("slug", "zipped")
                    .put("bundle", staged(ta, "my%20bundle.zip", CourseFiles.zip(bundle, "tiny/")));
            HttpResponse<String> r = create(ta, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode job = finished(ta, JSON.readTree(r.body()).path("id").asText());
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("steps").get(0).path("name").asText()).isEqualTo("check the entries of my_bundle.zip");
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.uploadApiTo("/api/c/zipped/submissions", "z.csv", TinyCompetition.submission(1))
                    .statusCode()).isEqualTo(201);
        }
    }

    @Test
    void onlyStaffMayCreateCompetitions(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(stage(ann, "trainingset.npy", CourseFiles.train()).statusCode()).isEqualTo(403);
            assertThat(create(ann, JSON.createObjectNode().put("slug", "x")).statusCode()).isEqualTo(403);
            assertThat(ann.apiGet("/api/staff/competitions/jobs/x").statusCode()).isEqualTo(403);
            assertThat(ann.get("/staff/competitions/new").statusCode()).isEqualTo(403);
            assertThat(new Client(server.url()).api("PUT", "/api/staff/staging/a.npy", null,
                    HttpRequest.BodyPublishers.ofByteArray(new byte[10]), null).statusCode()).isEqualTo(401);
            assertThat(dir.resolve("staging")).doesNotExist();
        }
    }

    @Test
    void thePlainFormCreatesACompetitionWithSmallFilesAndItsJobPageLinksToItsStaffPage(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ta = server.login("ta", Role.STAFF);
            HttpResponse<String> page = ta.get("/staff/competitions/new");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"slug\"", "value=\"Asia/Taipei\"", "value=\"5\"", "value=\"2\"",
                    "/static/create.js", "larger files need JavaScript");
            assertThat(ta.get("/staff").body()).contains("href=\"/staff/competitions/new\"");

            Client.Multipart form = new Client.Multipart().field("_csrf", ta.csrf()).field("slug", "hw4")
                    .field("title", "Homework 4").field("timeZone", "").field("dailyLimit", "7").field("deadline", "")
                    .field("finalSelections", "2").file("train", "trainingset.npy", CourseFiles.train())
                    .file("test", "testingset.npy", CourseFiles.test())
                    .file("labels", "labels.csv", CourseFiles.labels(TinyCompetition.ROWS))
                    .file("bundle", "", new byte[0]);
            HttpResponse<String> sent = ta.http.send(HttpRequest.newBuilder(java.net.URI.create(server.url()
                    + "/staff/competitions/new")).header("Content-Type", form.contentType()).POST(form.publisher())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
            String jobPage = sent.headers().firstValue("Location").orElseThrow();
            assertThat(jobPage).startsWith("/staff/competitions/jobs/");
            finished(ta, jobPage.substring(jobPage.lastIndexOf('/') + 1));
            HttpResponse<String> done = ta.get(jobPage);
            assertThat(done.body()).contains("href=\"/c/hw4/staff\"", "create the competition");
            assertThat(server.competition("hw4").dailyLimit()).isEqualTo(7);
            assertThat(ta.get("/c/hw4/staff").statusCode()).isEqualTo(200);
            assertThat(ta.get("/").body()).as("the landing page lists both, with the link for staff")
                    .contains("href=\"/c/hw4\"", "href=\"/staff/competitions/new\"");

            Client.Multipart again = new Client.Multipart().field("_csrf", ta.csrf()).field("slug", "hw4")
                    .file("train", "trainingset.npy", CourseFiles.train());
            HttpResponse<String> refused = ta.http.send(HttpRequest.newBuilder(java.net.URI.create(server.url()
                    + "/staff/competitions/new")).header("Content-Type", again.contentType()).POST(again.publisher())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("No competition was created: missing the test images", "value=\"hw4\"");
            assertNothingLeft(server);
        }
    }

    /** Forms may carry a code zip up to its own, larger limit; a file of this form keeps the upload limit. */
    @Test
    void aFileOverTheUploadLimitIsRefusedByThePlainFormThoughCodeZipsMayBeLarger(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir, java.util.Map.of("upload.max.bytes", "200", "code.max.mb", "1"))) {
            Client ta = server.login("ta", Role.STAFF);
            ta.get("/staff/competitions/new");
            Client.Multipart form = new Client.Multipart().field("_csrf", ta.csrf()).field("slug", "hw5")
                    .field("title", "Homework 5").file("train", "trainingset.npy", CourseFiles.train())
                    .file("test", "testingset.npy", CourseFiles.test())
                    .file("labels", "labels.csv", CourseFiles.labels(TinyCompetition.ROWS));
            assertThat(CourseFiles.train().length).isGreaterThan(200);
            HttpResponse<String> sent = ta.http.send(HttpRequest.newBuilder(java.net.URI.create(server.url()
                    + "/staff/competitions/new")).header("Content-Type", form.contentType()).POST(form.publisher())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(413);
            assertThat(sent.body()).contains("trainingset.npy is larger than the limit of 200 bytes");
            assertThat(server.app.competitions().repository().bySlug("hw5")).isEmpty();
        }
    }
}
