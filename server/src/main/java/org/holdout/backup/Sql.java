package org.holdout.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;

/**
 * Every statement the backup and the restore send, and what they read from JDBC's metadata. Tables and columns are
 * found in the metadata, never listed here, so tables and columns added by later migrations are carried as they
 * are. Names are kept as the database reports them (H2 upper-cases unquoted names, PostgreSQL lower-cases them) and
 * quoted in statements; the archive names them in lower case.
 */
final class Sql {
    static final String FLYWAY_TABLE = "flyway_schema_history";
    /** Where the migrations are, as {@link Database} configures Flyway. */
    static final String MIGRATIONS = "classpath:db/migration";

    private Sql() {
    }

    /** H2's DATABASE_ALREADY_OPEN_1: another process holds the file. */
    private static final int H2_ALREADY_OPEN = 90020;
    /** H2's DATABASE_NOT_FOUND_1 and DATABASE_NOT_FOUND_WITH_IF_EXISTS_1. */
    private static final int H2_NOT_FOUND = 90013;
    private static final int H2_NOT_FOUND_IF_EXISTS = 90146;

    /**
     * A plain connection (no pool, no migration). With {@code mustExist}, an H2 database that is not there is a
     * {@link BackupException} instead of a new empty file.
     */
    static Connection connect(ServerConfig config, boolean mustExist) throws SQLException, BackupException {
        String url = config.databaseUrl();
        if (mustExist && url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
            url += ";IFEXISTS=TRUE";
        }
        try {
            return DriverManager.getConnection(url, config.databaseUser(), config.databasePassword());
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ALREADY_OPEN) {
                throw new Database.InUseException(config.database(), e);
            }
            if (mustExist && (e.getErrorCode() == H2_NOT_FOUND || e.getErrorCode() == H2_NOT_FOUND_IF_EXISTS)) {
                throw new BackupException(BackupException.Kind.BAD_FILE, "there is no database at "
                        + withoutSettings(config) + " (is --data-dir or --config right?)", e);
            }
            throw e;
        }
    }

    static String withoutSettings(ServerConfig config) {
        return config.databaseUrl().replaceFirst(";.*", "");
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The tables of the connection's schema, lower-case name to the name the database reports, Flyway's included. */
    static Map<String, String> tables(Connection c) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                tables.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return tables;
    }

    /** The columns of {@code table}: lower-case name to the name the database reports and its JDBC type. */
    static Map<String, Column> columns(Connection c, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                columns.put(name.toLowerCase(Locale.ROOT), new Column(name, rs.getInt("DATA_TYPE"),
                        "YES".equals(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return columns;
    }

    record Column(String name, int sqlType, boolean identity) {
    }

    /** The primary key's columns in key order (empty without one). */
    static List<String> primaryKey(Connection c, String table) throws SQLException {
        Map<Short, String> key = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(key.values());
    }

    /** The lower-case names of the tables {@code table}'s foreign keys point to. */
    static List<String> referencedTables(Connection c, String table) throws SQLException {
        List<String> referenced = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                referenced.add(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return referenced;
    }

    /** Every row of {@code table}, in primary-key order when it has one. */
    static ResultSet selectAll(Statement st, String table, List<String> orderBy) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(table));
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orderBy.stream().map(Sql::quote).toList()));
        }
        st.setFetchSize(1000);
        return st.executeQuery(sql.toString());
    }

    static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM " + quote(table) + " FETCH FIRST 1 ROWS ONLY")) {
            return rs.next();
        }
    }

    static String insert(String table, List<String> columns) {
        return "INSERT INTO " + quote(table) + " (" + String.join(", ", columns.stream().map(Sql::quote).toList())
                + ") VALUES (" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
    }

    /** The next value of every identity column of {@code table} is set above the largest one restored. */
    static void restartIdentities(Connection c, String table) throws SQLException {
        for (Column col : columns(c, table).values()) {
            if (!col.identity()) {
                continue;
            }
            long max;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(" + quote(col.name()) + ") FROM " + quote(table))) {
                rs.next();
                max = rs.getLong(1);
                if (rs.wasNull()) {
                    continue;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(col.name()) + " RESTART WITH "
                        + (max + 1));
            }
        }
    }

    /** The newest successful migration recorded in the database, or null when Flyway has not run. */
    static MigrationVersion schemaVersion(Connection c) throws SQLException {
        if (!tables(c).containsKey(FLYWAY_TABLE)) {
            return null;
        }
        MigrationVersion newest = null;
        // Flyway creates its table and columns with quoted lower-case names on H2 as on PostgreSQL
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + quote("version") + " FROM " + quote(FLYWAY_TABLE)
                     + " WHERE " + quote("success") + " AND " + quote("version") + " IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (newest == null || v.compareTo(newest) > 0) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    static Flyway flyway(ServerConfig config, MigrationVersion target) {
        var flyway = Flyway.configure()
                .dataSource(config.databaseUrl(), config.databaseUser(), config.databasePassword())
                .locations(MIGRATIONS);
        if (target != null) {
            flyway.target(target);
        }
        return flyway.load();
    }

    /** The newest migration this build has. */
    static MigrationVersion newestMigration(ServerConfig config) {
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (MigrationInfo m : flyway(config, null).info().all()) {
            if (m.getVersion() != null && m.getVersion().compareTo(newest) > 0) {
                newest = m.getVersion();
            }
        }
        return newest;
    }
}
