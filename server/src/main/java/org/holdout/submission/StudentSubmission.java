package org.holdout.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A submission as its student may see it. Built only by {@link #of}, which copies the private score only after
 * the reveal: this is the type every student-facing page and API answer uses. {@code late}: received after the
 * deadline (it counts on no board); {@code excluded}: staff's reason for excluding it, if they did.
 */
public record StudentSubmission(long id, String fileName, Instant received, String state, Double publicScore,
                                String publicScoreText,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Double privateScore,
                                String message, boolean late,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String excluded) {

    public static StudentSubmission of(Submission s, boolean privateRevealed) {
        return of(s, privateRevealed, null);
    }

    public static StudentSubmission of(Submission s, boolean privateRevealed, String excludedReason) {
        return new StudentSubmission(s.id(), s.fileName(), s.received(), s.state().name().toLowerCase(
                java.util.Locale.ROOT), s.publicAuc(), ScoreText.fiveDecimals(s.publicAuc()),
                privateRevealed && s.state() == SubmissionState.SCORED ? s.privateAuc() : null, s.message(),
                s.late(), excludedReason);
    }

    /** The same with its message written for the reader (the stored one in their language). */
    public StudentSubmission withMessage(String shown) {
        return new StudentSubmission(id, fileName, received, state, publicScore, publicScoreText, privateScore, shown,
                late, excluded);
    }
}
