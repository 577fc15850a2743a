package org.holdout.exclusion;

import java.util.List;
import java.util.Optional;

/**
 * What an exclusion or its lifting needs: a reason of 1-{@value #MAX_REASON} characters, exactly one target (a
 * submission of this competition or a student account), and no active exclusion of the same target already.
 */
public final class ExclusionRules {
    public static final int MAX_REASON = 2000;

    private ExclusionRules() {
    }

    /** The reason stripped, or a message saying what is wrong with it. */
    public static String reason(String text, String what) {
        String r = text == null ? "" : text.strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("\"reason\" is missing: say why you " + what + "; the student sees it"
                    + " and the audit log keeps it.");
        }
        if (r.length() > MAX_REASON) {
            throw new IllegalArgumentException("\"reason\" has " + r.length() + " characters; at most " + MAX_REASON
                    + " are allowed.");
        }
        return r;
    }

    /** A problem with the target, or empty: {@code submission} and {@code username} are the request's (null: absent). */
    public static Optional<String> target(Long submission, String username) {
        if ((submission == null) == (username == null || username.isBlank())) {
            return Optional.of("Name exactly one of \"submission\" (a submission id) or \"username\" (a student).");
        }
        return Optional.empty();
    }

    /** The active exclusion that already covers the same target, if any. */
    public static Optional<Exclusion> duplicate(List<Exclusion> active, Long submission, long accountId) {
        return active.stream().filter(e -> submission == null ? !e.ofSubmission() && e.accountId() == accountId
                : submission.equals(e.submissionId())).findFirst();
    }
}
