package org.holdout.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.holdout.db.Database;

/** The accounts and sessions tables. */
public final class AccountRepository {
    private static final String COLUMNS =
            "id, username, display_name, email, role, password_hash, token_hash, created_ms";

    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public AccountRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts the account with its lower-cased username, which a unique index keeps unique.
     *
     * @return the account, or empty when the username is taken in any case
     */
    public Optional<Account> insert(String username, String displayName, String email, Role role,
                                    String passwordHash, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (username, username_lower,"
                    + " display_name, email, role, password_hash, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, username);
                ps.setString(2, AccountRules.key(username));
                ps.setString(3, displayName);
                ps.setString(4, email);
                ps.setString(5, role.name());
                ps.setString(6, passwordHash);
                ps.setLong(7, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return Optional.of(new Account(rs.getLong(1), username, displayName, email, role, passwordHash,
                            null, now));
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * The account with this username in any case. Two accounts whose names differ only in case can exist from before
     * names were compared that way: the exact spelling wins, else the older account (the one with the lower-cased
     * name, see V5).
     */
    public Optional<Account> byUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Optional<Account> exact = one("SELECT " + COLUMNS + " FROM accounts WHERE username = ?", username);
        return exact.isPresent() ? exact
                : one("SELECT " + COLUMNS + " FROM accounts WHERE username_lower = ?", AccountRules.key(username));
    }

    public Optional<Account> byId(long id) {
        return one("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id);
    }

    public Optional<Account> byTokenHash(String tokenHash) {
        return one("SELECT " + COLUMNS + " FROM accounts WHERE token_hash = ?", tokenHash);
    }

    public List<Account> all() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                List<Account> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    /** Username, display name and role of every account, by id (none of the three ever changes for an account). */
    public Map<Long, Name> names() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, username, display_name, role FROM accounts");
                 ResultSet rs = ps.executeQuery()) {
                Map<Long, Name> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), new Name(rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4))));
                }
                return out;
            }
        });
    }

    public record Name(String username, String displayName, Role role) {
    }

    public boolean anyWithRole(Role role) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accounts WHERE role = ?")) {
                ps.setString(1, role.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    public void setTokenHash(long accountId, String tokenHash) {
        update("UPDATE accounts SET token_hash = ? WHERE id = ?", tokenHash, accountId);
    }

    /** The new password hash, and no API token any more: a script's token does not outlive the password. */
    public void setPasswordHashRevokingToken(long accountId, String passwordHash) {
        update("UPDATE accounts SET password_hash = ?, token_hash = NULL WHERE id = ?", passwordHash, accountId);
    }

    /** Takes the student's row lock until the transaction of {@code c} ends: uploads of one student queue here. */
    public static void lock(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("account " + accountId + " vanished");
                }
            }
        }
    }

    public void insertSession(String idHash, long accountId, String csrf, Instant now, Instant expires) {
        update("DELETE FROM sessions WHERE expires_ms <= ?", now.toEpochMilli());
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id_hash, account_id, csrf_token,"
                    + " created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, idHash);
                ps.setLong(2, accountId);
                ps.setString(3, csrf);
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, expires.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The live session with this id hash: its account and CSRF token. */
    public Optional<Session> session(String idHash, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.csrf_token, a." + COLUMNS.replace(", ", ", a.")
                    + " FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ? AND s.expires_ms > ?")) {
                ps.setString(1, idHash);
                ps.setLong(2, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(map(rs), rs.getString("csrf_token"))) : Optional.empty();
                }
            }
        });
    }

    /** Ends every session of the account but the one with {@code keepIdHash}. */
    public void deleteOtherSessions(long accountId, String keepIdHash) {
        update("DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?", accountId, keepIdHash);
    }

    public void deleteSession(String idHash) {
        update("DELETE FROM sessions WHERE id_hash = ?", idHash);
    }

    private void update(String sql, Object... args) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private Optional<Account> one(String sql, Object arg) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Account map(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getString("password_hash"),
                rs.getString("token_hash"), Instant.ofEpochMilli(rs.getLong("created_ms")));
    }

    /** A logged-in browser: who, and the token its forms must echo. */
    public record Session(Account account, String csrfToken) {
    }
}
