package org.holdout.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded H2 killed with SIGKILL right after {@link Database#durable()} wrote the store while a large
 * transaction was committing: the file then holds that transaction marked committed with its rows not yet
 * rewritten. The next start opens it through {@link Database#open} and must write every row; H2 2.5 alone leaves
 * such a transaction registered forever, and a statement writing one of its rows spins in
 * {@code TransactionMap.set} (the restart hang of {@code submission.CrashTest}).
 */
@Tag("slow")
class H2KillDuringCommitTest {
    private static final int ROWS = 10_000;
    private static final int STARTS = 6;
    private static final int START_SECONDS = 60;
    private static final String FINISHED = "H2 was committing when it was stopped";

    @Test
    void theNextStartWritesEveryRowOfATransactionKilledWhileCommitting(@TempDir Path dir) throws Exception {
        assumeFalse(TestDatabase.postgres(), "H2's own store");
        for (int start = 1; start <= STARTS; start++) {
            String out = runUntilKilled(dir, start);
            if (start > 1) {
                assertThat(out).as("start %d", start).contains("updated " + ROWS);
            }
            assertThat(out).as("start %d", start).contains("killed");
            if (out.contains(FINISHED)) {
                return;
            }
        }
        abort("no kill in " + (STARTS - 1) + " left a transaction half-committed, so this run proved nothing");
    }

    /** One start: every row written once, then one transaction committed while the store is made durable. */
    private static String runUntilKilled(Path dir, int start) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), KillDuringCommit.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            String threads = jstack(p.pid());
            p.destroyForcibly().waitFor();
            reader.join(5000);
            throw new AssertionError("start " + start + " did not end within " + START_SECONDS + " s:\n" + out
                    + "\n" + threads);
        }
        reader.join(10_000);
        return out.toString();
    }

    private static String jstack(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                String.valueOf(pid)).redirectErrorStream(true).start();
        byte[] dump = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(dump, StandardCharsets.UTF_8);
    }

    /**
     * Opens the database as the server does and updates every row; then updates every row again in one
     * transaction and, while that commits, makes the store durable and kills itself with SIGKILL.
     */
    static final class KillDuringCommit {
        public static void main(String[] args) throws Exception {
            Database db = Database.open(ServerConfig.of(Map.of("data.dir", args[0])).database());
            db.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS torn (id INT PRIMARY KEY, v INT NOT NULL)");
                    s.execute("CREATE INDEX IF NOT EXISTS torn_by_v ON torn (v, id)");
                    s.execute("INSERT INTO torn SELECT X, 0 FROM SYSTEM_RANGE(1, " + ROWS + ")"
                            + " WHERE NOT EXISTS (SELECT 1 FROM torn)");
                }
                return null;
            });
            System.out.println("updated " + db.inTransaction(KillDuringCommit::updateAll));
            db.durable();
            CountDownLatch committing = new CountDownLatch(1);
            Thread killer = new Thread(() -> {
                try {
                    committing.await();
                    db.durable();
                    System.out.println("killed");
                    System.out.flush();
                    new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start()
                            .waitFor();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            killer.start();
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                updateAll(c);
                committing.countDown();
                c.commit();
            }
            killer.join();
        }

        private static int updateAll(Connection c) throws Exception {
            try (PreparedStatement ps = c.prepareStatement("UPDATE torn SET v = v + 1")) {
                return ps.executeUpdate();
            }
        }
    }
}
