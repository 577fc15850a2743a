package org.holdout.submission;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The one place a submission changes state; it refuses every move {@link SubmissionState#next()} does not allow. */
public final class SubmissionStateMachine {
    /** Records an upload as RECEIVED and returns its id ({@code bytesKept}: its file is in the upload store). */
    public long receive(Connection c, long competitionId, long accountId, String fileName, String sha256, long size,
                        Instant at, boolean bytesKept) throws SQLException {
        return receive(c, competitionId, accountId, fileName, sha256, size, at, bytesKept, false);
    }

    /** As above; {@code late}: received after the deadline under the late policy "accept as late". */
    public long receive(Connection c, long competitionId, long accountId, String fileName, String sha256, long size,
                        Instant at, boolean bytesKept, boolean late) throws SQLException {
        return SubmissionRepository.insertReceived(c, competitionId, accountId, fileName, sha256, size, at, bytesKept,
                late);
    }

    public void score(Connection c, long id, Instant at, Double publicAuc, Double privateAuc, int rows,
                      StoredMessage note) throws SQLException {
        move(c, id, SubmissionState.SCORED, at, publicAuc, privateAuc, rows, note == null ? null : note.english(),
                note == null || note.key() == null ? null : note.json());
    }

    public void refuse(Connection c, long id, Instant at, StoredMessage message) throws SQLException {
        move(c, id, SubmissionState.REFUSED, at, null, null, null, message.english(), message.json());
    }

    public void fail(Connection c, long id, Instant at, StoredMessage message) throws SQLException {
        move(c, id, SubmissionState.FAILED, at, null, null, null, message.english(), message.json());
    }

    private void move(Connection c, long id, SubmissionState to, Instant at, Double publicAuc, Double privateAuc,
                      Integer rows, String message, String messageKey) throws SQLException {
        SubmissionState from = SubmissionState.RECEIVED;
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a submission cannot move from " + from + " to " + to);
        }
        if (!SubmissionRepository.updateState(c, id, from, to, at, publicAuc, privateAuc, rows, message, messageKey)) {
            throw new IllegalStateException("submission " + id + " is no longer " + from + "; refusing to move it to "
                    + to);
        }
    }
}
