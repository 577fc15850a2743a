package org.holdout.competition;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.holdout.audit.AuditLog;
import org.holdout.db.Database;
import org.holdout.threshold.ThresholdRepository;

/** The competitions table. */
public final class CompetitionRepository {
    private static final String SELECT = "SELECT id, slug, title, bundle_dir, time_zone, daily_limit, deadline_ms,"
            + " private_revealed, created_ms, final_selections, rules_md, restricted, late_policy, code_deadline_ms,"
            + " report_rule";
    private final Database db;

    public CompetitionRepository(Database db) {
        this.db = db;
    }

    public Competition insert(String slug, String title, Path bundleDir, ZoneId zone, int dailyLimit, Instant deadline,
                              Instant now) {
        return insert(new CompetitionSettings(slug, title, zone, dailyLimit, deadline,
                Competition.DEFAULT_FINAL_SELECTIONS), bundleDir, now);
    }

    /** A new competition, with the default thresholds, in one transaction. */
    public Competition insert(CompetitionSettings settings, Path bundleDir, Instant now) {
        return db.inTransaction(c -> insert(c, settings, bundleDir, now));
    }

    /** Records a new competition and its creation by {@code actor}, audited in the same transaction, synced. */
    public Competition create(CompetitionSettings settings, Path bundleDir, String actor, String detail, Instant now) {
        Competition created = db.inTransaction(c -> {
            Competition made = insert(c, settings, bundleDir, now);
            AuditLog.record(c, made.id(), actor, "create", detail, null, now);
            return made;
        });
        db.durable();
        return created;
    }

