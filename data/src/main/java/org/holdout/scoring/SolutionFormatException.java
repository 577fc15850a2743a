package org.holdout.scoring;

import java.io.IOException;

/** A solution file that is not a valid {@code Id,Expected,Usage} answer key; the message names the line. */
public class SolutionFormatException extends IOException {
    private final int line;

    public SolutionFormatException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based physical line of the first problem, or 0 when it is not on one line. */
    public int line() {
        return line;
    }
}
