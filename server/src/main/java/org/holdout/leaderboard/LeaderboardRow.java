package org.holdout.leaderboard;

import java.time.Instant;
import org.holdout.submission.ScoreText;

/**
 * One line of a board: a student (rank, entries, last submission) or a threshold (rank null, its name in
 * {@code threshold}). On the public board {@code privateScore} is filled only after the reveal (the student's private
 * board score); on the private board {@code rank} is the private rank and {@code publicRank} and {@code shift} (public
 * rank - private rank) say how the student moved.
 */
public record LeaderboardRow(Integer rank, String name, String username, String threshold, Double publicScore,
                             Double privateScore, int entries, Instant lastSubmission, Integer publicRank,
                             Integer shift) {

    public LeaderboardRow(Integer rank, String name, String username, String threshold, Double publicScore,
                          Double privateScore, int entries, Instant lastSubmission) {
        this(rank, name, username, threshold, publicScore, privateScore, entries, lastSubmission, null, null);
    }

    public boolean isThreshold() {
        return threshold != null;
    }

    public String publicText() {
        return ScoreText.fiveDecimals(publicScore);
    }

    public String privateText() {
        return ScoreText.fiveDecimals(privateScore);
    }

    /** The shift as a person reads it: "+2", "-1", "0", or empty. */
    public String shiftText() {
        return shift == null ? "" : shift > 0 ? "+" + shift : String.valueOf(shift);
    }

    LeaderboardRow withoutUsername() {
        return new LeaderboardRow(rank, name, null, threshold, publicScore, privateScore, entries, lastSubmission,
                publicRank, shift);
    }
}
