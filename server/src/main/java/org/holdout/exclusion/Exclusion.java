package org.holdout.exclusion;

import java.time.Instant;

/**
 * Staff keeping a submission ({@code submissionId} set; {@code accountId} its owner) or a whole student
 * ({@code submissionId} null) off the boards, the selections and the grades, with a reason. A lifted one stays on
 * record with who lifted it, when and why; it no longer counts.
 */
public record Exclusion(long id, long competitionId, Long submissionId, long accountId, String reason,
                        Long createdBy, Instant created, Long liftedBy, Instant lifted, String liftReason) {

    public boolean active() {
        return lifted == null;
    }

    public boolean ofSubmission() {
        return submissionId != null;
    }
}
