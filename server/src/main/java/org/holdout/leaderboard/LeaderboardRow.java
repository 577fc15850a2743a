package org.holdout.leaderboard;

import java.time.Instant;

/**
 * One line of the public board: a student (rank, entries, last submission) or a baseline (rank null).
 * {@code privateScore} is filled only after the reveal.
 */
public record LeaderboardRow(Integer rank, String name, String username, String baseline, Double publicScore,
                             Double privateScore, int entries, Instant lastSubmission) {

    public boolean isBaseline() {
        return baseline != null;
    }

    public String publicText() {
        return Leaderboard.fiveDecimals(publicScore);
    }

    public String privateText() {
        return Leaderboard.fiveDecimals(privateScore);
    }
}
