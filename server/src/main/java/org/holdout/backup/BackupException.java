package org.holdout.backup;

/**
 * A backup or restore that cannot go on for a reason the user can act on; the message is one line that says it.
 * Nothing has been changed when a restore throws it before writing (every check comes first).
 */
public final class BackupException extends Exception {
    /** Why: the archive itself is unusable, or the archive is fine but the target or the request is not. */
    public enum Kind {
        /** The backup file is missing, not a zip, damaged, or not a Holdout backup. */
        BAD_FILE,
        /** The file is fine, but the target refuses it (not empty, a newer schema, an existing output file). */
        REFUSED
    }

    private final Kind kind;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
