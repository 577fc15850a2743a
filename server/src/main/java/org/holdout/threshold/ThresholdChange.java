package org.holdout.threshold;

import java.time.Instant;

/**
 * One line of a threshold's history: what was done ({@code create}, {@code type}, {@code upload}, {@code train},
 * {@code points}, {@code remove}), by whom and when, and the threshold as it was after it (for {@code remove}, before).
 */
public record ThresholdChange(long id, String name, String action, Double publicScore, Double privateScore,
                              double pointsPublic, double pointsPrivate, String source, String sha256, String actor,
                              Instant at) {
}
