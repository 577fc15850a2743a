package org.holdout.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.holdout.account.Role;
import org.holdout.baselines.Tier;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.Progress;
import org.holdout.competition.Competition;
import org.holdout.competition.FloorsCache;
import org.holdout.npy.UInt8Array;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.threshold.Threshold;
import org.holdout.training.BaselineTraining;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines trained by a real {@code holdout baseline train} child JVM of the server, on a 40-image bundle. */
@Tag("slow")
class BaselineChildProcessTest {
    /** One epoch: the child's JVM start and ND4J's loading are most of its time. */
    private static final List<String> SHORT = List.of("--epochs", "1");

    @Test
    void staffStartTheTrainingOfOneTierAndItsThresholdIsRegisteredOnBothBoards(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            verifiedBundle(server);
            BaselineTraining training = server.app.training();
            training.childJvm(childJvm().withTrainOptions(SHORT));
            Client staff = server.login("ta", Role.STAFF);
            staff.get("/staff");
            HttpResponse<String> form = staff.postForm("/staff/training", Map.of("tier", "simple"), true);
            assertThat(form.statusCode()).isEqualTo(303);
            assertThat(staff.follow(form).body()).contains("The simple baseline is queued for training");

            waitFor(() -> score(server, server.competition(), Tier.SIMPLE) != null, 240);
            Threshold simple = score(server, server.competition(), Tier.SIMPLE);
            assertThat(simple.source()).isEqualTo("trained");
            assertThat(simple.publicScore()).isBetween(0.0, 1.0);
            assertThat(simple.privateScore()).isBetween(0.0, 1.0);
            waitFor(() -> training.progress(server.competition()).get("simple").state().equals("registered"), 10);
            assertThat(trainingChildren()).isEmpty();
            assertThat(training.queue()).isEmpty();

            String page = staff.get("/staff").body();
            assertThat(page).contains("registered", "trained", "/staff/baselines/simple/curve.png",
                    "No training is running or waiting.");
            HttpResponse<byte[]> curve = staff.getBytes("/staff/baselines/simple/curve.png");
            assertThat(curve.statusCode()).isEqualTo(200);
            assertThat(curve.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(curve.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(staff.getBytes("/staff/baselines/boss/curve.png").statusCode()).isEqualTo(404);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.getBytes("/staff/baselines/simple/curve.png").statusCode()).isEqualTo(403);
            assertThat(ann.apiGet("/api/leaderboard").body()).contains("\"baseline\":\"simple\"");
            assertThat(staff.postForm("/staff/training", Map.of("tier", "simple"), false).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aChildThatDiesLeavesItsReasonForStaffAndTheNextJobStillRuns(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            verifiedBundle(server);
            Competition gone = server.app.competitions().repository().insert("gone", "No bundle", dir.resolve("nothing"),
                    ZoneId.of("UTC"), 5, null, server.clock.instant());
            BaselineTraining training = server.app.training();
            training.childJvm(childJvm().withTrainOptions(SHORT));
            assertThat(training.train(gone, List.of("medium"))).containsExactly("medium");
            assertThat(training.train(server.competition(), List.of("simple"))).containsExactly("simple");
            assertThat(training.train(server.competition(), List.of("simple"))).isEmpty();

            waitFor(() -> training.progress(gone).get("medium").state().startsWith("failed"), 180);
            assertThat(training.progress(gone).get("medium").state())
                    .startsWith("failed: cannot open the bundle " + dir.resolve("nothing"))
                    .endsWith("(exit code 3)");
            assertThat(score(server, gone, Tier.MEDIUM)).isNull();

            waitFor(() -> score(server, server.competition(), Tier.SIMPLE) != null, 240);
            assertThat(score(server, server.competition(), Tier.SIMPLE).source()).isEqualTo("trained");
            waitFor(() -> trainingChildren().isEmpty(), 10);
            assertThat(training.progress(gone).get("medium").state()).startsWith("failed: cannot open the bundle");
        }
    }

    @Test
    void stoppingTheServerEndsTheChild(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            verifiedBundle(server);
            BaselineTraining training = server.app.training();
            training.childJvm(childJvm().withTrainOptions(List.of("--epochs", "100000")));
            training.train(server.competition(), List.of("simple", "medium"));
            waitFor(() -> training.progress(server.competition()).get("simple").epoch() >= 1, 180);
            assertThat(trainingChildren()).hasSize(1);
            assertThat(training.queue()).containsExactly("tiny: simple (training)", "tiny: medium (waiting)");

            training.close();
            assertThat(trainingChildren()).isEmpty();
            assertThat(training.progress(server.competition()).get("simple").state())
                    .isEqualTo("stopped: the server stopped during the training");
            assertThat(training.progress(server.competition()).get("medium").state())
                    .isEqualTo("not started: the server stopped");
            assertThat(score(server, server.competition(), Tier.SIMPLE)).isNull();
        }
    }

    /** This test JVM's class path as surefire gives it (the server's own default reads java.class.path). */
    private static BaselineTraining.ChildJvm childJvm() {
        return BaselineTraining.ChildJvm.ofThisJvm().withClasspath(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }

    private static Threshold score(TestServer server, Competition c, Tier tier) {
        return server.app.thresholds().all(c.id()).stream().filter(t -> t.name().equals(tier.id())
                        && t.publicScore() != null)
                .findFirst().orElse(null);
    }

    /** Living descendants of this JVM whose {@code /proc/PID/cmdline} holds the arguments "baseline train". */
    private static List<ProcessHandle> trainingChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> commandLine(h).contains("\0baseline\0train\0")).toList();
    }

    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Replaces the test server's {@link TinyCompetition} files by a bundle the baseline command accepts (bundle.json
     * with hashes): 16 normal 8×8 images, 40 test images (Ids 0-39, half of them anomalies).
     */
    private static void verifiedBundle(TestServer server) throws Exception {
        // the server computes the floors of the tiny files in the folder at start; they must not land in the new one
        waitFor(() -> !(server.app.floors().state(server.competition()) instanceof FloorsCache.Computing), 30);
        Path dir = server.dir.resolve("bundle");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Random r = new Random(3);
        byte[] train = new byte[16 * 64];
        for (int i = 0; i < train.length; i++) {
            train[i] = (byte) (40 + r.nextInt(20));
        }
        byte[] test = new byte[40 * 64];
        int[] classes = new int[40];
        for (int i = 0; i < 40; i++) {
            classes[i] = i % 2;
            for (int k = 0; k < 64; k++) {
                test[i * 64 + k] = (byte) (classes[i] == 1 ? 150 + r.nextInt(100) : 40 + r.nextInt(20));
            }
        }
        BundleAssembly.Design design = new BundleAssembly.Design("tiny", "generated", 1, List.of("dim", "bright"),
                List.of(0), 0.5, false, null);
        BundleWriter.write(BundleAssembly.assemble(design, new UInt8Array(new int[] {16, 8, 8, 1}, train),
                new int[16], new UInt8Array(new int[] {40, 8, 8, 1}, test), classes, false), dir, true, Progress.NONE);
    }
}
