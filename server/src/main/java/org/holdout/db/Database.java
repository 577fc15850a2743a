package org.holdout.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, migrated to the newest schema on open. */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final DurableCommits durable;

    private Database(HikariDataSource pool, boolean embeddedH2) {
        this.pool = pool;
        this.durable = new DurableCommits(embeddedH2 ? this::checkpointSync : () -> { });
    }

    /** Where the database is and how to log in to it. */
    public record Settings(String databaseUrl, String databaseUser, String databasePassword) {
    }

    public static Database open(Settings config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.databaseUrl());
        hc.setUsername(config.databaseUser());
        hc.setPassword(config.databasePassword());
        hc.setMaximumPoolSize(16);
        hc.setPoolName("holdout");
        boolean embeddedH2 = config.databaseUrl().startsWith("jdbc:h2:");
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
     * Returns once every transaction committed before the call is on the disk. PostgreSQL's commit already is
     * (synchronous_commit); embedded H2 only writes its store in the background about once a second, and never
     * fsyncs on commit, so here its store is written and synced (one sync covers every caller waiting for it).
     */
    public void durable() {
        durable.await();
    }

    private void checkpointSync() {
        withConnection(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
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
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T withConnection(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DataAccessException(e);
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