    private static Competition insert(Connection c, CompetitionSettings settings, Path bundleDir, Instant now)
            throws SQLException {
        String slug = settings.slug();
        String title = settings.title();
        ZoneId zone = settings.timeZone();
        int dailyLimit = settings.dailyLimit();
        Instant deadline = settings.deadline();
        int finalSelections = settings.finalSelections();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO competitions (slug, title, bundle_dir,"
                + " time_zone, daily_limit, deadline_ms, private_revealed, created_ms, final_selections)"
                + " VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, slug);
            ps.setString(2, title);
            ps.setString(3, bundleDir.toAbsolutePath().toString());
            ps.setString(4, zone.getId());
            ps.setInt(5, dailyLimit);
            if (deadline == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, deadline.toEpochMilli());
            }
            ps.setLong(7, now.toEpochMilli());
            ps.setInt(8, finalSelections);
            ps.executeUpdate();
            long id;
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
            ThresholdRepository.addDefaults(c, id, now);
            return new Competition(id, slug, title, bundleDir.toAbsolutePath(), zone, dailyLimit, deadline, false,
                    now, finalSelections, null, false, LatePolicy.REFUSE);
        }
    }

    /** The first competition created: the default one, which the routes without a slug serve. */
    public Optional<Competition> first() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " FROM competitions ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        });
    }

    /** Every competition, the default (first created) first. */
    public List<Competition> all() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " FROM competitions ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<Competition> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    public Optional<Competition> bySlug(String slug) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " FROM competitions WHERE slug = ?")) {
                ps.setString(1, slug);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<Competition> byId(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " FROM competitions WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Reveals the private scores, audited as {@code actor}'s action (with their reason, if any) in the same transaction. */
    public void reveal(long id, String actor, Instant at) {
        reveal(id, actor, null, at);
    }

    /** {@link #reveal(long, String, Instant)} with the reason staff gave ({@code null}: none). */
    public void reveal(long id, String actor, String reason, Instant at) {
        db.inTransaction(c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE competitions SET private_revealed = TRUE WHERE id = ? AND private_revealed = FALSE")) {
                ps.setLong(1, id);
                changed = ps.executeUpdate();
            }
            // a second click, or a second tab, reveals nothing more: the log keeps the one reveal that happened
            if (changed == 1) {
                AuditLog.record(c, id, actor, "reveal", "private scores revealed to students", reason, at);
            }
            return null;
        });
    }

    /** Moves the deadline ({@code null}: none), audited as {@code actor}'s action (and reason) in the same transaction. */
    public void setDeadline(long id, Instant deadline, String actor, Instant at) {
        setDeadline(id, deadline, actor, null, at);
    }

    /** {@link #setDeadline(long, Instant, String, Instant)} with the reason staff gave ({@code null}: none). */
    public void setDeadline(long id, Instant deadline, String actor, String reason, Instant at) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        values.put(Setting.DEADLINE, deadline);
        db.inTransaction(c -> applySettings(c, id, values, actor, reason, at));
    }

    /**
     * Sets the settings in {@code values} (null: no rules of its own, no deadline) in the caller's transaction, each
     * that changes with an audit entry "before -> after" as {@code actor}'s action with {@code reason}.
     *
     * @return the audit details of the changes, none when every value was already so
     */
    static List<String> applySettings(Connection c, long id, Map<Setting, Object> values, String actor, String reason,
                                      Instant at) throws SQLException {
        Competition before = locked(c, id);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<Setting, Object> e : values.entrySet()) {
            Setting s = e.getKey();
            Object old = s.of(before);
            Object now = e.getValue();
            if (Objects.equals(old, now)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE competitions SET " + column(s) + " = ? WHERE id = ?")) {
                bind(ps, s, now);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            String detail = s.change(old, now);
            AuditLog.record(c, id, actor, s.action(), detail, reason, at);
            changes.add(detail);
        }
        return changes;
    }

    /**
     * Restricts the competition to its roster, or opens it to every account, in the caller's transaction; audited as
     * {@code restrict} or {@code open} when it changes.
     *
     * @return whether it changed
     */
    static boolean setRestricted(Connection c, long id, boolean restricted, String actor, String reason, Instant at)
            throws SQLException {
        if (locked(c, id).restricted() == restricted) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE competitions SET restricted = ? WHERE id = ?")) {
            ps.setBoolean(1, restricted);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        AuditLog.record(c, id, actor, restricted ? "restrict" : "open", restricted
                ? "restricted to its roster" : "open to every account", reason, at);
        return true;
    }

    /** The competition's row, locked until the caller's transaction ends. */
    private static Competition locked(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " FROM competitions WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no competition with id " + id);
                }
                return map(rs);
            }
        }
    }

    private static String column(Setting s) {
        return switch (s) {
            case TITLE -> "title";
            case RULES -> "rules_md";
            case TIME_ZONE -> "time_zone";
            case DAILY_LIMIT -> "daily_limit";
            case DEADLINE -> "deadline_ms";
            case FINAL_SELECTIONS -> "final_selections";
            case LATE_POLICY -> "late_policy";
            case CODE_DEADLINE -> "code_deadline_ms";
            case REPORT_RULE -> "report_rule";
        };
    }

    private static void bind(PreparedStatement ps, Setting s, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(1, s == Setting.DEADLINE || s == Setting.CODE_DEADLINE ? Types.BIGINT : Types.VARCHAR);
        } else if (v instanceof Instant i) {
            ps.setLong(1, i.toEpochMilli());
        } else if (v instanceof ZoneId z) {
            ps.setString(1, z.getId());
        } else if (v instanceof ReportRule r) {
            ps.setString(1, r.toString());
        } else if (v instanceof LatePolicy p) {
            ps.setString(1, p.name());
        } else if (v instanceof Integer n) {
            ps.setInt(1, n);
        } else {
            ps.setString(1, (String) v);
        }
    }

    private static Competition map(ResultSet rs) throws SQLException {
        long deadline = rs.getLong("deadline_ms");
        Instant dl = rs.wasNull() ? null : Instant.ofEpochMilli(deadline);
        long codeDeadline = rs.getLong("code_deadline_ms");
        Instant code = rs.wasNull() ? null : Instant.ofEpochMilli(codeDeadline);
        return new Competition(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                Path.of(rs.getString("bundle_dir")), ZoneId.of(rs.getString("time_zone")), rs.getInt("daily_limit"),
                dl, rs.getBoolean("private_revealed"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                rs.getInt("final_selections"), rs.getString("rules_md"), rs.getBoolean("restricted"),
                LatePolicy.valueOf(rs.getString("late_policy")), code, ReportRule.parse(rs.getString("report_rule")));
    }
}
