package org.holdout.submission;

import static org.holdout.db.Nullable.getDouble;
import static org.holdout.db.Nullable.setDouble;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.holdout.db.Database;

/** The submissions table. State changes go through {@link SubmissionStateMachine} only. */
public final class SubmissionRepository {
    static final String COLUMNS = "id, competition_id, account_id, state, file_name, sha256, size_bytes, received_ms,"
            + " decided_ms, public_auc, private_auc, row_count, message, bytes_kept, late, message_key";

    private final Database db;

    public SubmissionRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts a RECEIVED row on {@code c} and returns its id ({@code bytesKept}: its bytes are in the store;
     * {@code late}: received after the deadline and accepted as late).
     */
    static long insertReceived(Connection c, long competitionId, long accountId, String fileName, String sha256,
                               long size, Instant received, boolean bytesKept, boolean late) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO submissions (competition_id, account_id, state,"
                + " file_name, sha256, size_bytes, received_ms, bytes_kept, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, competitionId);
            ps.setLong(2, accountId);
            ps.setString(3, SubmissionState.RECEIVED.name());
            ps.setString(4, fileName);
            ps.setString(5, sha256);
            ps.setLong(6, size);
            ps.setLong(7, received.toEpochMilli());
            ps.setBoolean(8, bytesKept);
            ps.setBoolean(9, late);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every submission still RECEIVED (a crash came between storing and deciding), oldest first. */
    public List<Submission> received() {
        return list("SELECT " + COLUMNS + " FROM submissions WHERE state = 'RECEIVED' ORDER BY id");
    }

    /** A refused submission whose bytes are still stored: what the retention rule may prune. */
    public record KeptRefusal(long id, long accountId, String sha256, long sizeBytes, long receivedMs) {
    }

    /** Refused submissions whose bytes are still kept, newest first (of one account, or of all if null). */
    public List<KeptRefusal> keptRefusals(Long accountId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, sha256, size_bytes, received_ms"
                    + " FROM submissions WHERE state = 'REFUSED' AND bytes_kept = TRUE"
                    + (accountId == null ? "" : " AND account_id = ?") + " ORDER BY received_ms DESC, id DESC")) {
                if (accountId != null) {
                    ps.setLong(1, accountId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<KeptRefusal> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new KeptRefusal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5)));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Marks the refused submissions with these bytes as no longer kept, unless a submission that is not refused or a
     * code upload uses the same bytes; true if the bytes may now be deleted from the store.
     */
    public boolean releaseRefusedBytes(String sha256) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM submissions WHERE sha256 = ?"
                    + " AND state <> 'REFUSED') + (SELECT COUNT(*) FROM code_uploads WHERE sha256 = ?)")) {
                ps.setString(1, sha256);
                ps.setString(2, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET bytes_kept = FALSE"
                    + " WHERE sha256 = ? AND state = 'REFUSED'")) {
                ps.setString(1, sha256);
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Moves a row from {@code from} to {@code to}; false if the row was not in {@code from}. */
    static boolean updateState(Connection c, long id, SubmissionState from, SubmissionState to, Instant decided,
                               Double publicAuc, Double privateAuc, Integer rows, String message, String messageKey)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET state = ?, decided_ms = ?,"
                + " public_auc = ?, private_auc = ?, row_count = ?, message = ?, message_key = ?"
                + " WHERE id = ? AND state = ?")) {
            ps.setString(1, to.name());
            ps.setLong(2, decided.toEpochMilli());
            setDouble(ps, 3, publicAuc);
            setDouble(ps, 4, privateAuc);
            if (rows == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, rows);
            }
            ps.setString(6, storedMessage(message));
            ps.setString(7, messageKey == null || messageKey.length() > 4000 ? null : messageKey);
            ps.setLong(8, id);
            ps.setString(9, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** A scored submission's id and AUCs: what a rescore compares and replaces. */
    public record Scores(long id, Double publicAuc, Double privateAuc) {
    }

    /** The AUCs of every scored submission of a competition, by id, read on {@code c}. */
    public static List<Scores> scoredScores(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, public_auc, private_auc FROM submissions"
                + " WHERE competition_id = ? AND state = 'SCORED' ORDER BY id")) {
            ps.setLong(1, competitionId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Scores> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Scores(rs.getLong(1), getDouble(rs, 2), getDouble(rs, 3)));
                }
                return out;
            }
        }
    }

    /**
     * Replaces a scored submission's AUCs (a rescore against a corrected answer key); its state, times and flags
     * stay. False if the row is not scored.
     */
    public static boolean rescore(Connection c, long id, Double publicAuc, Double privateAuc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET public_auc = ?, private_auc = ?"
                + " WHERE id = ? AND state = 'SCORED'")) {
            setDouble(ps, 1, publicAuc);
            setDouble(ps, 2, privateAuc);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    static String storedMessage(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
    }

    /** Scored submissions of one student received in [{@code from}, {@code to}). */
    static int countScored(Connection c, long competitionId, long accountId, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM submissions WHERE competition_id = ?"
                + " AND account_id = ? AND state = ? AND received_ms >= ? AND received_ms < ?")) {
            ps.setLong(1, competitionId);
            ps.setLong(2, accountId);
            ps.setString(3, SubmissionState.SCORED.name());
            ps.setLong(4, from.toEpochMilli());
            ps.setLong(5, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public int countScored(long competitionId, long accountId, Instant from, Instant to) {
        return db.withConnection(c -> countScored(c, competitionId, accountId, from, to));
    }

    public Optional<Submission> byId(long id) {
        List<Submission> l = list("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<Submission> ofStudent(long competitionId, long accountId) {
        return list("SELECT " + COLUMNS + " FROM submissions WHERE competition_id = ? AND account_id = ?"
                + " ORDER BY received_ms DESC, id DESC", competitionId, accountId);
    }

    public List<Submission> ofCompetition(long competitionId) {
        return list("SELECT " + COLUMNS + " FROM submissions WHERE competition_id = ? ORDER BY received_ms DESC,"
                + " id DESC", competitionId);
    }

    public List<Submission> scored(long competitionId) {
        return list("SELECT " + COLUMNS + " FROM submissions WHERE competition_id = ? AND state = 'SCORED'"
                + " ORDER BY received_ms, id", competitionId);
    }

    /** A decided submission with only what the boards need ({@code scored} false: refused or failed). */
    public record BoardEntry(long id, long accountId, boolean scored, Double publicAuc, Double privateAuc,
                             long receivedMs, long decidedMs, boolean late) {
    }

    private static final String BOARD_COLUMNS = "id, account_id, state, public_auc, private_auc, received_ms,"
            + " decided_ms, late";

    /** The scored submissions of a competition, in no particular order (the board does not need one). */
    public List<BoardEntry> scoredForBoard(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + BOARD_COLUMNS
                    + " FROM submissions WHERE competition_id = ? AND state = 'SCORED'")) {
                ps.setLong(1, competitionId);
                return boardEntries(ps);
            }
        });
    }

    /** The ids of a competition's submissions decided at or after a time, read from an index alone. */
    public List<Long> decidedSince(long competitionId, long sinceMs) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM submissions WHERE competition_id = ?"
                    + " AND decided_ms >= ?")) {
                ps.setLong(1, competitionId);
                ps.setLong(2, sinceMs);
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

    /** The board's view of the given submissions (decided or not). */
    public List<BoardEntry> forBoard(List<Long> ids) {
        List<BoardEntry> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 100));
            out.addAll(db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + BOARD_COLUMNS + " FROM submissions WHERE id IN ("
                        + "?,".repeat(part.size() - 1) + "?) AND decided_ms IS NOT NULL")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setLong(i + 1, part.get(i));
                    }
                    return boardEntries(ps);
                }
            }));
        }
        return out;
    }

    private static List<BoardEntry> boardEntries(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<BoardEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new BoardEntry(rs.getLong(1), rs.getLong(2), SubmissionState.SCORED.name().equals(rs.getString(3)),
                        getDouble(rs, 4), getDouble(rs, 5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8)));
            }
            return out;
        }
    }

    public long count(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM submissions WHERE competition_id = ?")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private List<Submission> list(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Submission> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                    return out;
                }
            }
        });
    }



    private static Submission map(ResultSet rs) throws SQLException {
        long decided = rs.getLong("decided_ms");
        Instant dec = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
        int rows = rs.getInt("row_count");
        Integer r = rs.wasNull() ? null : rows;
        return new Submission(rs.getLong("id"), rs.getLong("competition_id"), rs.getLong("account_id"),
                SubmissionState.valueOf(rs.getString("state")), rs.getString("file_name"), rs.getString("sha256"),
                rs.getLong("size_bytes"), Instant.ofEpochMilli(rs.getLong("received_ms")), dec,
                getDouble(rs, "public_auc"), getDouble(rs, "private_auc"), r, rs.getString("message"),
                rs.getBoolean("bytes_kept"), rs.getBoolean("late"), rs.getString("message_key"));
    }
}
