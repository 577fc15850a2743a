package org.holdout.scoring;

/**
 * The result of scoring an accepted file. A split without a score (no rows, one class) has a null AUC and a
 * reason. CONTRACT STUB: the scoring work may add fields; these accessors stay.
 */
public record Score(Double publicAuc, String publicReason, Double privateAuc, String privateReason, int rows) {
}
