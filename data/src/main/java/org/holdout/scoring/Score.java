package org.holdout.scoring;

/**
 * The result of scoring an accepted file: ROC-AUC over the Public rows and over the Private rows, and the
 * number of rows scored. A split without a score (no rows, or only one class) has a null AUC and a reason
 * that names the split ("the Private split has no anomalous rows"); otherwise the reason is null.
 */
public record Score(Double publicAuc, String publicReason, Double privateAuc, String privateReason, int rows) {
}
