package org.holdout.scoring;

/**
 * A refused upload. {@link #getMessage()} is the one clear sentence shown to the student (line, Id, problem), in
 * English; {@link #refusal()} is the same sentence as data, to be written in the student's language.
 * {@link #line()} is the 1-based physical line (header = line 1) or 0 when the problem is not on one line
 * (a missing Id, an empty file); {@link #id()} is the Id concerned, as written, or null.
 */
public class SubmissionRejectedException extends Exception {
    private final int line;
    private final String id;
    private final Refusal refusal;

    public SubmissionRejectedException(Refusal refusal, int line, String id) {
        super(refusal.english());
        this.line = line;
        this.id = id;
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public int line() {
        return line;
    }

    public String id() {
        return id;
    }
}
