package org.holdout.rescore;

import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.leaderboard.Standings;
import org.holdout.threshold.Threshold;

/**
 * Each student whose scores, ranks or points a rescore changes: the competition's standings snapshot ranked twice by
 * the one ranking rule, with the current scores and with the new ones ({@link RescoreRules#studentChanges}).
 */
public final class StudentDiff {
    private final Standings standings;

    public StudentDiff(Standings standings) {
        this.standings = standings;
    }

    public List<RescorePreview.StudentChange> changes(Competition competition,
                                                      Map<Long, RescorePreview.NewScore> newScores,
                                                      List<Threshold> before, List<Threshold> after) {
        Standings.Snapshot s = standings.snapshot(competition);
        return RescoreRules.studentChanges(s.students(), s.scored(), s.marked(), s.excludedStudents(),
                competition.finalSelections(), newScores, before, after, id -> {
                    Standings.Student who = s.names().get(id);
                    return who == null ? new RescoreRules.Who(null, null)
                            : new RescoreRules.Who(who.username(), who.displayName());
                });
    }
}
