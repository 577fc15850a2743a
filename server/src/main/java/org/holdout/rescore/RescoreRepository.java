package org.holdout.rescore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.holdout.db.Database;

/** The rescores table: one row per applied rescore, written in the transaction that changes the scores. */
public final class RescoreRepository {
    private final Database db;

    public RescoreRepository(Database db) {
        this.db = db;
    }

    /** An applied rescore as recorded. */
    public record Applied(long id, long competitionId, String actor, String reason, String oldSha256,
                          String newSha256, int labelsChanged, int usagesChanged, int submissionsChanged,
                          Instant at) {
    }

    static void insert(Connection c, Applied a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rescores (competition_id, actor, reason,"
                + " old_sha256, new_sha256, labels_changed, usages_changed, submissions_changed, at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.competitionId());
            ps.setString(2, a.actor());
            ps.setString(3, a.reason().length() <= 2000 ? a.reason() : a.reason().substring(0, 2000));
            ps.setString(4, a.oldSha256());
            ps.setString(5, a.newSha256());
            ps.setInt(6, a.labelsChanged());
            ps.setInt(7, a.usagesChanged());
            ps.setInt(8, a.submissionsChanged());
            ps.setLong(9, a.at().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Locks the competition's row for the caller's transaction, so rescores of one competition follow one another. */
    static void lockCompetition(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM competitions WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, competitionId);
            ps.executeQuery().close();
        }
    }

    /** The competition's newest applied rescore. */
    public Optional<Applied> latest(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, competition_id, actor, reason, old_sha256,"
                    + " new_sha256, labels_changed, usages_changed, submissions_changed, at_ms FROM rescores"
                    + " WHERE competition_id = ? ORDER BY id DESC")) {
                ps.setLong(1, competitionId);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Applied(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
        });
    }

    /** Counts submissions corrected after the competition's newest rescore was applied ({@code Rescore} catch-up). */
    static void caughtUp(Connection c, long competitionId, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rescores SET caught_up = caught_up + ?"
                + " WHERE id = (SELECT MAX(id) FROM rescores WHERE competition_id = ?)")) {
            ps.setInt(1, n);
            ps.setLong(2, competitionId);
            ps.executeUpdate();
        }
    }

    /**
     * A number that grows with each rescore of the competition and each correction after one (0 if none): a cheap
     * mark of "scores already counted have changed".
     */
    public long mark(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(1 + caught_up), 0) FROM rescores"
                    + " WHERE competition_id = ?")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
