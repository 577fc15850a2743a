package org.holdout.threshold;

import static org.holdout.db.Nullable.getDouble;
import static org.holdout.db.Nullable.setDouble;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.holdout.db.Database;

/** The thresholds table and its append-only history, threshold_history: every SQL statement about thresholds. */
public final class ThresholdRepository {
    private static final String COLUMNS = "name, public_score, private_score, points_public, points_private, source,"
            + " sha256, display_order, updated_ms";
    static final String CREATOR = "holdout";

    private final Database db;

    public ThresholdRepository(Database db) {
        this.db = db;
    }

    /** Gives the new competition {@code competitionId} the {@link Threshold#DEFAULTS}, in the caller's transaction. */
    public static void addDefaults(Connection c, long competitionId, Instant at) throws SQLException {
        int order = 0;
        for (Threshold.Default d : Threshold.DEFAULTS) {
            Threshold t = new Threshold(d.name(), null, null, d.points(), d.points(), null, null, ++order, at);
            insert(c, competitionId, t);
            recordChange(c, competitionId, t, "create", CREATOR, at);
        }
    }

    /** A competition's thresholds in their display order. */
    public List<Threshold> all(long competitionId) {
        return db.withConnection(c -> all(c, competitionId));
    }

    /** {@link #all(long)} read on the caller's connection (inside its transaction). */
    public static List<Threshold> all(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM thresholds"
                + " WHERE competition_id = ? ORDER BY display_order, name")) {
            ps.setLong(1, competitionId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Threshold> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    /**
     * Locks the competition's thresholds for the caller's transaction (a row lock on the competition), so that
     * changes of one competition's thresholds, and the places of new ones, follow one another.
     */
    static void lock(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM competitions WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, competitionId);
            ps.executeQuery().close();
        }
    }

    static Optional<Threshold> find(Connection c, long competitionId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM thresholds"
                + " WHERE competition_id = ? AND name = ?")) {
            ps.setLong(1, competitionId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The place after the competition's last threshold. */
    static int nextOrder(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(display_order) FROM thresholds"
                + " WHERE competition_id = ?")) {
            ps.setLong(1, competitionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    static void insert(Connection c, long competitionId, Threshold t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thresholds (" + COLUMNS + ", competition_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, t);
            ps.setLong(10, competitionId);
            ps.executeUpdate();
        }
    }

    static void update(Connection c, long competitionId, Threshold t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE thresholds SET name = ?, public_score = ?,"
                + " private_score = ?, points_public = ?, points_private = ?, source = ?, sha256 = ?, display_order = ?,"
                + " updated_ms = ? WHERE competition_id = ? AND name = ?")) {
            bind(ps, t);
            ps.setLong(10, competitionId);
            ps.setString(11, t.name());
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, long competitionId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM thresholds WHERE competition_id = ? AND name = ?")) {
            ps.setLong(1, competitionId);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    static void recordChange(Connection c, long competitionId, Threshold t, String action, String actor, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO threshold_history (competition_id, name, action,"
                + " public_score, private_score, points_public, points_private, source, sha256, actor, at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, competitionId);
            ps.setString(2, t.name());
            ps.setString(3, action);
            setDouble(ps, 4, t.publicScore());
            setDouble(ps, 5, t.privateScore());
            ps.setDouble(6, t.pointsPublic());
            ps.setDouble(7, t.pointsPrivate());
            ps.setString(8, t.source());
            ps.setString(9, t.sha256());
            ps.setString(10, actor);
            ps.setLong(11, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Every change of the threshold called {@code name}, oldest first (also of one removed since). */
    public List<ThresholdChange> history(long competitionId, String name) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, action, public_score, private_score,"
                    + " points_public, points_private, source, sha256, actor, at_ms FROM threshold_history"
                    + " WHERE competition_id = ? AND name = ? ORDER BY at_ms, id")) {
                ps.setLong(1, competitionId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ThresholdChange> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ThresholdChange(rs.getLong("id"), rs.getString("name"), rs.getString("action"),
                                getDouble(rs, "public_score"), getDouble(rs, "private_score"),
                                rs.getDouble("points_public"), rs.getDouble("points_private"), rs.getString("source"),
                                rs.getString("sha256"), rs.getString("actor"), Instant.ofEpochMilli(rs.getLong("at_ms"))));
                    }
                    return out;
                }
            }
        });
    }

    private static void bind(PreparedStatement ps, Threshold t) throws SQLException {
        ps.setString(1, t.name());
        setDouble(ps, 2, t.publicScore());
        setDouble(ps, 3, t.privateScore());
        ps.setDouble(4, t.pointsPublic());
        ps.setDouble(5, t.pointsPrivate());
        ps.setString(6, t.source());
        ps.setString(7, t.sha256());
        ps.setInt(8, t.order());
        ps.setLong(9, t.updated().toEpochMilli());
    }

    private static Threshold map(ResultSet rs) throws SQLException {
        return new Threshold(rs.getString("name"), getDouble(rs, "public_score"), getDouble(rs, "private_score"),
                rs.getDouble("points_public"), rs.getDouble("points_private"), rs.getString("source"),
                rs.getString("sha256"), rs.getInt("display_order"), Instant.ofEpochMilli(rs.getLong("updated_ms")));
    }
}
