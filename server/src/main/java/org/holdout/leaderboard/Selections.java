package org.holdout.leaderboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.db.Database;
import org.holdout.exclusion.Exclusion;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionState;

/** A student's final selection: what they marked, what counts now and why, and saving a new one. */
public final class Selections {
    private final Database db;
    private final SelectionRepository repository;
    private final SubmissionRepository submissions;
    private final ExclusionRepository exclusions;
    private final Clock clock;

    public Selections(Database db, SelectionRepository repository, SubmissionRepository submissions,
                      ExclusionRepository exclusions, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.submissions = submissions;
        this.exclusions = exclusions;
        this.clock = clock;
    }

    /** A selection refused; nothing was saved. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final SelectionRules.Sentence sentence;

        Refused(SelectionRules.Problem p) {
            super(p.message());
            this.status = p.status();
            this.sentence = p.sentence();
        }

        public int status() {
            return status;
        }

        /** The refusal as a key of the site's messages, to be written in the student's language. */
        public SelectionRules.Sentence sentence() {
            return sentence;
        }
    }

    /**
     * The student's view: {@code marked} as stored, {@code counting} the ids that count now, {@code k}, the sentence
     * {@code why}, whether the selection may still change, the reason the student is excluded (null: not) and the
     * reason for each excluded submission of theirs.
     */
    public record View(List<Long> marked, List<Long> counting, boolean ownMarksCount, int k, String why,
                       boolean open, String studentExcluded, Map<Long, String> excludedReasons,
                       SelectionRules.Sentence whySentence) {
    }

    public View of(Competition c, Account student) {
        Mine mine = mine(c, student);
        List<Long> marked = repository.marked(c.id(), student.id());
        Standing s = StandingRules.compute(List.of(student.id()), mine.entries, Map.of(student.id(), marked),
                mine.studentExcluded == null ? Set.of() : Set.of(student.id()), c.finalSelections()).get(0);
        return new View(marked, s.finalSubmissions(), s.selectionMarked(), c.finalSelections(),
                SelectionRules.why(marked, s, mine.studentExcluded), !c.closedAt(clock.instant()),
                mine.studentExcluded, Map.copyOf(mine.excludedReasons),
                SelectionRules.whySentence(marked, s, mine.studentExcluded));
    }

    /** Replaces the student's marks with {@code ids} (empty: unmark all), or refuses with the problem. */
    public View save(Competition c, Account student, List<Long> ids) {
        Instant now = clock.instant();
        Mine mine = mine(c, student);
        Optional<SelectionRules.Problem> problem = SelectionRules.check(ids, mine.candidates, c.finalSelections(),
                mine.studentExcluded, c.closedAt(now) ? c.format(c.deadline()) : null);
        if (problem.isPresent()) {
            throw new Refused(problem.get());
        }
        db.inTransaction(conn -> {
            AccountRepository.lock(conn, student.id());
            SelectionRepository.replace(conn, c.id(), student.id(), ids, now);
            return null;
        });
        db.durable();
        return of(c, student);
    }

    private Mine mine(Competition c, Account student) {
        Map<Long, String> excludedReasons = new HashMap<>();
        String studentExcluded = null;
        for (Exclusion e : exclusions.active(c.id())) {
            if (e.accountId() != student.id()) {
                continue;
            }
            if (e.ofSubmission()) {
                excludedReasons.put(e.submissionId(), e.reason());
            } else {
                studentExcluded = e.reason();
            }
        }
        List<StandingRules.Entry> entries = new ArrayList<>();
        Map<Long, SelectionRules.Candidate> candidates = new HashMap<>();
        for (Submission s : submissions.ofStudent(c.id(), student.id())) {
            boolean scored = s.state() == SubmissionState.SCORED;
            candidates.put(s.id(), new SelectionRules.Candidate(s.id(), s.accountId(), scored, s.late(),
                    excludedReasons.get(s.id())));
            if (scored) {
                entries.add(new StandingRules.Entry(s.id(), s.accountId(), s.publicAuc(), s.privateAuc(),
                        s.received().toEpochMilli(), s.late(), excludedReasons.containsKey(s.id())));
            }
        }
        return new Mine(entries, candidates, excludedReasons, studentExcluded);
    }

    private record Mine(List<StandingRules.Entry> entries, Map<Long, SelectionRules.Candidate> candidates,
                        Map<Long, String> excludedReasons, String studentExcluded) {
    }
}
