package org.holdout.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.db.Database;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.SubmissionRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The upload rules: store first, then deadline, file check and daily limit, in that order. */
public final class SubmissionService {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm O", Locale.ROOT);

    private final Database db;
    private final SubmissionRepository repository;
    private final SubmissionStateMachine machine;
    private final UploadStore store;
    private final Solutions solutions;
    private final Clock clock;
    private volatile Consumer<Submission> onScored = s -> { };
    /** Scoring is pure CPU: as many at once as there are cores, the other uploads wait their turn. */
    private final java.util.concurrent.Semaphore scoring =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);

    public SubmissionService(Database db, SubmissionRepository repository, UploadStore store, Solutions solutions,
                             Clock clock) {
        this.db = db;
        this.repository = repository;
        this.machine = new SubmissionStateMachine(repository);
        this.store = store;
        this.solutions = solutions;
        this.clock = clock;
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
        Instant now = clock.instant();
        UploadStore.Stored stored = store.put(bytes);
        String name = cleanName(originalName);
        long id = machine.receive(competition.id(), student.id(), name, stored.sha256(),
                stored.size(), now);

        if (competition.closedAt(now)) {
            return refuse(competition, student, id, now, Outcome.Reason.DEADLINE, "The competition closed at "
                    + format(competition.deadline(), competition) + "; uploads are no longer accepted.");
        }
        Score score;
        try {
            score = scoreOneAtATimePerCore(competition, bytes);
        } catch (SubmissionRejectedException e) {
            return refuse(competition, student, id, now, Outcome.Reason.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("scoring submission {} ({}) failed", id, stored.path(), e);
            db.inTransaction(c -> {
                machine.fail(c, id, clock.instant(), "The server could not score this file; staff have been told."
                        + " It does not count against your limit.");
                return null;
            });
            return outcome(competition, student, id, now, Outcome.Reason.FAILED);
        }
        if (score.privateReason() != null) {
            LOG.warn("submission {}: no private score: {}", id, score.privateReason());
        }
        Instant dayStart = competition.dayStart(now);
        Instant dayEnd = competition.dayEnd(now);
        String note = score.publicAuc() == null ? "No public score: " + score.publicReason() : null;
        Outcome accepted = db.inTransaction(c -> {
            AccountRepository.lock(c, student.id());
            int used = SubmissionRepository.countScored(c, competition.id(), student.id(), dayStart, dayEnd);
            if (used >= competition.dailyLimit()) {
                machine.refuse(c, id, clock.instant(), limitMessage(competition, now));
                return null;
            }
            Instant decided = Instant.ofEpochMilli(clock.instant().toEpochMilli());
            machine.score(c, id, decided, score.publicAuc(), score.privateAuc(), score.rows(), note);
            Submission s = new Submission(id, competition.id(), student.id(), SubmissionState.SCORED,
                    name, stored.sha256(), stored.size(), Instant.ofEpochMilli(now.toEpochMilli()),
                    decided, score.publicAuc(), score.privateAuc(), score.rows(), SubmissionRepository.storedMessage(note));
            return new Outcome(s, Outcome.Reason.ACCEPTED, new Quota(used + 1, competition.dailyLimit(), dayEnd));
        });
        if (accepted == null) {
            return outcome(competition, student, id, now, Outcome.Reason.LIMIT);
        }
        onScored.accept(accepted.submission());
        return accepted;
    }

    private Score scoreOneAtATimePerCore(Competition competition, byte[] bytes) throws SubmissionRejectedException {
        scoring.acquireUninterruptibly();
        try {
            return Scorer.score(solutions.of(competition), bytes);
        } finally {
            scoring.release();
        }
    }

    public static String limitMessage(Competition competition, Instant now) {
        return "Daily limit reached: you have used all " + competition.dailyLimit() + " submissions of "
                + now.atZone(competition.timeZone()).toLocalDate() + " (" + competition.timeZone().getId()
                + "); the count resets at " + format(competition.dayEnd(now), competition) + ".";
    }

    /** Submissions left today and when the day resets, for the page and the API. */
    public Quota quota(Competition competition, Account student) {
        Instant now = clock.instant();
        int used = repository.countScored(competition.id(), student.id(), competition.dayStart(now),
                competition.dayEnd(now));
        return new Quota(used, competition.dailyLimit(), competition.dayEnd(now));
    }

    public static String format(Instant t, Competition competition) {
        ZonedDateTime z = t.atZone(competition.timeZone());
        return TIME.format(z);
    }

    private Outcome refuse(Competition competition, Account student, long id, Instant now, Outcome.Reason reason,
                           String message) {
        db.inTransaction(c -> {
            machine.refuse(c, id, clock.instant(), message);
            return null;
        });
        return outcome(competition, student, id, now, reason);
    }

    private Outcome outcome(Competition competition, Account student, long id, Instant now, Outcome.Reason reason) {
        Submission s = repository.byId(id).orElseThrow();
        return new Outcome(s, reason, quota(competition, student));
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
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    /** How many of today's submissions are used, the limit, and when the count starts again. */
    public record Quota(int used, int limit, Instant resetsAt) {
        public int left() {
            return Math.max(0, limit - used);
        }
    }

    /** What happened to an upload, and the HTTP status that says it. */
    public record Outcome(Submission submission, Reason reason, Quota quota) {
        public enum Reason {
            ACCEPTED(201), INVALID(422), LIMIT(429), DEADLINE(403), FAILED(500);

            public final int status;

            Reason(int status) {
                this.status = status;
            }
        }
    }
}
