package org.holdout.exclusion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A competition's exclusions in force, split into the students excluded as a whole and the single submissions. */
public record ActiveExclusions(Set<Long> students, Set<Long> submissions) {

    public static ActiveExclusions of(List<Exclusion> active) {
        Set<Long> students = new HashSet<>();
        Set<Long> submissions = new HashSet<>();
        for (Exclusion e : active) {
            if (e.ofSubmission()) {
                submissions.add(e.submissionId());
            } else {
                students.add(e.accountId());
            }
        }
        return new ActiveExclusions(Set.copyOf(students), Set.copyOf(submissions));
    }
}
