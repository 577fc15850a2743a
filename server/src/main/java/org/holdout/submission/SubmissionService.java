package org.holdout.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.Secrets;
import org.holdout.competition.Competition;
import org.holdout.competition.LatePolicy;
import org.holdout.db.Database;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.SubmissionRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload rules, in order: the cheap refusals first (deadline, daily limit, uploads in flight), which store
 * nothing; then the file is stored, checked and scored, and the daily limit decided exactly. Every answer comes
 * after its decision is on the disk ({@link Database#durable()}), so an answered upload survives a crash.
 */
public final class SubmissionService {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);
    public static final StoredMessage NOT_STORED = StoredMessage.of("The server stopped before this file was safely"
            + " stored, so it was not scored and does not count against your limit. Please upload it again.",
            "submission.notStored");
    public static final StoredMessage NOT_SCORED = StoredMessage.of("The server could not score this file; staff have"
            + " been told. It does not count against your limit.", "submission.notScored");

    private final Database db;
    private final SubmissionRepository repository;
    private final SubmissionStateMachine machine = new SubmissionStateMachine();
    private final UploadStore store;
    private final Solutions solutions;
    private final Clock clock;
    private final UploadPolicy policy;
    private final UploadsInFlight inFlight;
    private volatile Consumer<Submission> onScored = s -> { };
    /** Scoring is pure CPU: as many at once as there are cores, the other uploads wait their turn. */
    private final Semaphore scoring = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    public SubmissionService(Database db, SubmissionRepository repository, UploadStore store, Solutions solutions,
                             Clock clock, UploadPolicy policy) {
        this.db = db;
        this.repository = repository;
        this.store = store;
        this.solutions = solutions;
        this.clock = clock;
        this.policy = policy;
        this.inFlight = new UploadsInFlight(policy.inFlightPerStudent());
    }

    /** Told of every scored submission once its transaction has committed (the leaderboard keeps up with it). */
    public void onScored(Consumer<Submission> listener) {
        this.onScored = listener;
    }

    public SubmissionRepository repository() {
        return repository;
    }

    public Clock clock() {
        return clock;
    }

    public Outcome submit(Competition competition, Account student, String originalName, byte[] bytes) {
        Instant now = Instant.ofEpochMilli(clock.instant().toEpochMilli());
        String name = cleanName(originalName);
        boolean late = competition.closedAt(now);
        if (late && competition.latePolicy() == LatePolicy.REFUSE) {
            return refuseUnstored(competition, student, name, bytes, now, Outcome.Reason.DEADLINE,
                    QuotaRules.deadlineMessage(competition));
        }
        if (!QuotaRules.admits(competition, quota(competition, student.id(), now).used())) {
            return refuseUnstored(competition, student, name, bytes, now, Outcome.Reason.LIMIT,
                    QuotaRules.limitMessage(competition, now));
        }
        UploadsInFlight.Ticket ticket = inFlight.enter(student.id());
        if (ticket == null) {
            return refuseUnstored(competition, student, name, bytes, now, Outcome.Reason.BUSY,
                    StoredMessage.of("You already have " + policy.inFlightPerStudent() + " uploads being scored;"
                            + " wait for their results, then upload again. This one was not stored and does not count"
                            + " against your limit.", "submission.busy", policy.inFlightPerStudent()));
        }
        try (ticket) {
            UploadStore.Stored stored = store.put(bytes);
            long id = db.inTransaction(c -> machine.receive(c, competition.id(), student.id(), name, stored.sha256(),
                    stored.size(), now, true, late));
            Submission received = new Submission(id, competition.id(), student.id(), SubmissionState.RECEIVED, name,
                    stored.sha256(), stored.size(), now, null, null, null, null, null, true, late, null);
            Decision d;
            try {
                d = decide(competition, received, bytes);
            } catch (IllegalStateException e) {
                d = decidedElsewhere(id);
            }
            db.durable();
            if (d.reason() == Outcome.Reason.INVALID) {
                pruneRefused(student.id());
            }
            if (d.scored() != null) {
                onScored.accept(d.scored());
                return new Outcome(d.scored(), d.reason(), d.quota());
            }
            return new Outcome(repository.byId(id).orElseThrow(), d.reason(),
                    quota(competition, student.id(), clock.instant()));
        }
    }

    /**
     * The file checked, scored and the daily limit decided, for a RECEIVED row whose bytes are stored; an accepted
     * one comes back as committed, with its quota, so the answer needs no further query.
     */
    private Decision decide(Competition competition, Submission r, byte[] bytes) {
        long id = r.id();
        long accountId = r.accountId();
        Instant received = r.received();
        Score score;
        try {
            score = scoreOneAtATimePerCore(competition, bytes);
        } catch (SubmissionRejectedException e) {
            return move(id, Outcome.Reason.INVALID, StoredMessage.of(e.refusal()));
        } catch (RuntimeException e) {
            LOG.error("scoring submission {} failed", id, e);
            return move(id, Outcome.Reason.FAILED, NOT_SCORED);
        }
        if (score.privateReason() != null) {
            LOG.warn("submission {}: no private score: {}", id, score.privateReason());
        }
        Instant dayStart = competition.dayStart(received);
        Instant dayEnd = competition.dayEnd(received);
        StoredMessage note = score.publicAuc() == null ? noPublicScore(score.publicReason()) : null;
        return db.inTransaction(c -> {
            AccountRepository.lock(c, accountId);
            int used = SubmissionRepository.countScored(c, competition.id(), accountId, dayStart, dayEnd);
            if (!QuotaRules.admits(competition, used)) {
                machine.refuse(c, id, clock.instant(), QuotaRules.limitMessage(competition, received));
                return new Decision(Outcome.Reason.LIMIT);
            }
            Instant decided = Instant.ofEpochMilli(clock.instant().toEpochMilli());
            machine.score(c, id, decided, score.publicAuc(), score.privateAuc(), score.rows(), note);
            Submission scored = new Submission(id, r.competitionId(), accountId, SubmissionState.SCORED, r.fileName(),
                    r.sha256(), r.sizeBytes(), received, decided, score.publicAuc(), score.privateAuc(), score.rows(),
                    SubmissionRepository.storedMessage(note == null ? null : note.english()), true, r.late(),
                    note == null || note.key() == null ? null : note.json());
            return new Decision(Outcome.Reason.ACCEPTED, scored, QuotaRules.quota(competition, used + 1, received));
        });
    }

    /** The note of a file scored without a public score, with its key when the scorer's reason is one it knows. */
    static StoredMessage noPublicScore(String reason) {
        String key = switch (reason) {
            case "the public split has no rows" -> "submit.noPublic.rows";
            case "the public split has no anomalous rows" -> "submit.noPublic.anomalous";
            case "the public split has no normal rows" -> "submit.noPublic.normal";
            default -> null;
        };
        return new StoredMessage("No public score: " + reason, key, java.util.List.of());
    }

    private Decision move(long id, Outcome.Reason reason, StoredMessage message) {
        db.inTransaction(c -> {
            if (reason == Outcome.Reason.FAILED) {
                machine.fail(c, id, clock.instant(), message);
            } else {
                machine.refuse(c, id, clock.instant(), message);
            }
            return null;
        });
        return new Decision(reason);
    }

    /** How an upload was decided; {@code scored} and {@code quota} only when it was accepted here. */
    private record Decision(Outcome.Reason reason, Submission scored, QuotaRules.Quota quota) {
        Decision(Outcome.Reason reason) {
            this(reason, null, null);
        }
    }

    /** Another server's start-up recovery decided this upload while it was being scored here. */
    private Decision decidedElsewhere(long id) {
        Submission s = repository.byId(id).orElseThrow();
        LOG.info("submission {} was decided by another server's recovery: {}", id, s.state());
        return new Decision(switch (s.state()) {
            case SCORED -> Outcome.Reason.ACCEPTED;
            case FAILED, RECEIVED -> Outcome.Reason.FAILED;
            case REFUSED -> s.message() != null && s.message().startsWith("Daily limit")
                    ? Outcome.Reason.LIMIT : Outcome.Reason.INVALID;
        });
    }

    /** A refusal decided before the file was stored: its row (hash, size, time, reason) is kept, its bytes are not. */
    private Outcome refuseUnstored(Competition competition, Account student, String name, byte[] bytes, Instant now,
                                   Outcome.Reason reason, StoredMessage message) {
        long id = db.inTransaction(c -> {
            long rowId = machine.receive(c, competition.id(), student.id(), name, Secrets.sha256Hex(bytes),
                    bytes.length, now, false);
            machine.refuse(c, rowId, now, message);
            return rowId;
        });
        db.durable();
        return new Outcome(repository.byId(id).orElseThrow(), reason, quota(competition, student.id(), now));
    }

    /**
     * Decides every submission a crash left RECEIVED, from its stored bytes, by the rules of the time it was
     * received (its day's limit), or fails it with a message for the student if its bytes are not all there.
     * Each move is guarded by the state, so a submission is decided exactly once even with several servers.
     */
    public int recover(LongFunction<Optional<Competition>> competitionById) {
        int n = 0;
        for (Submission s : repository.received()) {
            Optional<Competition> competition = competitionById.apply(s.competitionId());
            Optional<byte[]> bytes = store.read(s.sha256());
            Decision d;
            try {
                if (competition.isEmpty() || bytes.isEmpty() || bytes.get().length != s.sizeBytes()) {
                    d = move(s.id(), Outcome.Reason.FAILED, NOT_STORED);
                } else if (competition.get().closedAt(s.received()) && !s.late()) {
                    d = move(s.id(), Outcome.Reason.DEADLINE, QuotaRules.deadlineMessage(competition.get()));
                } else {
                    d = decide(competition.get(), s, bytes.get());
                }
            } catch (IllegalStateException e) {
                LOG.info("submission {} was decided by another server meanwhile", s.id());
                continue;
            }
            n++;
            LOG.warn("recovered submission {} (account {}, received {}), left half-done by a crash: {}", s.id(),
                    s.accountId(), s.received(), d.reason().name().toLowerCase(Locale.ROOT));
            if (d.scored() != null) {
                onScored.accept(d.scored());
            }
        }
        db.durable();
        return n;
    }

    /** Deletes refused files beyond what {@link UploadPolicy} keeps (of one student, or of everyone if null). */
    public int pruneRefused(Long accountId) {
        int n = 0;
        for (String sha : policy.toRelease(repository.keptRefusals(accountId), clock.instant())) {
            if (repository.releaseRefusedBytes(sha)) {
                store.delete(sha);
                n++;
            }
        }
        return n;
    }

    private Score scoreOneAtATimePerCore(Competition competition, byte[] bytes) throws SubmissionRejectedException {
        scoring.acquireUninterruptibly();
        try {
            return Scorer.score(solutions.of(competition), bytes);
        } finally {
            scoring.release();
        }
    }

    /** Submissions left today and when the day resets, for the page and the API. */
    public QuotaRules.Quota quota(Competition competition, Account student) {
        return quota(competition, student.id(), clock.instant());
    }

    private QuotaRules.Quota quota(Competition competition, long accountId, Instant now) {
        int used = repository.countScored(competition.id(), accountId, competition.dayStart(now),
                competition.dayEnd(now));
        return QuotaRules.quota(competition, used, now);
    }

    static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            return "submission.csv";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").trim();
        if (n.isEmpty()) {
            return "submission.csv";
        }
        if (n.length() <= 200) {
            return n;
        }
        return n.substring(0, Character.isHighSurrogate(n.charAt(199)) ? 199 : 200);
    }

    /** What happened to an upload, and the HTTP status that says it. */
    public record Outcome(Submission submission, Reason reason, QuotaRules.Quota quota) {
        public enum Reason {
            ACCEPTED(201), INVALID(422), LIMIT(429), BUSY(429), DEADLINE(403), FAILED(500);

            public final int status;

            Reason(int status) {
                this.status = status;
            }
        }
    }
}
