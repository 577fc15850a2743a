package org.holdout.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionState;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdRepository;

/** The public leaderboard: each student's best public score, ties to the earlier submission, thresholds among them. */
public final class Leaderboard {
    /** Higher public score first; of equal scores the earlier submission. */
    private static final Comparator<SubmissionRepository.BoardEntry> EARLIER_BEST_FIRST = RankingRules.bestFirst(
            SubmissionRepository.BoardEntry::publicAuc, SubmissionRepository.BoardEntry::receivedMs,
            SubmissionRepository.BoardEntry::id);
    /** How long a scoring transaction may take from its decision time to its commit and still be seen. */
    private static final long COMMIT_MARGIN_MS = 5_000;
    private static final long RELOAD_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final ThresholdRepository thresholds;
    private final Map<Long, Standings> cache = new HashMap<>();
    private Map<Long, AccountRepository.Name> names = Map.of();
    private volatile LongUnaryOperator rescoreMark = competitionId -> 0;

    public Leaderboard(SubmissionRepository submissions, AccountRepository accounts, ThresholdRepository thresholds) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.thresholds = thresholds;
    }

    /**
     * {@code mark} gives a competition's newest rescore (a number that grows with each): checked at each refresh, a
     * new one reloads the standings, since a rescore changes scores already counted (by any server process).
     */
    public void watchRescores(LongUnaryOperator mark) {
        this.rescoreMark = mark;
    }

    /** Forgets a competition's standings, so the next view reads them again (after this process rescored it). */
    public synchronized void invalidate(long competitionId) {
        cache.remove(competitionId);
    }

    /** A submission this process has just scored and committed: on the board at once. */
    public synchronized void scored(Submission s) {
        Standings standings = cache.get(s.competitionId());
        if (standings != null && s.state() == SubmissionState.SCORED) {
            standings.add(new SubmissionRepository.BoardEntry(s.id(), s.accountId(), true, s.publicAuc(),
                    s.privateAuc(), s.received().toEpochMilli(), s.decided().toEpochMilli(), s.late()));
        }
    }

    /**
     * The standings: this process's own scores arrive through {@link #scored}; at most every quarter second
     * the submissions decided since shortly before the newest one seen are looked up by an index (another
     * server process sharing the database may have scored them) and fetched if new; a full reload every few
     * minutes covers a commit that lagged more than the margin.
     */
    private synchronized List<Map.Entry<Long, Best>> standings(long competitionId) {
        Standings standings = cache.get(competitionId);
        long now = System.nanoTime();
        long mark = standings == null || now - standings.refreshedNanos >= REFRESH_NANOS
                ? rescoreMark.applyAsLong(competitionId) : standings.rescoreMark;
        if (standings == null || now - standings.loadedNanos > RELOAD_NANOS || mark != standings.rescoreMark) {
            standings = new Standings(now, mark);
            for (SubmissionRepository.BoardEntry e : submissions.scoredForBoard(competitionId)) {
                standings.add(e);
            }
            cache.put(competitionId, standings);
        } else if (now - standings.refreshedNanos >= REFRESH_NANOS) {
            long since = standings.newestDecidedMs == Long.MIN_VALUE ? Long.MIN_VALUE
                    : standings.newestDecidedMs - COMMIT_MARGIN_MS;
            List<Long> fresh = submissions.decidedSince(competitionId, since);
            fresh.removeIf(standings.seen::contains);
            if (!fresh.isEmpty()) {
                for (SubmissionRepository.BoardEntry e : submissions.forBoard(fresh)) {
                    standings.add(e);
                }
            }
            standings.refreshedNanos = now;
        }
        List<Map.Entry<Long, Best>> copy = new ArrayList<>(standings.best.size());
        standings.best.forEach((account, best) -> copy.add(Map.entry(account, best)));
        return copy;
    }

    /**
     * Every account's name and role. An account's username, display name and role never change once inserted, so
     * the map is read again only when the standings name an account it lacks (one added since, by any process).
     */
    private synchronized Map<Long, AccountRepository.Name> names(List<Map.Entry<Long, Best>> ranked) {
        for (Map.Entry<Long, Best> e : ranked) {
            if (!names.containsKey(e.getKey())) {
                names = accounts.names();
                break;
            }
        }
        return names;
    }

    /** Each threshold's public score by its name, in display order: the lines a student's chart is drawn against. */
    public Map<String, Double> thresholdPublicScores(Competition competition) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        thresholds.all(competition.id()).stream().filter(t -> t.publicScore() != null)
                .forEach(t -> out.put(t.name(), t.publicScore()));
        return out;
    }

    public List<LeaderboardRow> publicBoard(Competition competition) {
        List<Map.Entry<Long, Best>> ranked = standings(competition.id());
        Map<Long, AccountRepository.Name> accountNames = names(ranked);
        ranked.removeIf(e -> e.getValue().top == null || accountNames.get(e.getKey()) == null
                || accountNames.get(e.getKey()).role() != Role.STUDENT);
        ranked.sort(Comparator.comparing(e -> e.getValue().top, EARLIER_BEST_FIRST));
        boolean reveal = competition.privateRevealed();
        List<LeaderboardRow> rows = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<Long, Best> e : ranked) {
            AccountRepository.Name a = accountNames.get(e.getKey());
            Best b = e.getValue();
            rows.add(new LeaderboardRow(++rank, a.displayName(), a.username(), null, b.top.publicAuc(),
                    reveal ? b.top.privateAuc() : null, b.entries, Instant.ofEpochMilli(b.lastMs)));
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

    /** Every account's best so far, and which decided submissions are already counted. */
    private static final class Standings {
        final long loadedNanos;
        long refreshedNanos;
        final Map<Long, Best> best = new HashMap<>();
        final Set<Long> seen = new HashSet<>();
        long newestDecidedMs = Long.MIN_VALUE;
        final long rescoreMark;

        Standings(long now, long rescoreMark) {
            this.loadedNanos = now;
            this.rescoreMark = rescoreMark;
            this.refreshedNanos = now;
        }

        void add(SubmissionRepository.BoardEntry s) {
            if (!seen.add(s.id())) {
                return;
            }
            newestDecidedMs = Math.max(newestDecidedMs, s.decidedMs());
            if (!s.scored()) {
                return;
            }
            Best old = best.get(s.accountId());
            SubmissionRepository.BoardEntry top = old == null ? null : old.top;
            if (s.publicAuc() != null && (top == null || EARLIER_BEST_FIRST.compare(s, top) < 0)) {
                top = s;
            }
            best.put(s.accountId(), new Best(top, old == null ? 1 : old.entries + 1,
                    old == null ? s.receivedMs() : Math.max(old.lastMs, s.receivedMs())));
        }
    }

    private record Best(SubmissionRepository.BoardEntry top, int entries, long lastMs) {
    }
}
