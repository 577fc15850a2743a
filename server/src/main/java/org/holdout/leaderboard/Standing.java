package org.holdout.leaderboard;

import java.util.List;

/**
 * One student's place in a competition, as {@link StandingRules#compute} finds it. Scores and ranks are null where the
 * student has none on that board (nothing scored on time, or excluded). {@code finalSubmissions}: the ids that count
 * for the private board, best public first; {@code selectionMarked}: they are the student's own marks rather than
 * their K best public ones. {@code rankShift} = public rank - private rank (positive: moved up after the reveal).
 * {@code scoredSubmissions} counts every scored upload, excluded and late ones too; {@code late}: one of them was
 * late; {@code excluded}: the student or one of their submissions is excluded.
 */
public record Standing(long accountId, Long bestPublicSubmission, Double publicScore, Integer publicRank,
                       List<Long> finalSubmissions, boolean selectionMarked, Long bestPrivateSubmission,
                       Double privateScore, Integer privateRank, Integer rankShift, int scoredSubmissions,
                       boolean late, boolean excluded) {
}
