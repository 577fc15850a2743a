package org.holdout.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {

    private static Database open(Path dir) {
        return Database.open(new Database.Settings("jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=10000",
                "sa", ""));
    }

    @Test
    void theSyncWaitsForATransactionInProgressAndNestedCallsDoNotWaitForIt(@TempDir Path dir) throws Exception {
        try (Database db = open(dir)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> tx = CompletableFuture.supplyAsync(() -> db.inTransaction(c -> {
                inside.countDown();
                release.await();
                return db.withConnection(d -> 1);
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> sync = CompletableFuture.runAsync(db::durable);
            Thread.sleep(300);
            assertThat(sync).isNotDone();
            release.countDown();
            assertThat(tx.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            sync.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void durableInsideADatabaseCallFailsInsteadOfWaitingForItself(@TempDir Path dir) {
        try (Database db = open(dir)) {
            assertThatThrownBy(() -> db.withConnection(c -> {
                db.durable();
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("durable()");
            db.durable();
        }
    }

    @Test
    void h2sBackgroundStoreIsHeldOffUnlessTheUrlSetsIt(@TempDir Path dir) {
        try (Database db = open(dir)) {
            String delay = db.withConnection(c -> {
                try (ResultSet r = c.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    r.next();
                    return r.getString(1);
                }
            });
            assertThat(delay).isEqualTo(String.valueOf(Integer.MAX_VALUE));
        }
        assertThat(Database.embeddedUrl("jdbc:h2:file:x;write_delay=100")).isEqualTo("jdbc:h2:file:x;write_delay=100");
    }
}
