package org.holdout.scoring;

/**
 * A {@link Score} with each split's DeLong variance and 95% interval; an interval is null where the split has no
 * score.
 */
public record ScoreWithIntervals(Score score, AucInterval publicInterval, AucInterval privateInterval) {
}
