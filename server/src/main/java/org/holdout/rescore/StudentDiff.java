package org.holdout.rescore;

import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.threshold.Threshold;

/** Each student whose scores, ranks or points a rescore changes. */
public final class StudentDiff {
    public List<RescorePreview.StudentChange> changes(Competition competition,
                                                      Map<Long, RescorePreview.NewScore> newScores,
                                                      List<Threshold> before, List<Threshold> after) {
        return List.of();
    }
}
