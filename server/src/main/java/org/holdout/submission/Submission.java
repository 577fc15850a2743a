package org.holdout.submission;

import java.time.Instant;

/**
 * One upload as stored. {@code privateAuc} is staff-only until the reveal: never copy it into a student's view.
 * {@code bytesKept} is false when the file itself is not in the upload store (refused before it was stored, or a
 * refused file pruned after its retention period); its hash and size stay. {@code late}: received after the deadline
 * under the late policy "accept as late", so it counts on no board. {@code messageKey}: the message as data
 * ({@link StoredMessage}), null for messages stored before it existed.
 */
public record Submission(long id, long competitionId, long accountId, SubmissionState state, String fileName,
                         String sha256, long sizeBytes, Instant received, Instant decided, Double publicAuc,
                         Double privateAuc, Integer rows, String message, boolean bytesKept, boolean late,
                         String messageKey) {

    /** The message with its key, to be shown in the student's language; null when none was stored with it. */
    public StoredMessage storedMessage() {
        return StoredMessage.parse(message, messageKey);
    }
}
