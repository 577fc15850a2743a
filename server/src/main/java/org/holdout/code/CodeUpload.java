package org.holdout.code;

import java.time.Instant;

/** One accepted code zip of a student: its bytes are in the upload store under {@code sha256}. */
public record CodeUpload(long id, long competitionId, long accountId, String fileName, String sha256, long sizeBytes,
                         Instant received, boolean hasReport, int entries) {
}
