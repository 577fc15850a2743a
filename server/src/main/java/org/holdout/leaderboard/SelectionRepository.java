package org.holdout.leaderboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.holdout.db.Database;

/** The final_selections table: the submissions each student marked as final. */
public final class SelectionRepository {
    private final Database db;

    public SelectionRepository(Database db) {
        this.db = db;
    }

    /** Every student's marked submission ids in a competition, each list in id order. */
    public Map<Long, List<Long>> marked(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, submission_id FROM final_selections"
                    + " WHERE competition_id = ? ORDER BY account_id, submission_id")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<Long, List<Long>> out = new HashMap<>();
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), a -> new ArrayList<>()).add(rs.getLong(2));
                    }
                    return out;
                }
            }
        });
    }

    /** One student's marked submission ids, in id order. */
    public List<Long> marked(long competitionId, long accountId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT submission_id FROM final_selections"
                    + " WHERE competition_id = ? AND account_id = ? ORDER BY submission_id")) {
                ps.setLong(1, competitionId);
                ps.setLong(2, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Long> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                    return out;
                }
            }
        });
    }

    /** Replaces one student's marks with {@code submissions} in the caller's transaction. */
    static void replace(Connection c, long competitionId, long accountId, List<Long> submissions, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM final_selections WHERE competition_id = ?"
                + " AND account_id = ?")) {
            ps.setLong(1, competitionId);
            ps.setLong(2, accountId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO final_selections (competition_id, account_id,"
                + " submission_id, marked_ms) VALUES (?, ?, ?, ?)")) {
            for (long id : submissions) {
                ps.setLong(1, competitionId);
                ps.setLong(2, accountId);
                ps.setLong(3, id);
                ps.setLong(4, at.toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
