package org.holdout.cli;

/** Exit codes of every {@code holdout} command; scripts and tests rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A command ran but something it checked failed (a submission refused, a bundle that does not verify). */
    public static final int REJECTED = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** An input file or folder is missing, unreadable or malformed. */
    public static final int INVALID_INPUT = 3;
    /** Something outside the user's input failed (disk full, internal error). */
    public static final int INTERNAL = 10;

    private ExitCodes() {
    }
}
