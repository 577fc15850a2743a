package org.holdout.threshold;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.holdout.audit.AuditLog;
import org.holdout.db.Database;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;

/**
 * Setting a competition's thresholds: typing both scores (and the points), uploading a file scored as a student's
 * on both boards, registering a training's file, adding and removing. Each change is one transaction with its line
 * in the history and in the audit log.
 */
public final class ThresholdService {
    static final String TRAINING = "training";

    private final Database db;
    private final ThresholdRepository repository;
    private final Function<byte[], String> keep;
    private final LongFunction<Solution> answerKey;
    private final Clock clock;

    /**
     * @param keep      stores a file byte for byte (the upload store) and returns its SHA-256
     * @param answerKey the solution of a competition, by its id
     */
    public ThresholdService(Database db, ThresholdRepository repository, Function<byte[], String> keep,
                            LongFunction<Solution> answerKey, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.keep = keep;
        this.answerKey = answerKey;
        this.clock = clock;
    }

    /** No threshold of that name in that competition. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String name) {
            super("There is no threshold \"" + name + "\".");
        }
    }

    public List<Threshold> all(long competitionId) {
        return repository.all(competitionId);
    }

    public Optional<Threshold> find(long competitionId, String name) {
        return all(competitionId).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every change of the threshold, oldest first; {@link NotFound} when there never was one of that name. */
    public List<ThresholdChange> history(long competitionId, String name) {
        List<ThresholdChange> h = repository.history(competitionId, ThresholdInput.name(name));
        if (h.isEmpty()) {
            throw new NotFound(name);
        }
        return h;
    }

    /**
     * Sets both scores as typed ({@code null} clears one) and the points given ({@code null}: kept); creates the
     * threshold when the name is new (with {@link Threshold#defaultPoints} for points not given).
     */
    public Threshold type(long competitionId, String name, Double publicScore, Double privateScore,
                          Double pointsPublic, Double pointsPrivate, String actor) {
        return type(competitionId, name, publicScore, privateScore, pointsPublic, pointsPrivate, actor, null);
    }

    /** {@link #type} with the reason staff gave, kept in the audit log. */
    public Threshold type(long competitionId, String name, Double publicScore, Double privateScore,
                          Double pointsPublic, Double pointsPrivate, String actor, String reason) {
        return type(competitionId, name, publicScore, privateScore, pointsPublic, pointsPrivate, actor, reason,
                Mode.ANY);
    }

    /** {@link #type} for a threshold that must be new: one of that name already there is not changed. */
    public Threshold add(long competitionId, String name, Double publicScore, Double privateScore,
                         Double pointsPublic, Double pointsPrivate, String actor, String reason) {
        return type(competitionId, name, publicScore, privateScore, pointsPublic, pointsPrivate, actor, reason,
                Mode.NEW);
    }

    private Threshold type(long competitionId, String name, Double publicScore, Double privateScore,
                           Double pointsPublic, Double pointsPrivate, String actor, String reason, Mode mode) {
        ThresholdInput.name(name);
        ThresholdInput.score("public", publicScore);
        ThresholdInput.score("private", privateScore);
        checkPoints(pointsPublic, pointsPrivate);
        return change(competitionId, name, mode, "type", actor, reason, (old, at) -> withPoints(
                old.withScores(publicScore, privateScore, Threshold.TYPED, null, at), pointsPublic, pointsPrivate, at));
    }

    /** Sets only the points of an existing threshold ({@code null}: kept). */
    public Threshold points(long competitionId, String name, Double pointsPublic, Double pointsPrivate,
                            String actor, String reason) {
        ThresholdInput.name(name);
        checkPoints(pointsPublic, pointsPrivate);
        return change(competitionId, name, Mode.EXISTING, "points", actor, reason,
                (old, at) -> withPoints(old, pointsPublic, pointsPrivate, at));
    }

    /**
     * Keeps the file in the upload store and scores it exactly like a student's on both boards; its scores become
     * the threshold's (created when the name is new), with the points given ({@code null}: kept).
     *
     * @throws SubmissionRejectedException the file breaks the submission format (it is kept all the same)
     */
    public Threshold upload(long competitionId, String name, byte[] bytes, Double pointsPublic, Double pointsPrivate,
                            String actor, String reason) throws SubmissionRejectedException {
        checkPoints(pointsPublic, pointsPrivate);
        return fromFile(competitionId, name, bytes, Threshold.UPLOADED, "upload", actor, reason, pointsPublic,
                pointsPrivate);
    }

    /** A training's submission file for the threshold of its tier's name, scored like {@link #upload}. */
    public Threshold registerTrained(long competitionId, String name, byte[] bytes)
            throws SubmissionRejectedException {
        return fromFile(competitionId, name, bytes, Threshold.TRAINED, "train", TRAINING, null, null, null);
    }

