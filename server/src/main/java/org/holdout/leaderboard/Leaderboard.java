package org.holdout.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.exclusion.ActiveExclusions;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionState;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdRepository;

/**
 * The public and the private board, ranked by {@link StandingRules} with thresholds among the students. The scored
 * submissions are cached per competition and followed incrementally; exclusions and final selections are read afresh
 * for every board (they are few), so a change made by any server process shows at once.
 */
public final class Leaderboard {
    /** How long a scoring transaction may take from its decision time to its commit and still be seen. */
    private static final long COMMIT_MARGIN_MS = 5_000;
    private static final long RELOAD_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final ThresholdRepository thresholds;
    private final SelectionRepository selections;
    private final ExclusionRepository exclusions;
    private final Map<Long, Scored> cache = new HashMap<>();
    private Map<Long, AccountRepository.Name> names = Map.of();
    private volatile LongUnaryOperator rescoreMark = competitionId -> 0;

    public Leaderboard(SubmissionRepository submissions, AccountRepository accounts, ThresholdRepository thresholds,
                       SelectionRepository selections, ExclusionRepository exclusions) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.thresholds = thresholds;
        this.selections = selections;
        this.exclusions = exclusions;
    }

    /**
     * {@code mark} gives a competition's newest rescore (a number that grows with each): checked at each refresh, a
     * new one reloads the scored submissions, since a rescore changes scores already counted (by any server process).
     */
    public void watchRescores(LongUnaryOperator mark) {
        this.rescoreMark = mark;
    }

    /** A submission this process has just scored and committed: on the board at once. */
    public synchronized void scored(Submission s) {
        Scored scored = cache.get(s.competitionId());
        if (scored != null && s.state() == SubmissionState.SCORED) {
            scored.add(new SubmissionRepository.BoardEntry(s.id(), s.accountId(), true, s.publicAuc(),
                    s.privateAuc(), s.received().toEpochMilli(), s.decided().toEpochMilli(), s.late()));
        }
    }

    /** Forgets a competition's cached submissions (their scores changed): the next board reads them again. */
    public synchronized void forget(long competitionId) {
        cache.remove(competitionId);
    }

    /**
     * The scored submissions: this process's own scores arrive through {@link #scored}; at most every quarter second
     * the submissions decided since shortly before the newest one seen are looked up by an index (another server
     * process sharing the database may have scored them) and fetched if new; a full reload every few minutes covers
     * a commit that lagged more than the margin.
     */
    private synchronized List<SubmissionRepository.BoardEntry> scored(long competitionId) {
        Scored scored = cache.get(competitionId);
        long now = System.nanoTime();
        long mark = scored == null || now - scored.refreshedNanos >= REFRESH_NANOS
                ? rescoreMark.applyAsLong(competitionId) : scored.rescoreMark;
        if (scored == null || now - scored.loadedNanos > RELOAD_NANOS || mark != scored.rescoreMark) {
            scored = new Scored(now, mark);
            for (SubmissionRepository.BoardEntry e : submissions.scoredForBoard(competitionId)) {
                scored.add(e);
            }
            cache.put(competitionId, scored);
        } else if (now - scored.refreshedNanos >= REFRESH_NANOS) {
            long since = scored.newestDecidedMs == Long.MIN_VALUE ? Long.MIN_VALUE
                    : scored.newestDecidedMs - COMMIT_MARGIN_MS;
            List<Long> fresh = submissions.decidedSince(competitionId, since);
            fresh.removeIf(scored.seen::contains);
            if (!fresh.isEmpty()) {
                for (SubmissionRepository.BoardEntry e : submissions.forBoard(fresh)) {
                    scored.add(e);
                }
            }
            scored.refreshedNanos = now;
        }
        return List.copyOf(scored.entries);
    }

    /**
     * Every account's name and role. An account's username, display name and role never change once inserted, so
     * the map is read again only when a submission names an account it lacks (one added since, by any process).
     */
    private synchronized Map<Long, AccountRepository.Name> names(List<SubmissionRepository.BoardEntry> scored) {
        for (SubmissionRepository.BoardEntry e : scored) {
            if (!names.containsKey(e.accountId())) {
                names = accounts.names();
                break;
            }
        }
        return names;
    }

    /** Each threshold's public score by its name, in display order: the lines a student's chart is drawn against. */
    public Map<String, Double> thresholdPublicScores(Competition competition) {
        Map<String, Double> out = new LinkedHashMap<>();
        thresholds.all(competition.id()).stream().filter(t -> t.publicScore() != null)
                .forEach(t -> out.put(t.name(), t.publicScore()));
        return out;
    }

    /**
     * The public board: each student's best public score among their scored, on-time, non-excluded submissions. After
     * the reveal each row also carries the student's private board score.
     */
    public List<LeaderboardRow> publicBoard(Competition competition) {
        Board b = board(competition, competition.privateRevealed());
        boolean reveal = competition.privateRevealed();
        List<LeaderboardRow> rows = new ArrayList<>();
        for (Standing s : StandingRules.publicBoard(b.standings)) {
            AccountRepository.Name a = b.names.get(s.accountId());
            rows.add(new LeaderboardRow(s.publicRank(), a.displayName(), a.username(), null, s.publicScore(),
                    reveal ? s.privateScore() : null, s.scoredSubmissions(), b.lastOf(s.accountId())));
        }
        for (Threshold t : thresholds.all(competition.id())) {
            if (t.publicScore() == null) {
                continue;
            }
            LeaderboardRow row = new LeaderboardRow(null, t.name(), null, t.name(), t.publicScore(),
                    reveal ? t.privateScore() : null, 0, null);
            rows.add(RankingRules.thresholdPosition(rows, LeaderboardRow::publicScore, t.publicScore()), row);
        }
        return rows;
    }

    /**
     * The private board: each student's best private score among their final selection, ranked by it, with their
     * public rank and shift; thresholds stand among them by their private scores. The caller decides who may see it.
     */
    public List<LeaderboardRow> privateBoard(Competition competition) {
        Board b = board(competition, true);
        List<LeaderboardRow> rows = new ArrayList<>();
        for (Standing s : StandingRules.privateBoard(b.standings)) {
            AccountRepository.Name a = b.names.get(s.accountId());
            rows.add(new LeaderboardRow(s.privateRank(), a.displayName(), a.username(), null, s.publicScore(),
                    s.privateScore(), s.scoredSubmissions(), b.lastOf(s.accountId()), s.publicRank(), s.rankShift()));
        }
        for (Threshold t : thresholds.all(competition.id())) {
            if (t.privateScore() == null) {
                continue;
            }
            LeaderboardRow row = new LeaderboardRow(null, t.name(), null, t.name(), t.publicScore(), t.privateScore(),
                    0, null);
            rows.add(RankingRules.thresholdPosition(rows, LeaderboardRow::privateScore, t.privateScore()), row);
        }
        return rows;
    }

    private Board board(Competition competition, boolean withSelections) {
        List<SubmissionRepository.BoardEntry> scored = scored(competition.id());
        Map<Long, AccountRepository.Name> accountNames = names(scored);
        ActiveExclusions excluded = ActiveExclusions.of(exclusions.active(competition.id()));
        Set<Long> excludedStudents = excluded.students();
        Set<Long> excludedSubmissions = excluded.submissions();
        Set<Long> students = new LinkedHashSet<>();
        List<StandingRules.Entry> entries = new ArrayList<>(scored.size());
        Map<Long, Long> lastMs = new HashMap<>();
        for (SubmissionRepository.BoardEntry e : scored) {
            AccountRepository.Name a = accountNames.get(e.accountId());
            if (a == null || a.role() != Role.STUDENT) {
                continue;
            }
            students.add(e.accountId());
            entries.add(new StandingRules.Entry(e.id(), e.accountId(), e.publicAuc(), e.privateAuc(), e.receivedMs(),
                    e.late(), excludedSubmissions.contains(e.id())));
            lastMs.merge(e.accountId(), e.receivedMs(), Math::max);
        }
        Map<Long, List<Long>> marked = withSelections ? selections.marked(competition.id()) : Map.of();
        List<Standing> standings = StandingRules.compute(List.copyOf(students), entries, marked, excludedStudents,
                competition.finalSelections());
        return new Board(standings, accountNames, lastMs);
    }

    private record Board(List<Standing> standings, Map<Long, AccountRepository.Name> names, Map<Long, Long> lastMs) {
        Instant lastOf(long accountId) {
            Long ms = lastMs.get(accountId);
            return ms == null ? null : Instant.ofEpochMilli(ms);
        }
    }

    /** A competition's scored submissions, and which decided submissions are already seen. */
    private static final class Scored {
        final long loadedNanos;
        long refreshedNanos;
        final List<SubmissionRepository.BoardEntry> entries = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        long newestDecidedMs = Long.MIN_VALUE;
        final long rescoreMark;

        Scored(long now, long rescoreMark) {
            this.loadedNanos = now;
            this.rescoreMark = rescoreMark;
            this.refreshedNanos = now;
        }

        void add(SubmissionRepository.BoardEntry s) {
            if (!seen.add(s.id())) {
                return;
            }
            newestDecidedMs = Math.max(newestDecidedMs, s.decidedMs());
            if (s.scored()) {
                entries.add(s);
            }
        }
    }
}
