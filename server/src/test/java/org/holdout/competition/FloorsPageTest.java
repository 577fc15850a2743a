package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.competition.FloorsCache;
import org.holdout.floors.CalibrationFloors.Floor;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.web.LeakCrawlTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration floors on the staff page: computed in the background, kept in floors.json, never shown to students. */
class FloorsPageTest {

    @Test
    void floorsAppearOnTheStaffPageAndARestartReadsThemBack(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client staff = server.login("ta", Role.STAFF);
            List<Floor> floors = awaitFloors(server);
            assertThat(floors).extracting(Floor::id).contains("mean-intensity", "l2-to-mean", "pca-5")
                    .doesNotContain("pca-10", "pca-20", "pca-40");
            assertThat(floors).allSatisfy(f -> assertThat(f.publicAuc()).isBetween(0.0, 1.0));
            String page = staff.get("/staff").body();
            assertThat(page).contains("Calibration floors (staff only)").doesNotContain("being computed");
            for (Floor f : floors) {
                assertThat(page).contains(f.label(), fiveDecimals(f.publicAuc()), fiveDecimals(f.privateAuc()));
            }

            String json = staff.api("GET", "/api/staff/c/tiny/floors", staff.token,
                    HttpRequest.BodyPublishers.noBody(), null).body();
            assertThat(json).startsWith("{\"state\":\"done\",\"floors\":[{\"id\":\"mean-intensity\"")
                    .contains("\"public\":" + floors.get(0).publicAuc());

            Path file = server.competition().file(FloorsCache.FILE);
            assertThat(file).isRegularFile();
            FileTime written = Files.getLastModifiedTime(file);
            Thread.sleep(20);
            server.restart();
            assertThat(server.app.floors().state(server.competition()))
                    .isEqualTo(new FloorsCache.Done(floors));
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
            Client again = new Client(server.url());
            again.login("ta", "password-ta");
            assertThat(again.get("/staff").body()).contains(fiveDecimals(floors.get(0).publicAuc()),
                    floors.get(floors.size() - 1).label());
        }
    }

    @Test
    void aBaselineBelowTheBestFloorIsWarned(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client staff = server.login("ta", Role.STAFF);
            Floor best = awaitFloors(server).stream().max((a, b) -> Double.compare(a.publicAuc(), b.publicAuc()))
                    .orElseThrow();
            assertThat(best.publicAuc()).as("the tiny bundle's best floor").isGreaterThan(0.02);
            type(server, staff, "simple", best.publicAuc() - 0.01);
            String warning = "below the " + best.id() + " floor " + fiveDecimals(best.publicAuc())
                    + ": a trivial method beats this threshold";
            assertThat(staff.get("/staff").body()).contains(warning);
            if (best.publicAuc() < 1) {
                type(server, staff, "simple", Math.min(1, best.publicAuc() + 0.01));
                assertThat(staff.get("/staff").body()).doesNotContain("a trivial method beats this threshold");
            }
        }
    }

    @Test
    void theStaffPageSaysTheFloorsAreBeingComputedThenWhyTheyFailed(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client staff = server.login("ta", Role.STAFF);
            Files.delete(server.addCompetition("broken", "Broken", 3).file("train.npy"));
            assertThat(staff.get("/c/broken/staff").body()).contains("The floors are being computed…");
            long until = System.nanoTime() + 30_000_000_000L;
            String page = staff.get("/c/broken/staff").body();
            while (!page.contains("The floors could not be computed: ") && System.nanoTime() < until) {
                Thread.sleep(50);
                page = staff.get("/c/broken/staff").body();
            }
            assertThat(page).contains("The floors could not be computed: ", "train.npy");
            assertThat(server.competition("broken").file(FloorsCache.FILE)).doesNotExist();
        }
    }

    @Test
    void studentsSeeNoFloor(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            List<Floor> floors = awaitFloors(server);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.get("/staff").statusCode()).isIn(403, 404);
            assertThat(ann.get("/c/tiny/staff").statusCode()).isIn(403, 404);
            assertThat(ann.get("/data/" + FloorsCache.FILE).statusCode()).isIn(403, 404);
            assertThat(ann.api("GET", "/api/staff/floors", ann.token, HttpRequest.BodyPublishers.noBody(), null)
                    .statusCode()).isIn(401, 403, 404);
            assertThat(ann.api("GET", "/api/staff/c/tiny/floors", ann.token, HttpRequest.BodyPublishers.noBody(),
                    null).statusCode()).isIn(401, 403, 404);
            Map<String, String> seen = LeakCrawlTest.crawl(ann, List.of("/", "/c/tiny", "/api/leaderboard",
                    "/api/submissions", "/account"));
            assertThat(seen).containsKeys("/data", "/leaderboard", "/submissions");
            for (Map.Entry<String, String> e : seen.entrySet()) {
                assertThat(e.getValue()).as(e.getKey()).doesNotContain("Calibration floors", "floors.json",
                        "L2 distance to the mean");
                for (Floor f : floors) {
                    for (double v : new double[] {f.publicAuc(), f.privateAuc()}) {
                        assertThat(e.getValue()).as("floor %s on %s", f.id(), e.getKey())
                                .doesNotContain(String.format(Locale.ROOT, "%.5f", v));
                    }
                }
            }
        }
    }

    private static void type(TestServer server, Client staff, String tier, double publicAuc) throws Exception {
        assertThat(staff.api("PUT", "/api/staff/baselines/" + tier, staff.token, HttpRequest.BodyPublishers.ofString(
                String.format(Locale.ROOT, "{\"public\":%s,\"private\":0.5}", publicAuc)), "application/json")
                .statusCode()).isEqualTo(200);
    }

    private static List<Floor> awaitFloors(TestServer server) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            FloorsCache.State s = server.app.floors().state(server.competition());
            if (s instanceof FloorsCache.Done d) {
                return d.floors();
            }
            assertThat(s).isNotInstanceOf(FloorsCache.Failed.class);
            Thread.sleep(50);
        }
        throw new AssertionError("the floors were not computed within 30 s");
    }

    private static String fiveDecimals(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
