package org.holdout.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, migrated to the newest schema on open. */
public final class Database implements AutoCloseable {

    /**
     * H2 writes its store one map at a time, so a store written while a transaction writes can hold, after a kill,
     * an index entry without its row (h2database issue 2080). Database calls hold the shared side, the store's
     * writes ({@code CHECKPOINT SYNC}) the exclusive side: every store on the disk is between transactions. Null for
     * PostgreSQL.
     */
    private final ReentrantReadWriteLock storeLock;
    private final HikariDataSource pool;
    private final DurableCommits durable;

    private Database(HikariDataSource pool, boolean embeddedH2) {
        this.pool = pool;
        this.storeLock = embeddedH2 ? new ReentrantReadWriteLock() : null;
        this.durable = new DurableCommits(embeddedH2 ? this::checkpointSync : () -> { });
    }

    /**
     * H2's background writer stores whatever the maps hold every WRITE_DELAY ms, transactions in progress or not.
     * It cannot be turned off: WRITE_DELAY=0 stops it but makes every commit store instead. So it waits for the
     * longest delay H2 accepts (24.8 days; its thread still wakes every 8.3 days for housekeeping).
     */
    static final String H2_NO_BACKGROUND_STORE = ";WRITE_DELAY=" + Integer.MAX_VALUE;

    static String embeddedUrl(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY") ? url : url + H2_NO_BACKGROUND_STORE;
    }

    /** Where the database is and how to log in to it. */
    public record Settings(String databaseUrl, String databaseUser, String databasePassword) {
    }

    public static Database open(Settings config) {
        boolean embeddedH2 = config.databaseUrl().startsWith("jdbc:h2:");
        if (embeddedH2) {
            config = new Settings(embeddedUrl(config.databaseUrl()), config.databaseUser(), config.databasePassword());
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.databaseUrl());
        hc.setUsername(config.databaseUser());
        hc.setPassword(config.databasePassword());
        hc.setMaximumPoolSize(16);
        hc.setPoolName("holdout");
        HikariDataSource ds;
        try (Connection first = embeddedH2 ? finishLeftovers(config) : null) {
            ds = new HikariDataSource(hc);
        } catch (SQLException e) {
            if (alreadyOpen(e)) {
                throw new InUseException(config, e);
            }
            throw new DataAccessException(e);
        } catch (RuntimeException e) {
            if (alreadyOpen(e)) {
                throw new InUseException(config, e);
            }
            throw e;
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, embeddedH2);
    }

    /** The first connection to an embedded H2 database, kept open until the pool has its own. */
    private static Connection finishLeftovers(Settings config) throws SQLException {
        Connection c = DriverManager.getConnection(config.databaseUrl(), config.databaseUser(),
                config.databasePassword());
        try {
            H2Leftovers.finish(c);
            return c;
        } catch (RuntimeException | SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Returns once every database call that ended before it (this thread's, and others' that had ended) is on the
     * disk. PostgreSQL's commit already is (synchronous_commit); embedded H2 neither writes its store nor fsyncs on
     * commit, so here its store is written and synced while no database call runs: one sync covers every caller
     * waiting for it, and none runs when a finished one already covers the caller's calls. Never to be called
     * inside {@link #inTransaction} or {@link #withConnection}: that would wait for itself.
     */
    public void durable() {
        if (storeLock != null && storeLock.getReadHoldCount() > 0) {
            throw new IllegalStateException("durable() called inside inTransaction or withConnection: the sync"
                    + " waits for every database call to end, this one included; call it after the work returns");
        }
        durable.await();
    }

    private void checkpointSync() {
        Lock exclusive = storeLock.writeLock();
        exclusive.lock();
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new DataAccessException(e);
        } finally {
            exclusive.unlock();
        }
    }

    private Lock shared() {
        if (storeLock == null) {
            return null;
        }
        Lock shared = storeLock.readLock();
        shared.lock();
        return shared;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        Lock shared = shared();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DataAccessException(e);
        } finally {
            if (shared != null) {
                shared.unlock();
                durable.callEnded();
            }
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T withConnection(Work<T> work) {
        Lock shared = shared();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DataAccessException(e);
        } finally {
            if (shared != null) {
                shared.unlock();
                durable.callEnded();
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws Exception;
    }

    /** H2's DATABASE_ALREADY_OPEN_1 (90020): another process holds the database file's lock. */
    private static boolean alreadyOpen(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /**
     * The embedded H2 file is open in another process, most often a running {@code holdout serve}: H2 lets one
     * process at a time use it, so the {@code users} commands cannot write while the server runs.
     */
    public static final class InUseException extends RuntimeException {
        public InUseException(Settings config, Throwable cause) {
            super("the database " + config.databaseUrl().replaceFirst(";.*", "") + " is in use by another process, most likely a"
                    + " running 'holdout serve' with the same data folder (one process at a time can open it)", cause);
        }
    }

    /** A failed database call: always a real failure (logged, answered 500), never a user's mistake. */
    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
