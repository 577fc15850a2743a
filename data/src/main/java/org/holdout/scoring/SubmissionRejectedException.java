package org.holdout.scoring;

/**
 * A refused upload. {@link #getMessage()} is the one clear sentence shown to the student (line, Id, problem).
 * {@link #line()} is the 1-based physical line (header = line 1) or 0 when the problem is not on one line
 * (a missing Id, an empty file); {@link #id()} is the Id concerned, as written, or null.
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
