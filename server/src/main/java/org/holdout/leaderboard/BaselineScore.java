package org.holdout.leaderboard;

import java.time.Instant;
import org.holdout.baselines.Tier;

/** A baseline's registered scores; {@code source} is typed, upload or trained. Private is staff-only until reveal. */
public record BaselineScore(Tier tier, Double publicAuc, Double privateAuc, String source, Instant updated) {
}
