package org.holdout.code;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.holdout.db.Database;

/** The code_uploads table: every accepted code zip; a student's latest (by time, then id) is the one that counts. */
public final class CodeUploadRepository {
    private static final String COLUMNS = "id, competition_id, account_id, file_name, sha256, size_bytes, received_ms,"
            + " has_report, entries";
    private final Database db;

    public CodeUploadRepository(Database db) {
        this.db = db;
    }

    static CodeUpload insert(Connection c, long competitionId, long accountId, String fileName, String sha256,
                             long size, Instant received, boolean hasReport, int entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO code_uploads (competition_id, account_id,"
                + " file_name, sha256, size_bytes, received_ms, has_report, entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, competitionId);
            ps.setLong(2, accountId);
            ps.setString(3, fileName);
            ps.setString(4, sha256);
            ps.setLong(5, size);
            ps.setLong(6, received.toEpochMilli());
            ps.setBoolean(7, hasReport);
            ps.setInt(8, entries);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new CodeUpload(rs.getLong(1), competitionId, accountId, fileName, sha256, size, received,
                        hasReport, entries);
            }
        }
    }

    /** The student's latest code upload in the competition. */
    public Optional<CodeUpload> latest(long competitionId, long accountId) {
        List<CodeUpload> l = list("SELECT " + COLUMNS + " FROM code_uploads WHERE competition_id = ? AND account_id = ?"
                + " ORDER BY received_ms DESC, id DESC", 1, competitionId, accountId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Each student's latest code upload in the competition, by account id. */
    public Map<Long, CodeUpload> latestPerStudent(long competitionId) {
        Map<Long, CodeUpload> out = new LinkedHashMap<>();
        for (CodeUpload u : list("SELECT " + COLUMNS + " FROM code_uploads WHERE competition_id = ?"
                + " ORDER BY account_id, received_ms DESC, id DESC", 0, competitionId)) {
            out.putIfAbsent(u.accountId(), u);
        }
        return out;
    }

    /** How many code zips each student uploaded in the competition, by account id. */
    public Map<Long, Integer> countsPerStudent(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, COUNT(*) FROM code_uploads"
                    + " WHERE competition_id = ? GROUP BY account_id")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<Long, Integer> out = new LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getInt(2));
                    }
                    return out;
                }
            }
        });
    }

    /** The accounts with at least one code upload in the competition: the grade export's {@code code_uploaded}. */
    public Set<Long> accountsWithCode(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT account_id FROM code_uploads"
                    + " WHERE competition_id = ? ORDER BY account_id")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    Set<Long> out = new LinkedHashSet<>();
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                    return out;
                }
            }
        });
    }

    private List<CodeUpload> list(String sql, int maxRows, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.setMaxRows(maxRows);
                try (ResultSet rs = ps.executeQuery()) {
                    List<CodeUpload> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new CodeUpload(rs.getLong("id"), rs.getLong("competition_id"),
                                rs.getLong("account_id"), rs.getString("file_name"), rs.getString("sha256"),
                                rs.getLong("size_bytes"), Instant.ofEpochMilli(rs.getLong("received_ms")),
                                rs.getBoolean("has_report"), rs.getInt("entries")));
                    }
                    return out;
                }
            }
        });
    }
}
