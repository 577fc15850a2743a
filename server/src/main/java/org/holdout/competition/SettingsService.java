package org.holdout.competition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.db.Database;
import org.holdout.threshold.Threshold;

/**
 * Saves what staff change on a competition's settings page or through its settings API: the settings, whether it is
 * restricted to its roster, and who is on that roster. Everything is checked first; then all of it is saved, with an
 * audit entry for each change, in one transaction, or nothing is.
 */
public final class SettingsService {
    /** The names of the roster's fields in the form, the JSON API and the problems. */
    public static final String RESTRICTED = "restricted";
    public static final String ROSTER_ADD = "rosterAdd";
    public static final String ROSTER_REMOVE = "rosterRemove";

    private final Database db;
    private final MemberRepository members;
    private final AccountRepository accounts;
    private final Clock clock;
    private final LongFunction<List<Threshold>> thresholds;

    /** {@code thresholds}: a competition's thresholds by its id, which a report rule must name one of. */
    public SettingsService(Database db, MemberRepository members, AccountRepository accounts, Clock clock,
                           LongFunction<List<Threshold>> thresholds) {
        this.db = db;
        this.members = members;
        this.accounts = accounts;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /**
     * What to change: the settings typed (one left out stays as it is), restricted or open (null: as it is), the
     * usernames to put on and take off the roster, and why (may be null).
     */
    public record Request(Map<Setting, String> settings, Boolean restricted, List<String> rosterAdd,
                          List<String> rosterRemove, String reason) {
        public Request {
            settings = Map.copyOf(settings);
            rosterAdd = List.copyOf(rosterAdd);
            rosterRemove = List.copyOf(rosterRemove);
        }
    }

    /** Either problems (by field name, nothing saved) or the audit details of what changed (empty: nothing did). */
    public record Outcome(Map<String, String> problems, List<String> changes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Outcome save(Competition c, Request request, String actor) {
        Instant now = clock.instant();
        SettingsRules.Checked checked = SettingsRules.check(c, request.settings(), now);
        Map<String, String> problems = new LinkedHashMap<>();
        checked.problems().forEach((s, message) -> problems.put(s.field(), message));
        if (checked.values().get(Setting.REPORT_RULE) instanceof ReportRule rule
                && !rule.equals(c.reportRule())) {
            String unknown = SettingsRules.unknownThreshold(rule, thresholds.apply(c.id()).stream()
                    .map(Threshold::name).toList());
            if (unknown != null) {
                problems.put(Setting.REPORT_RULE.field(), unknown);
            }
        }
        List<Account> add = accounts(request.rosterAdd(), ROSTER_ADD, problems);
        List<Account> remove = accounts(request.rosterRemove(), ROSTER_REMOVE, problems);
        if (!problems.isEmpty()) {
            return new Outcome(problems, List.of());
        }
        List<String> changes = db.inTransaction(conn -> {
            List<String> out = new ArrayList<>(CompetitionRepository.applySettings(conn, c.id(), checked.values(),
                    actor, request.reason(), now));
            if (request.restricted() != null && CompetitionRepository.setRestricted(conn, c.id(),
                    request.restricted(), actor, request.reason(), now)) {
                out.add(request.restricted() ? "restricted to its roster" : "open to every account");
            }
            MemberRepository.change(conn, c.id(), add, remove, actor, request.reason(), now).ifPresent(out::add);
            return out;
        });
        return new Outcome(Map.of(), changes);
    }

    /** The usernames on the competition's roster, in order. */
    public List<String> roster(Competition c) {
        return members.usernames(c.id());
    }

    /** The accounts named, or a problem under {@code field} naming each username no account has. */
    private List<Account> accounts(List<String> usernames, String field, Map<String, String> problems) {
        List<Account> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : new LinkedHashSet<>(usernames)) {
            Optional<Account> a = name.isBlank() ? Optional.empty() : accounts.byUsername(name.strip());
            if (a.isPresent()) {
                found.add(a.get());
            } else if (!name.isBlank()) {
                unknown.add("\"" + (name.length() <= 64 ? name : name.substring(0, 64) + "…") + "\"");
            }
        }
        if (!unknown.isEmpty()) {
            problems.put(field, "The roster: no account is called " + String.join(", ", unknown)
                    + (field.equals(ROSTER_ADD) ? "; create the account first (holdout users import or users add)."
                    : "."));
        }
        return found;
    }
}
