package org.holdout.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.leaderboard.StandingRules;
import org.holdout.leaderboard.Standings;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;

/** Every submission of a competition for staff watching it, newest first, with who sent it and what counts. */
public final class SubmissionWatch {
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final Standings standings;

    public SubmissionWatch(SubmissionRepository submissions, AccountRepository accounts, Standings standings) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.standings = standings;
    }

    public List<WatchRules.Item> items(Competition c) {
        Standings.Snapshot snapshot = standings.snapshot(c);
        Set<Long> excluded = new HashSet<>();
        for (StandingRules.Entry e : snapshot.scored()) {
            if (e.excluded() || snapshot.excludedStudents().contains(e.accountId())) {
                excluded.add(e.submissionId());
            }
        }
        Map<Long, AccountRepository.Name> names = accounts.names();
        List<WatchRules.Item> out = new ArrayList<>();
        for (Submission s : submissions.ofCompetition(c.id())) {
            AccountRepository.Name n = names.get(s.accountId());
            out.add(new WatchRules.Item(s.id(), s.accountId(), n == null ? "#" + s.accountId() : n.username(),
                    s.fileName(), s.received(), s.state().name().toLowerCase(Locale.ROOT), s.late(),
                    excluded.contains(s.id()) || snapshot.excludedStudents().contains(s.accountId()), s.publicAuc(),
                    s.privateAuc(), s.message()));
        }
        return out;
    }

    /** Where day 0 of the charts is: the start of the first upload's day in the competition's zone, or its creation. */
    public static Instant origin(Competition c, List<WatchRules.Item> items) {
        Instant first = items.stream().map(WatchRules.Item::received).min(Instant::compareTo).orElse(c.created());
        return c.dayStart(first);
    }
}
