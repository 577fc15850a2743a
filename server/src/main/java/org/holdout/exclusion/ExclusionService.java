package org.holdout.exclusion;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.audit.AuditLog;
import org.holdout.competition.Competition;
import org.holdout.db.Database;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;

/**
 * Staff exclude a submission or a whole student from a competition's boards, selections and grades, with a reason,
 * and lift an exclusion with a reason; each is audited in the same transaction. The boards read exclusions afresh,
 * so the change shows at once on every server process.
 */
public final class ExclusionService {
    private final Database db;
    private final ExclusionRepository repository;
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final Clock clock;

    public ExclusionService(Database db, ExclusionRepository repository, SubmissionRepository submissions,
                            AccountRepository accounts, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.submissions = submissions;
        this.accounts = accounts;
        this.clock = clock;
    }

    public ExclusionRepository repository() {
        return repository;
    }

    /** Why a request was refused, and the HTTP status that says so. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Excludes {@code submission} (its id) or the student {@code username} of {@code c}, as {@code actor}. */
    public Exclusion exclude(Competition c, Account actor, Long submission, String username, String reasonText) {
        Optional<String> problem = ExclusionRules.target(submission, username);
        if (problem.isPresent()) {
            throw new Refused(400, problem.get());
        }
        String reason = checked(() -> ExclusionRules.reason(reasonText, "exclude it"));
        long accountId;
        String detail;
        if (submission != null) {
            Submission s = submissions.byId(submission).filter(x -> x.competitionId() == c.id())
                    .orElseThrow(() -> new Refused(404, "\"submission\": there is no submission " + submission
                            + " in " + c.slug() + "."));
            accountId = s.accountId();
            String owner = accounts.byId(accountId).map(Account::username).orElse("account " + accountId);
            detail = "submission " + submission + " of " + owner;
        } else {
            String name = username.strip();
            Account a = accounts.byUsername(name).filter(x -> x.role() == Role.STUDENT)
                    .orElseThrow(() -> new Refused(404, "\"username\": no student account is called \""
                            + (name.length() <= 64 ? name : name.substring(0, 64) + "…") + "\"."));
            accountId = a.id();
            detail = "student " + a.username();
        }
        Instant now = clock.instant();
        long id = db.inTransaction(conn -> {
            AccountRepository.lock(conn, accountId);
            Optional<Exclusion> already = ExclusionRules.duplicate(ExclusionRepository.active(conn, c.id()),
                    submission, accountId);
            if (already.isPresent()) {
                throw new Refused(409, "The " + detail + " is already excluded (exclusion " + already.get().id()
                        + "); lift that one first to exclude it again.");
            }
            long made = ExclusionRepository.insert(conn, c.id(), submission, accountId, reason, actor.id(), now);
            AuditLog.record(conn, c.id(), actor.username(), "exclude", "exclusion " + made + ": " + detail, reason,
                    now);
            return made;
        });
        db.durable();
        return repository.all(c.id()).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    /** Lifts exclusion {@code id} of {@code c}, as {@code actor}. */
    public Exclusion lift(Competition c, Account actor, long id, String reasonText) {
        Exclusion e = repository.all(c.id()).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new Refused(404, "There is no exclusion " + id + " in " + c.slug() + "."));
        String reason = checked(() -> ExclusionRules.reason(reasonText, "lift it"));
        String owner = accounts.byId(e.accountId()).map(Account::username).orElse("account " + e.accountId());
        String detail = "exclusion " + id + ": " + (e.ofSubmission() ? "submission " + e.submissionId() + " of "
                : "student ") + owner;
        Instant now = clock.instant();
        db.inTransaction(conn -> {
            if (!ExclusionRepository.lift(conn, id, actor.id(), reason, now)) {
                throw new Refused(409, "Exclusion " + id + " was lifted already.");
            }
            AuditLog.record(conn, c.id(), actor.username(), "lift_exclusion", detail, reason, now);
            return null;
        });
        db.durable();
        return repository.all(c.id()).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    private static String checked(java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }
}
