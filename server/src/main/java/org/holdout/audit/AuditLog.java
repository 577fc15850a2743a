package org.holdout.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.holdout.db.Database;

/**
 * The audit log table. An action is recorded on the connection of the change it describes, so the change and its
 * entry commit together or not at all.
 */
public final class AuditLog {
    static final int DETAIL_MAX = 4000;
    static final int REASON_MAX = 2000;

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** Records {@code action} inside the caller's transaction on {@code c}. */
    public static void record(Connection c, Long competitionId, String actor, String action, String detail,
                              String reason, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (competition_id, actor, action, detail,"
                + " reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            if (competitionId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, competitionId);
            }
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, clip(detail, DETAIL_MAX));
            ps.setString(5, reason == null || reason.isBlank() ? null : clip(reason.strip(), REASON_MAX));
            ps.setLong(6, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Records {@code action} in a transaction of its own, for changes that are not in the database. */
    public void record(Long competitionId, String actor, String action, String detail, String reason, Instant at) {
        db.inTransaction(c -> {
            record(c, competitionId, actor, action, detail, reason, at);
            return null;
        });
        db.durable();
    }

    /** A competition's entries, newest first. */
    public List<AuditEntry> forCompetition(long competitionId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, competition_id, actor, action, detail, reason,"
                    + " at_ms FROM audit_log WHERE competition_id = ? ORDER BY at_ms DESC, id DESC")) {
                ps.setLong(1, competitionId);
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        long cid = rs.getLong("competition_id");
                        out.add(new AuditEntry(rs.getLong("id"), rs.wasNull() ? null : cid, rs.getString("actor"),
                                rs.getString("action"), rs.getString("detail"), rs.getString("reason"),
                                Instant.ofEpochMilli(rs.getLong("at_ms"))));
                    }
                    return out;
                }
            }
        });
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
