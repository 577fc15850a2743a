package org.holdout.scoring;

/**
 * Pure scoring: parse an upload, check it against the solution, ROC-AUC per split. No I/O, no database.
 * CONTRACT STUB: implemented by the scoring work.
 */
public final class Scorer {
    private Scorer() {
    }

    /**
     * Scores an upload (the raw bytes of an {@code Id,Predicted} CSV).
     *
     * @throws SubmissionRejectedException with a message naming the line, the Id and the problem
     */
    public static Score score(Solution solution, byte[] upload) throws SubmissionRejectedException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
