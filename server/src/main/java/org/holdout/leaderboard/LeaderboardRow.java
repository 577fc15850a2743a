package org.holdout.leaderboard;

import java.time.Instant;
import org.holdout.submission.ScoreText;

/**
 * One line of the public board: a student (rank, entries, last submission) or a threshold (rank null, its name in
 * {@code threshold}). {@code privateScore} is filled only after the reveal.
 */
public record LeaderboardRow(Integer rank, String name, String username, String threshold, Double publicScore,
                             Double privateScore, int entries, Instant lastSubmission) {

    public boolean isThreshold() {
        return threshold != null;
    }

    public String publicText() {
        return ScoreText.fiveDecimals(publicScore);
    }

    public String privateText() {
        return ScoreText.fiveDecimals(privateScore);
    }
}
