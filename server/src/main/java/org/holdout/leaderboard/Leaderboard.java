package org.holdout.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.submission.SubmissionRepository;

/** The public leaderboard: each student's best public score, ties to the earlier submission, baselines among them. */
public final class Leaderboard {
    private static final Map<Double, String> FORMATTED = new ConcurrentHashMap<>();
    /** Higher public score first; of equal scores the earlier submission. */
    private static final Comparator<SubmissionRepository.BoardEntry> EARLIER_BEST_FIRST =
            Comparator.<SubmissionRepository.BoardEntry>comparingDouble(s -> -s.publicAuc())
                    .thenComparingLong(SubmissionRepository.BoardEntry::receivedMs)
                    .thenComparingLong(SubmissionRepository.BoardEntry::id);
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final BaselineRepository baselines;

    public Leaderboard(SubmissionRepository submissions, AccountRepository accounts, BaselineRepository baselines) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.baselines = baselines;
    }

    public static String fiveDecimals(Double v) {
        if (v == null) {
            return "";
        }
        if (FORMATTED.size() > 100_000) {
            FORMATTED.clear();
        }
        return FORMATTED.computeIfAbsent(v, x -> String.format(Locale.ROOT, "%.5f", x));
    }

    public List<LeaderboardRow> publicBoard(Competition competition) {
        Map<Long, AccountRepository.Name> students = accounts.namesWithRole(Role.STUDENT);
        Map<Long, Best> best = new HashMap<>();
        for (SubmissionRepository.BoardEntry s : submissions.scoredForBoard(competition.id())) {
            if (!students.containsKey(s.accountId())) {
                continue;
            }
            Best b = best.computeIfAbsent(s.accountId(), k -> new Best());
            b.entries++;
            b.lastMs = Math.max(b.lastMs, s.receivedMs());
            if (s.publicAuc() != null && (b.top == null || EARLIER_BEST_FIRST.compare(s, b.top) < 0)) {
                b.top = s;
            }
        }
        List<Map.Entry<Long, Best>> ranked = new ArrayList<>(best.entrySet());
        ranked.removeIf(e -> e.getValue().top == null);
        ranked.sort(Comparator.comparing(e -> e.getValue().top, EARLIER_BEST_FIRST));
        boolean reveal = competition.privateRevealed();
        List<LeaderboardRow> rows = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<Long, Best> e : ranked) {
            AccountRepository.Name a = students.get(e.getKey());
            Best b = e.getValue();
            rows.add(new LeaderboardRow(++rank, a.displayName(), a.username(), null, b.top.publicAuc(),
                    reveal ? b.top.privateAuc() : null, b.entries, Instant.ofEpochMilli(b.lastMs)));
        }
        for (BaselineScore bs : baselines.all(competition.id())) {
            if (bs.publicAuc() == null) {
                continue;
            }
            LeaderboardRow row = new LeaderboardRow(null,
                    Character.toUpperCase(bs.tier().id().charAt(0)) + bs.tier().id().substring(1), null, bs.tier().id(),
                    bs.publicAuc(), reveal ? bs.privateAuc() : null, 0, null);
            int at = 0;
            while (at < rows.size() && rows.get(at).publicScore() >= row.publicScore()) {
                at++;
            }
            rows.add(at, row);
        }
        return rows;
    }

    private static final class Best {
        SubmissionRepository.BoardEntry top;
        int entries;
        long lastMs = Long.MIN_VALUE;
    }
}
