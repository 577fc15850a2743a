package org.holdout.exclusion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.holdout.db.Database;

/** The exclusions table. Boards read the active ones afresh each time, so every server process honours them at once. */
public final class ExclusionRepository {
    private static final String COLUMNS = "id, competition_id, submission_id, account_id, reason, created_by,"
            + " created_ms, lifted_by, lifted_ms, lift_reason";
    private final Database db;

    public ExclusionRepository(Database db) {
        this.db = db;
    }

    /** A competition's exclusions still in force, oldest first. */
    public List<Exclusion> active(long competitionId) {
        return db.withConnection(c -> active(c, competitionId));
    }

    static List<Exclusion> active(Connection c, long competitionId) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM exclusions WHERE competition_id = ? AND lifted_ms IS NULL"
                + " ORDER BY id", competitionId);
    }

    /** A competition's exclusions, lifted ones too, newest first. */
    public List<Exclusion> all(long competitionId) {
        return db.withConnection(c -> list(c, "SELECT " + COLUMNS + " FROM exclusions WHERE competition_id = ?"
                + " ORDER BY id DESC", competitionId));
    }

    /** One student's exclusions in a competition, lifted ones too, newest first. */
    public List<Exclusion> ofStudent(long competitionId, long accountId) {
        return db.withConnection(c -> list(c, "SELECT " + COLUMNS + " FROM exclusions WHERE competition_id = ?"
                + " AND account_id = ? ORDER BY id DESC", competitionId, accountId));
    }

    /** Inserts an active exclusion in the caller's transaction and returns its id. */
    static long insert(Connection c, long competitionId, Long submissionId, long accountId, String reason,
                              long createdBy, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exclusions (competition_id, submission_id,"
                + " account_id, reason, created_by, created_ms) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, competitionId);
            if (submissionId == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, submissionId);
            }
            ps.setLong(3, accountId);
            ps.setString(4, reason);
            ps.setLong(5, createdBy);
            ps.setLong(6, at.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Lifts an active exclusion in the caller's transaction; false if it was lifted already. */
    static boolean lift(Connection c, long id, long liftedBy, String reason, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE exclusions SET lifted_by = ?, lifted_ms = ?,"
                + " lift_reason = ? WHERE id = ? AND lifted_ms IS NULL")) {
            ps.setLong(1, liftedBy);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, reason);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<Exclusion> list(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Exclusion> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Exclusion(rs.getLong("id"), rs.getLong("competition_id"),
                            nullableLong(rs, "submission_id"), rs.getLong("account_id"), rs.getString("reason"),
                            nullableLong(rs, "created_by"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                            nullableLong(rs, "lifted_by"), nullableInstant(rs, "lifted_ms"),
                            rs.getString("lift_reason")));
                }
                return out;
            }
        }
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
