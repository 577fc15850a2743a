package org.holdout.leaderboard;

import static org.holdout.db.Nullable.getDouble;
import static org.holdout.db.Nullable.setDouble;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.holdout.baselines.Tier;
import org.holdout.db.Database;

/** The baselines table: one row per competition and tier. */
public final class BaselineRepository {
    private final Database db;

    public BaselineRepository(Database db) {
        this.db = db;
    }

    public void put(long competitionId, Tier tier, Double publicAuc, Double privateAuc, String source, String sha256,
                    Instant now) {
        db.inTransaction(c -> {
            String update = "UPDATE baselines SET public_auc = ?, private_auc = ?, source = ?, sha256 = ?,"
                    + " updated_ms = ? WHERE competition_id = ? AND tier = ?";
            String insert = "INSERT INTO baselines (public_auc, private_auc, source, sha256, updated_ms,"
                    + " competition_id, tier) VALUES (?, ?, ?, ?, ?, ?, ?)";
            if (write(c, update, competitionId, tier, publicAuc, privateAuc, source, sha256, now) == 0) {
                write(c, insert, competitionId, tier, publicAuc, privateAuc, source, sha256, now);
            }
            return null;
        });
    }

    /** Runs the update or the insert: both take the same parameters in the same order. */
    private static int write(Connection c, String sql, long competitionId, Tier tier, Double publicAuc,
                             Double privateAuc, String source, String sha256, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setDouble(ps, 1, publicAuc);
            setDouble(ps, 2, privateAuc);
            ps.setString(3, source);
            ps.setString(4, sha256);
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, competitionId);
            ps.setString(7, tier.id());
            return ps.executeUpdate();
        }
    }

    public List<BaselineScore> all(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tier, public_auc, private_auc, source, updated_ms"
                    + " FROM baselines WHERE competition_id = ?")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<BaselineScore> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new BaselineScore(Tier.parse(rs.getString("tier")), getDouble(rs, "public_auc"),
                                getDouble(rs, "private_auc"), rs.getString("source"),
                                Instant.ofEpochMilli(rs.getLong("updated_ms"))));
                    }
                    out.sort(java.util.Comparator.comparing(BaselineScore::tier));
                    return out;
                }
            }
        });
    }

}
