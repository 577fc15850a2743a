package org.holdout.rescore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.holdout.scoring.SolutionChange;

/**
 * What applying a staged solution.csv would change, computed from every scored upload's kept bytes: the answer
 * key's changed labels and usages, each submission whose public or private AUC changes, each threshold scored from a
 * file, and each student whose score, rank or points change on either board. {@code basis} fingerprints the scores
 * the preview started from; apply refuses when they are no longer the same.
 */
public record RescorePreview(String id, long competitionId, Instant created, String stagedSha256, String oldSha256,
                             String newSha256, int labelsChanged, int usagesChanged,
                             List<SolutionChange.Row> changedRows, int submissionsRescored,
                             List<SubmissionChange> submissions, List<Unrescored> unrescored,
                             List<ThresholdChange> thresholds, List<StudentChange> students, long millis,
                             String basis, Map<Long, NewScore> newScores) {

    /** A submission's AUCs before and after; only changed ones are listed. */
    public record SubmissionChange(long id, long accountId, String username, String displayName, Instant received,
                                   Double publicBefore, Double publicAfter, Double privateBefore,
                                   Double privateAfter) {
    }

    /** A scored submission whose kept bytes could not be scored again: it keeps its scores, and why. */
    public record Unrescored(long id, String username, String why) {
    }

    /** A threshold whose scores came from a file, before and after. */
    public record ThresholdChange(String name, String source, Double publicBefore, Double publicAfter,
                                  Double privateBefore, Double privateAfter) {
        public boolean changed() {
            return !RescoreRules.same(publicBefore, publicAfter) || !RescoreRules.same(privateBefore, privateAfter);
        }
    }

    /** A student's standing and points before and after; only students where something changes are listed. */
    public record StudentChange(long accountId, String username, String displayName, Side before, Side after) {
    }

    /** One side of a {@link StudentChange}. */
    public record Side(Double publicScore, Integer publicRank, Double privateScore, Integer privateRank,
                       double pointsPublic, double pointsPrivate, double pointsTotal) {
        public Side(Double publicScore, Integer publicRank, Double privateScore, Integer privateRank,
                    double pointsPublic, double pointsPrivate) {
            this(publicScore, publicRank, privateScore, privateRank, pointsPublic, pointsPrivate,
                    pointsPublic + pointsPrivate);
        }
    }

    /** The AUCs a submission gets from the new key. */
    public record NewScore(Double publicAuc, Double privateAuc) {
    }

    public boolean changesNothing() {
        return labelsChanged == 0 && usagesChanged == 0 && submissions.isEmpty() && students.isEmpty()
                && thresholds.stream().noneMatch(ThresholdChange::changed);
    }
}
