package org.holdout.grading;

import java.util.List;
import org.holdout.leaderboard.Standing;
import org.holdout.leaderboard.Standings;
import org.holdout.threshold.Board;
import org.holdout.threshold.Points;
import org.holdout.threshold.Threshold;

/**
 * A student's grade (DESIGN.md "Thresholds and grading"): the thresholds their public score passes on the public board
 * and their private score (of the final selection) on the private board, by {@link Points}, and the points these give;
 * a student excluded as a whole passes nothing and gets no points. Everything else is their {@link Standing}:
 * scores, ranks, the final selection, the count of scored uploads, the late and excluded flags.
 */
public final class GradeRules {
    private GradeRules() {
    }

    /**
     * @param studentExcluded the student, not just a submission of theirs, is excluded
     * @param codeUploaded the student has uploaded their code
     */
    public static GradeRow row(Standings.Student student, Standing standing, boolean studentExcluded,
                               List<Threshold> thresholds, boolean codeUploaded) {
        List<Threshold> passedPublic = studentExcluded ? List.of()
                : Points.passed(standing.publicScore(), thresholds, Board.PUBLIC);
        List<Threshold> passedPrivate = studentExcluded ? List.of()
                : Points.passed(standing.privateScore(), thresholds, Board.PRIVATE);
        double pointsPublic = passedPublic.stream().mapToDouble(t -> t.points(Board.PUBLIC)).sum();
        double pointsPrivate = passedPrivate.stream().mapToDouble(t -> t.points(Board.PRIVATE)).sum();
        return new GradeRow(student.username(), student.displayName(), student.email(), standing.publicScore(),
                standing.publicRank(), standing.privateScore(), standing.privateRank(), standing.finalSubmissions(),
                standing.scoredSubmissions(), names(passedPublic), names(passedPrivate), pointsPublic, pointsPrivate,
                pointsPublic + pointsPrivate, standing.late(), standing.excluded() || studentExcluded, codeUploaded);
    }

    /** The most points a student can get: every threshold passed on both boards. */
    public static double maxPoints(List<Threshold> thresholds) {
        return thresholds.stream().mapToDouble(t -> t.pointsPublic() + t.pointsPrivate()).sum();
    }

    private static List<String> names(List<Threshold> thresholds) {
        return thresholds.stream().map(Threshold::name).toList();
    }
}
