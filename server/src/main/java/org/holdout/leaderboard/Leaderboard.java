package org.holdout.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;

/** The public leaderboard: each student's best public score, ties to the earlier submission, baselines among them. */
public final class Leaderboard {
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final BaselineRepository baselines;

    public Leaderboard(SubmissionRepository submissions, AccountRepository accounts, BaselineRepository baselines) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.baselines = baselines;
    }

    public static String fiveDecimals(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.5f", v);
    }

    public List<LeaderboardRow> publicBoard(Competition competition) {
        Map<Long, Account> students = new HashMap<>();
        for (Account a : accounts.all()) {
            if (a.role() == Role.STUDENT) {
                students.put(a.id(), a);
            }
        }
        Map<Long, Best> best = new HashMap<>();
        for (Submission s : submissions.scored(competition.id())) {
            if (!students.containsKey(s.accountId())) {
                continue;
            }
            Best b = best.computeIfAbsent(s.accountId(), k -> new Best());
            b.entries++;
            b.last = s.received();
            if (s.publicAuc() != null && (b.top == null || s.publicAuc() > b.top.publicAuc())) {
                b.top = s;
            }
        }
        List<Map.Entry<Long, Best>> ranked = new ArrayList<>(best.entrySet());
        ranked.removeIf(e -> e.getValue().top == null);
        ranked.sort(Comparator.<Map.Entry<Long, Best>>comparingDouble(e -> -e.getValue().top.publicAuc())
                .thenComparing(e -> e.getValue().top.received())
                .thenComparingLong(e -> e.getValue().top.id()));
        boolean reveal = competition.privateRevealed();
        List<LeaderboardRow> rows = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<Long, Best> e : ranked) {
            Account a = students.get(e.getKey());
            Best b = e.getValue();
            rows.add(new LeaderboardRow(++rank, a.displayName(), a.username(), null, b.top.publicAuc(),
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
        Submission top;
        int entries;
        Instant last;
    }
}
