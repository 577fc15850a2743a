package org.holdout.rescore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.holdout.account.AccountRepository;
import org.holdout.audit.AuditLog;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.Sha256;
import org.holdout.competition.Competition;
import org.holdout.competition.StagedUploads;
import org.holdout.db.Database;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SolutionChange;
import org.holdout.scoring.SolutionFormatException;
import org.holdout.scoring.SubmissionRejectedException;
import org.holdout.submission.Compression;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.UploadStore;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdRepository;
import org.holdout.threshold.ThresholdService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescoring a competition against a corrected solution.csv: {@link #preview} stages the file, checks it against the
 * current key and rescores every scored upload from its kept bytes (late and excluded ones too: they keep their flags)
 * and every threshold scored from a file; {@link #apply} writes what the preview showed, if it is still current, in
 * one transaction with its audit entry, then puts the new key in the bundle; {@link #cancel} drops it.
 */
public final class Rescore {
    private static final Logger LOG = LoggerFactory.getLogger(Rescore.class);
    static final String STAGED_NAME = "solution.csv";

    private final Database db;
    private final SubmissionRepository submissions;
    private final ThresholdRepository thresholds;
    private final AccountRepository accounts;
    private final StudentDiff students;
    private final UploadStore store;
    private final StagedUploads staging;
    private final RescoreRepository repository;
    private final Clock clock;
    private final Consumer<Competition> onApplied;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public Rescore(Database db, SubmissionRepository submissions, ThresholdRepository thresholds,
                   AccountRepository accounts, StudentDiff students, UploadStore store, StagedUploads staging,
                   RescoreRepository repository, Clock clock, Consumer<Competition> onApplied) {
        this.db = db;
        this.submissions = submissions;
        this.thresholds = thresholds;
        this.accounts = accounts;
        this.students = students;
        this.store = store;
        this.staging = staging;
        this.repository = repository;
        this.clock = clock;
        this.onApplied = onApplied;
    }

    /** Why a rescore request was not carried out, with the HTTP status that says it. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What an apply did. */
    public record Applied(String id, int submissionsChanged, int thresholdsChanged, String oldSha256,
                          String newSha256, String keptAs) {
    }

    private record Pending(RescorePreview preview, byte[] canonical, int[] partCounts) {
    }

    /** The preview {@code id} of {@code competition}, if this server holds it. */
    public Optional<RescorePreview> find(Competition competition, String id) {
        Pending p = id == null ? null : pending.get(id);
        return p == null || p.preview().competitionId() != competition.id() ? Optional.empty()
                : Optional.of(p.preview());
    }

    /**
     * Stages {@code body} (at most {@link StagedUploads#maxBytes()}; {@code declared}: the announced length or -1)
     * and previews the rescore with it.
     *
     * @throws Refused 413 too large, 422 the file is not a valid replacement (the message names the line)
     */
    public RescorePreview preview(Competition competition, InputStream body, long declared)
            throws Refused, IOException {
        StagedUploads.Staged staged;
        try {
            staged = staging.put(STAGED_NAME, body, declared);
        } catch (StagedUploads.TooLarge e) {
            throw new Refused(413, e.getMessage() + ".");
        }
        try {
            return preview(competition, staged);
        } catch (Refused | IOException | RuntimeException e) {
            staging.delete(staged.id());
            throw e;
        }
    }

    private RescorePreview preview(Competition competition, StagedUploads.Staged staged)
            throws Refused, IOException {
        long started = System.nanoTime();
        Path solutionFile = competition.file(Bundle.SOLUTION);
        byte[] currentBytes = Files.readAllBytes(solutionFile);
        Solution current = Solution.parse(currentBytes);
        SolutionChange change;
        try (InputStream head = Files.newInputStream(staged.file())) {
            String kind = Compression.of(head.readNBytes(8));
            if (kind != null) {
                throw new Refused(415, "The new solution.csv is refused: it is a " + kind + " archive, not a CSV;"
                        + " uncompress it and upload solution.csv itself.");
            }
        }
        try (InputStream in = Files.newInputStream(staged.file())) {
            change = Solution.readReplacement(in, current);
        } catch (SolutionFormatException e) {
            throw new Refused(422, "The new solution.csv is refused: " + e.getMessage() + ".");
        }
        Solution next = change.replacement();
        byte[] canonical = next.toCsv();

        List<Submission> scored = submissions.scored(competition.id());
        List<Threshold> thresholdsBefore = thresholds.all(competition.id());
        String basis = RescoreRules.basis(scored.stream().map(s -> new SubmissionRepository.Scores(s.id(),
                s.publicAuc(), s.privateAuc())).toList(), thresholdsBefore);
        Map<Long, AccountRepository.Name> names = accounts.names();

        Map<Long, RescorePreview.NewScore> newScores = new LinkedHashMap<>();
        List<RescorePreview.SubmissionChange> changed = new ArrayList<>();
        List<RescorePreview.Unrescored> unrescored = new ArrayList<>();
        for (Submission s : scored) {
            AccountRepository.Name who = names.get(s.accountId());
            String username = who == null ? null : who.username();
            Optional<byte[]> bytes = store.read(s.sha256());
            if (bytes.isEmpty()) {
                unrescored.add(new RescorePreview.Unrescored(s.id(), username, "its file is not in the upload store"
                        + " (or no longer matches its SHA-256), so it keeps its scores"));
                continue;
            }
            Score score;
            try {
                score = Scorer.score(next, bytes.get());
            } catch (SubmissionRejectedException e) {
                unrescored.add(new RescorePreview.Unrescored(s.id(), username, "the new key refuses it ("
                        + e.getMessage() + "), so it keeps its scores"));
                continue;
            }
            newScores.put(s.id(), new RescorePreview.NewScore(score.publicAuc(), score.privateAuc()));
            if (!RescoreRules.same(s.publicAuc(), score.publicAuc())
                    || !RescoreRules.same(s.privateAuc(), score.privateAuc())) {
                changed.add(new RescorePreview.SubmissionChange(s.id(), s.accountId(), username,
                        who == null ? null : who.displayName(), s.received(), s.publicAuc(), score.publicAuc(),
                        s.privateAuc(), score.privateAuc()));
            }
        }
        List<RescorePreview.ThresholdChange> thresholdChanges = new ArrayList<>();
        List<Threshold> thresholdsAfter = new ArrayList<>();
        for (Threshold t : thresholdsBefore) {
            Threshold after = t;
            if (RescoreRules.fromFile(t)) {
                Optional<byte[]> bytes = store.read(t.sha256());
                Score score = null;
                if (bytes.isPresent()) {
                    try {
                        score = Scorer.score(next, bytes.get());
                    } catch (SubmissionRejectedException e) {
                        LOG.warn("threshold {}: its file is refused by the new key: {}", t.name(), e.getMessage());
                    }
                }
                if (score != null) {
                    after = new Threshold(t.name(), score.publicAuc(), score.privateAuc(), t.pointsPublic(),
                            t.pointsPrivate(), t.source(), t.sha256(), t.order(), t.updated());
                }
                thresholdChanges.add(new RescorePreview.ThresholdChange(t.name(), t.source(), t.publicScore(),
                        after.publicScore(), t.privateScore(), after.privateScore()));
            }
            thresholdsAfter.add(after);
        }
        List<RescorePreview.StudentChange> studentChanges = students.changes(competition, newScores,
                thresholdsBefore, thresholdsAfter);
        RescorePreview preview = new RescorePreview(staged.id(), competition.id(), clock.instant(),
                Sha256.of(staged.file()), Sha256.of(currentBytes), Sha256.of(canonical), change.labelsChanged(),
                change.usagesChanged(), change.changedRows(), newScores.size(), List.copyOf(changed),
                List.copyOf(unrescored), List.copyOf(thresholdChanges), studentChanges,
                (System.nanoTime() - started) / 1_000_000, basis, Map.copyOf(newScores));
        pending.values().removeIf(old -> old.preview().created().isBefore(preview.created()
                .minus(StagedUploads.KEEP)));
        pending.put(staged.id(), new Pending(preview, canonical, next.partCounts()));
        LOG.info("rescore preview {} of {}: {} submissions rescored in {} ms, {} changed", staged.id(),
                competition.slug(), newScores.size(), preview.millis(), changed.size());
        return preview;
    }

    /**
     * Applies the preview {@code id} as {@code actor} with {@code reason}: if the staged file, the competition's
     * current key and every score and threshold are as the preview found them, every changed score (and threshold)
     * is written in one transaction with the rescore's row and its audit entry; then the new key goes into the bundle
     * (the old one kept as {@code solution.csv.replaced-<time>}).
     *
     * @throws Refused 404 no such preview here, 409 the preview is no longer current (preview again)
     */
    public Applied apply(Competition competition, String id, String reason, String actor)
            throws Refused, IOException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the solution is replaced (it goes into the audit"
                    + " log)");
        }
        Pending p = pendingOf(competition, id);
        RescorePreview preview = p.preview();
        synchronized (locks.computeIfAbsent(competition.id(), k -> new Object())) {
            Optional<StagedUploads.Staged> staged = staging.get(id);
            if (staged.isEmpty() || !Sha256.of(staged.get().file()).equals(preview.stagedSha256())) {
                throw stale(id, "the staged solution.csv is gone or changed");
            }
            Path bundleDir = competition.bundleDir();
            if (!Sha256.of(bundleDir.resolve(Bundle.SOLUTION)).equals(preview.oldSha256())) {
                throw stale(id, "the competition's solution.csv was replaced since the preview");
            }
            Instant at = clock.instant();
            SolutionFiles.prepare(bundleDir, p.canonical(), p.partCounts());
            Applied applied;
            try {
                applied = db.inTransaction(c -> {
                    RescoreRepository.lockCompetition(c, competition.id());
                    List<Threshold> now = ThresholdRepository.all(c, competition.id());
                    if (!RescoreRules.basis(SubmissionRepository.scoredScores(c, competition.id()), now)
                            .equals(preview.basis())) {
                        throw new StaleInside();
                    }
                    int n = 0;
                    for (RescorePreview.SubmissionChange s : preview.submissions()) {
                        if (SubmissionRepository.rescore(c, s.id(), s.publicAfter(), s.privateAfter())) {
                            n++;
                        }
                    }
                    int t = 0;
                    for (RescorePreview.ThresholdChange tc : preview.thresholds()) {
                        if (!tc.changed()) {
                            continue;
                        }
                        Threshold before = now.stream().filter(x -> x.name().equals(tc.name())).findFirst()
                                .orElseThrow();
                        ThresholdService.rescored(c, competition.id(), before, tc.publicAfter(), tc.privateAfter(),
                                actor, at);
                        t++;
                    }
                    String keptAs = SolutionFiles.keptName(bundleDir, at);
                    RescoreRepository.insert(c, new RescoreRepository.Applied(0, competition.id(), actor,
                            reason.strip(), preview.oldSha256(), preview.newSha256(), preview.labelsChanged(),
                            preview.usagesChanged(), n, at));
                    AuditLog.record(c, competition.id(), actor, "rescore", detail(preview, n, t, keptAs), reason, at);
                    return new Applied(id, n, t, preview.oldSha256(), preview.newSha256(), keptAs);
                });
            } catch (StaleInside e) {
                SolutionFiles.discard(bundleDir);
                throw stale(id, "submissions were scored or rescored, or a threshold changed, since the preview");
            } catch (RuntimeException e) {
                SolutionFiles.discard(bundleDir);
                throw e;
            }
            db.durable();
            SolutionFiles.commit(bundleDir, at);
            pending.remove(id);
            staging.delete(id);
            catchUp(competition, preview, Solution.parse(p.canonical()));
            onApplied.accept(competition);
            LOG.info("rescore {} of {} applied by {}: {} submissions and {} thresholds changed", id,
                    competition.slug(), actor, applied.submissionsChanged(), applied.thresholdsChanged());
            return applied;
        }
    }

    /**
     * An upload whose scoring began before the new key was in place and whose row committed after the apply's check
     * was scored with the old key: every scored submission the preview did not rescore is scored again with the new
     * key now, and corrected (logged, and marked in the rescore's row so other servers reload their boards).
     */
    int catchUp(Competition competition, RescorePreview preview, Solution key) {
        Map<Long, RescorePreview.NewScore> fixes = new LinkedHashMap<>();
        Set<Long> known = new HashSet<>(preview.newScores().keySet());
        preview.unrescored().forEach(u -> known.add(u.id()));
        for (Submission s : submissions.scored(competition.id())) {
            if (known.contains(s.id())) {
                continue;
            }
            Optional<byte[]> bytes = store.read(s.sha256());
            if (bytes.isEmpty()) {
                continue;
            }
            try {
                Score score = Scorer.score(key, bytes.get());
                if (!RescoreRules.same(s.publicAuc(), score.publicAuc())
                        || !RescoreRules.same(s.privateAuc(), score.privateAuc())) {
                    fixes.put(s.id(), new RescorePreview.NewScore(score.publicAuc(), score.privateAuc()));
                }
            } catch (SubmissionRejectedException e) {
                LOG.warn("submission {}: refused by the new key of {}: {}", s.id(), competition.slug(),
                        e.getMessage());
            }
        }
        if (fixes.isEmpty()) {
            return 0;
        }
        db.inTransaction(c -> {
            for (Map.Entry<Long, RescorePreview.NewScore> f : fixes.entrySet()) {
                SubmissionRepository.rescore(c, f.getKey(), f.getValue().publicAuc(), f.getValue().privateAuc());
            }
            RescoreRepository.caughtUp(c, competition.id(), fixes.size());
            return null;
        });
        db.durable();
        LOG.warn("rescore of {}: {} submission(s) scored during the apply with the old key were scored again: {}",
                competition.slug(), fixes.size(), fixes.keySet());
        return fixes.size();
    }

    /** Drops the preview {@code id} and deletes its staged file. */
    public void cancel(Competition competition, String id) throws Refused, IOException {
        pendingOf(competition, id);
        pending.remove(id);
        staging.delete(id);
    }

    /**
     * At start: finishes a replacement of a solution.csv whose rescore the database committed before a crash, and
     * discards one it did not; returns how many were finished.
     */
    public int recover(List<Competition> competitions) {
        int n = 0;
        for (Competition c : competitions) {
            Optional<RescoreRepository.Applied> latest = repository.latest(c.id());
            try {
                if (SolutionFiles.recover(c.bundleDir(), latest.map(RescoreRepository.Applied::newSha256)
                        .orElse(null), latest.map(RescoreRepository.Applied::at).orElse(null))) {
                    LOG.warn("finished replacing the solution.csv of {}: a crash came after its rescore was"
                            + " committed", c.slug());
                    n++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the rescore of " + c.slug() + ": " + e.getMessage(), e);
            }
        }
        return n;
    }

    private Pending pendingOf(Competition competition, String id) throws Refused {
        Pending p = id == null ? null : pending.get(id);
        if (p == null || p.preview().competitionId() != competition.id()) {
            throw new Refused(404, "There is no rescore preview " + id + " of " + competition.slug() + " on this"
                    + " server (it was applied or cancelled, or the server restarted); upload the solution again to"
                    + " preview.");
        }
        return p;
    }

    private Refused stale(String id, String why) throws IOException {
        pending.remove(id);
        staging.delete(id);
        return new Refused(409, "This preview is no longer current: " + why + ". Nothing was changed; upload the"
                + " solution again to preview the rescore with the scores as they are now.");
    }

    private static String detail(RescorePreview p, int submissions, int thresholds, String keptAs) {
        return "solution.csv replaced: " + p.labelsChanged() + " label(s) and " + p.usagesChanged() + " usage(s)"
                + " changed; " + submissions + " of " + p.submissionsRescored() + " scored submission(s) and "
                + thresholds + " threshold(s) got new scores; " + p.students().size() + " student(s)' scores, ranks"
                + " or points changed" + (p.unrescored().isEmpty() ? "" : "; " + p.unrescored().size()
                + " submission(s) could not be rescored and kept their scores") + "; solution SHA-256 "
                + p.oldSha256() + " -> " + p.newSha256() + "; the old one is kept as " + keptAs;
    }

    /** The scores changed inside the apply's transaction: roll it back. */
    private static final class StaleInside extends RuntimeException {
        StaleInside() {
            super(null, null, false, false);
        }
    }
}
