package org.holdout.competition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.holdout.account.Account;
import org.holdout.audit.AuditLog;
import org.holdout.db.Database;

/** The competition_members table: each competition's roster, the accounts that may enter it once it is restricted. */
public final class MemberRepository implements CompetitionEntry.Roster {
    private final Database db;

    public MemberRepository(Database db) {
        this.db = db;
    }

    @Override
    public boolean has(long competitionId, long accountId) {
        return db.withConnection(c -> has(c, competitionId, accountId));
    }

    /** The usernames on a competition's roster, ignoring case in order (the same on every database). */
    public List<String> usernames(long competitionId) {
        return db.withConnection(c -> usernames(c, competitionId));
    }

    static List<String> usernames(Connection c, long competitionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.username FROM competition_members m JOIN accounts a"
                + " ON a.id = m.account_id WHERE m.competition_id = ?")) {
            ps.setLong(1, competitionId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                out.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
                return out;
            }
        }
    }

    /** The ids of the accounts on a competition's roster. */
    public Set<Long> accountIds(long competitionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM competition_members"
                    + " WHERE competition_id = ?")) {
                ps.setLong(1, competitionId);
                try (ResultSet rs = ps.executeQuery()) {
                    Set<Long> out = new HashSet<>();
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                    return out;
                }
            }
        });
    }

    /** The competitions whose roster holds the account. */
    public Set<Long> competitionsOf(long accountId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT competition_id FROM competition_members"
                    + " WHERE account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    Set<Long> out = new HashSet<>();
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Puts {@code add} on the roster and takes {@code remove} off it in the caller's transaction, audited as one
     * {@code roster} entry when anything changed.
     *
     * @return the entry's detail, empty when every account was already where it should be
     */
    static Optional<String> change(Connection c, long competitionId, List<Account> add, List<Account> remove,
                                   String actor, String reason, Instant at) throws SQLException {
        List<String> added = new ArrayList<>();
        for (Account a : add) {
            if (!has(c, competitionId, a.id())) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO competition_members (competition_id,"
                        + " account_id) VALUES (?, ?)")) {
                    ps.setLong(1, competitionId);
                    ps.setLong(2, a.id());
                    ps.executeUpdate();
                }
                added.add(a.username());
            }
        }
        List<String> removed = new ArrayList<>();
        for (Account a : remove) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM competition_members WHERE competition_id = ?"
                    + " AND account_id = ?")) {
                ps.setLong(1, competitionId);
                ps.setLong(2, a.id());
                if (ps.executeUpdate() > 0) {
                    removed.add(a.username());
                }
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return Optional.empty();
        }
        String detail = "roster" + (added.isEmpty() ? "" : " + " + String.join(", ", added))
                + (removed.isEmpty() ? "" : " - " + String.join(", ", removed));
        AuditLog.record(c, competitionId, actor, "roster", detail, reason, at);
        return Optional.of(detail);
    }

    private static boolean has(Connection c, long competitionId, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM competition_members WHERE competition_id = ?"
                + " AND account_id = ?")) {
            ps.setLong(1, competitionId);
            ps.setLong(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
