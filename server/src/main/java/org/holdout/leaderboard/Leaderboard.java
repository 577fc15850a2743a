package org.holdout.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.holdout.competition.Competition;
import org.holdout.submission.SubmissionRepository;

/** The public leaderboard: each student's best public score, ties to the earlier submission, baselines among them. */
public final class Leaderboard {
    private static final Map<Double, String> FORMATTED = new ConcurrentHashMap<>();
    private final SubmissionRepository submissions;
    private final BaselineRepository baselines;

    public Leaderboard(SubmissionRepository submissions, BaselineRepository baselines) {
        this.submissions = submissions;
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
        Map<Long, Best> best = new HashMap<>();
        for (SubmissionRepository.BoardEntry s : submissions.scoredOfStudents(competition.id())) {
            Best b = best.computeIfAbsent(s.accountId(), k -> new Best());
            b.entries++;
            b.last = s.received();
            if (s.publicAuc() != null && (b.top == null || s.publicAuc() > b.top.publicAuc())) {
                b.top = s;
            }
        }
        List<Best> ranked = new ArrayList<>(best.values());
        ranked.removeIf(b -> b.top == null);
        ranked.sort(Comparator.<Best>comparingDouble(b -> -b.top.publicAuc())
                .thenComparing(b -> b.top.received())
                .thenComparingLong(b -> b.top.id()));
        boolean reveal = competition.privateRevealed();
        List<LeaderboardRow> rows = new ArrayList<>();
        int rank = 0;
        for (Best b : ranked) {
            rows.add(new LeaderboardRow(++rank, b.top.displayName(), b.top.username(), null, b.top.publicAuc(),
                    reveal ? b.top.privateAuc() : null, b.entries, b.last));
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
        Instant last;
    }
}
