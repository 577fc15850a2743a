package org.holdout.scoring;

/**
 * A refused upload. {@link #getMessage()} is the one clear sentence shown to the student (line, Id, problem).
 * CONTRACT STUB: {@code line} is the 1-based physical line or 0 when the problem is not on one line;
 * {@code id} the submission Id concerned or null.
 */
public class SubmissionRejectedException extends Exception {
    private final int line;
    private final String id;

    public SubmissionRejectedException(String message, int line, String id) {
        super(message);
        this.line = line;
        this.id = id;
    }

    public int line() {
        return line;
    }

    public String id() {
        return id;
    }
}
