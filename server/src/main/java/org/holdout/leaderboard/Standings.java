package org.holdout.leaderboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionEntry;
import org.holdout.competition.MemberRepository;
import org.holdout.exclusion.ActiveExclusions;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.submission.SubmissionRepository;

/**
 * One competition's standings read fresh from the database: every student who may enter it (all student accounts, or
 * its roster once restricted) and every student who has a scored submission in it, each with their {@link Standing}.
 */
public final class Standings {
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final MemberRepository members;
    private final SelectionRepository selections;
    private final ExclusionRepository exclusions;

    public Standings(SubmissionRepository submissions, AccountRepository accounts, MemberRepository members,
                     SelectionRepository selections, ExclusionRepository exclusions) {
        this.submissions = submissions;
        this.accounts = accounts;
        this.members = members;
        this.selections = selections;
        this.exclusions = exclusions;
    }

    /** Who a standing belongs to. */
    public record Student(long accountId, String username, String displayName, String email) {
    }

    /** A student and their standing. */
    public record Row(Student student, Standing standing) {
    }

    /**
     * What the standings were computed from ({@link StandingRules#compute}'s arguments, so a caller may compute them
     * again with other scores) and the result, by public rank then username.
     */
    public record Snapshot(Competition competition, List<Long> students, List<StandingRules.Entry> scored,
                           Map<Long, List<Long>> marked, Set<Long> excludedStudents, Map<Long, Student> names,
                           List<Standing> standings) {
        public List<Row> rows() {
            return standings.stream().map(s -> new Row(names.get(s.accountId()), s)).toList();
        }

        public Optional<Standing> of(long accountId) {
            return standings.stream().filter(s -> s.accountId() == accountId).findFirst();
        }
    }

    public Snapshot snapshot(Competition competition) {
        ActiveExclusions excluded = ActiveExclusions.of(exclusions.active(competition.id()));
        Set<Long> excludedStudents = excluded.students();
        Set<Long> excludedSubmissions = excluded.submissions();
        List<StandingRules.Entry> scored = new ArrayList<>();
        Set<Long> submitted = new HashSet<>();
        for (SubmissionRepository.BoardEntry b : submissions.scoredForBoard(competition.id())) {
            scored.add(new StandingRules.Entry(b.id(), b.accountId(), b.publicAuc(), b.privateAuc(), b.receivedMs(),
                    b.late(), excludedSubmissions.contains(b.id())));
            submitted.add(b.accountId());
        }
        Set<Long> roster = competition.restricted() ? members.accountIds(competition.id()) : Set.of();
        CompetitionEntry.Roster onRoster = (c, a) -> roster.contains(a);
        Map<Long, Student> names = new HashMap<>();
        Set<Long> students = new LinkedHashSet<>();
        for (Account a : accounts.all()) {
            if (a.role() == Role.STUDENT && (submitted.contains(a.id())
                    || CompetitionEntry.mayEnter(a, competition, onRoster))) {
                students.add(a.id());
                names.put(a.id(), new Student(a.id(), a.username(), a.displayName(), a.email()));
            }
        }
        List<Long> studentList = List.copyOf(students);
        Map<Long, List<Long>> marked = selections.marked(competition.id());
        List<Standing> standings = StandingRules.compute(studentList, scored, marked, excludedStudents,
                competition.finalSelections());
        return new Snapshot(competition, studentList, List.copyOf(scored), Map.copyOf(marked),
                Set.copyOf(excludedStudents), Map.copyOf(names), standings);
    }
}