    private Threshold fromFile(long competitionId, String name, byte[] bytes, String source, String action,
                               String actor, String reason, Double pointsPublic, Double pointsPrivate)
            throws SubmissionRejectedException {
        ThresholdInput.name(name);
        String sha256 = keep.apply(bytes);
        Score s = Scorer.score(answerKey.apply(competitionId), bytes);
        return change(competitionId, name, Mode.ANY, action, actor, reason, (old, at) -> withPoints(
                old.withScores(s.publicAuc(), s.privateAuc(), source, sha256, at), pointsPublic, pointsPrivate, at));
    }

    /**
     * A rescore gave the threshold {@code t}, scored from its kept file, new scores against a corrected answer key:
     * written inside the rescore's transaction on {@code c}, with its line ({@code rescore}) in the history; the
     * source and file stay. The rescore's own audit entry covers it.
     */
    public static Threshold rescored(Connection c, long competitionId, Threshold t, Double publicScore,
                                     Double privateScore, String actor, Instant at) throws SQLException {
        Threshold after = t.withScores(publicScore, privateScore, t.source(), t.sha256(), at);
        ThresholdRepository.update(c, competitionId, after);
        ThresholdRepository.recordChange(c, competitionId, after, "rescore", actor, at);
        return after;
    }

    private static void checkPoints(Double pointsPublic, Double pointsPrivate) {
        if (pointsPublic != null) {
            ThresholdInput.points("pointsPublic", pointsPublic);
        }
        if (pointsPrivate != null) {
            ThresholdInput.points("pointsPrivate", pointsPrivate);
        }
    }

    private static Threshold withPoints(Threshold t, Double pointsPublic, Double pointsPrivate, Instant at) {
        return t.withPoints(pointsPublic == null ? t.pointsPublic() : pointsPublic,
                pointsPrivate == null ? t.pointsPrivate() : pointsPrivate, at);
    }

    /** Removes the threshold from the competition; its history stays. */
    public void remove(long competitionId, String name, String actor, String reason) {
        ThresholdInput.name(name);
        Instant at = clock.instant();
        db.inTransaction(c -> {
            ThresholdRepository.lock(c, competitionId);
            Threshold old = ThresholdRepository.find(c, competitionId, name).orElseThrow(() -> new NotFound(name));
            ThresholdRepository.delete(c, competitionId, name);
            ThresholdRepository.recordChange(c, competitionId, old, "remove", actor, at);
            AuditLog.record(c, competitionId, actor, "threshold", name + " removed (was " + describe(old) + ")",
                    reason, at);
            return null;
        });
    }

    private interface Edit {
        Threshold apply(Threshold old, Instant at);
    }

    /** Which thresholds a change may touch: an existing one, a new one, or either (creating it). */
    private enum Mode {
        EXISTING, NEW, ANY
    }

    private Threshold change(long competitionId, String name, Mode mode, String action, String actor, String reason,
                             Edit edit) {
        Instant at = clock.instant();
        return db.inTransaction(c -> {
            ThresholdRepository.lock(c, competitionId);
            Optional<Threshold> old = ThresholdRepository.find(c, competitionId, name);
            if (old.isEmpty() && mode == Mode.EXISTING) {
                throw new NotFound(name);
            }
            if (old.isPresent() && mode == Mode.NEW) {
                throw new ThresholdInput.Invalid("name", "there is a threshold \"" + name + "\" already; change it"
                        + " in its own row");
            }
            Threshold before = old.isPresent() ? old.get() : fresh(c, competitionId, name, at);
            Threshold after = edit.apply(before, at);
            if (old.isPresent()) {
                ThresholdRepository.update(c, competitionId, after);
            } else {
                ThresholdRepository.insert(c, competitionId, after);
            }
            ThresholdRepository.recordChange(c, competitionId, after, action, actor, at);
            AuditLog.record(c, competitionId, actor, "threshold", name + (old.isEmpty() ? " created: " : ": ")
                    + (old.isEmpty() ? "" : describe(before) + " -> ") + describe(after), reason, at);
            return after;
        });
    }

    private static Threshold fresh(Connection c, long competitionId, String name, Instant at) throws SQLException {
        double points = Threshold.defaultPoints(name);
        return new Threshold(name, null, null, points, points, null, null,
                ThresholdRepository.nextOrder(c, competitionId), at);
    }

    /** "public 0.81 private 0.8, points 1/1 (typed)": full precision, as the audit keeps it. */
    static String describe(Threshold t) {
        return "public " + t.publicScore() + " private " + t.privateScore() + ", points "
                + points(t.pointsPublic()) + "/" + points(t.pointsPrivate())
                + (t.source() == null ? "" : " (" + t.source() + ")");
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
