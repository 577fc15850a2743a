package org.holdout.leaderboard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a student may mark as final (DESIGN.md "Limits, deadlines, boards"): until the deadline, at most K of their own
 * scored submissions, none twice, none late or excluded; an empty list unmarks all. Also the sentence that tells the
 * student which submissions count now and why.
 */
public final class SelectionRules {
    private SelectionRules() {
    }

    /** One of the competition's submissions as the check sees it; {@code excludedReason} null: not excluded. */
    public record Candidate(long id, long accountId, boolean scored, boolean late, String excludedReason) {
    }

    /** Why a selection is refused, with the HTTP status that says so; {@code sentence} is the same as a message key. */
    public record Problem(int status, String message, Sentence sentence) {
    }

    /**
     * The first problem with {@code ids} as {@code student}'s selection, or empty if it may be saved.
     *
     * @param own                the student's submissions in this competition, by id
     * @param studentExcluded    the reason the whole student is excluded, or null
     * @param closedAt           the deadline as the student reads it if it has passed, else null
     */
    public static Optional<Problem> check(List<Long> ids, Map<Long, Candidate> own, int k, String studentExcluded,
                                          String closedAt) {
        if (closedAt != null) {
            return problem(403, "The deadline passed at " + closedAt + "; the final selection can no longer change.",
                    "selection.refused.closed", closedAt);
        }
        if (studentExcluded != null) {
            return problem(403, "Your account is excluded from this competition (" + studentExcluded
                    + "); nothing of yours counts, so there is nothing to select.", "selection.refused.excluded",
                    studentExcluded);
        }
        if (ids.size() > k) {
            return problem(400, "You may mark at most " + k + " submission" + (k == 1 ? "" : "s") + "; you sent "
                    + ids.size() + ".", k == 1 ? "selection.refused.tooMany.one" : "selection.refused.tooMany", k,
                    ids.size());
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                return problem(400, "Submission " + id + " is listed twice.", "selection.refused.twice", id);
            }
            Candidate c = own.get(id);
            if (c == null) {
                return problem(400, "Submission " + id + " is not one of your submissions in this competition.",
                        "selection.refused.notYours", id);
            }
            if (!c.scored()) {
                return problem(400, "Submission " + id + " is not scored; only scored submissions can count.",
                        "selection.refused.notScored", id);
            }
            if (c.late()) {
                return problem(400, "Submission " + id + " was late; late submissions count on no leaderboard.",
                        "selection.refused.late", id);
            }
            if (c.excludedReason() != null) {
                return problem(400, "Submission " + id + " is excluded by staff (" + c.excludedReason()
                        + "); it cannot count.", "selection.refused.excludedOne", id, c.excludedReason());
            }
        }
        return Optional.empty();
    }

    /** Which submissions count for the student now and why, in a sentence. */
    public static String why(List<Long> marked, Standing standing, String studentExcluded) {
        if (studentExcluded != null) {
            return "Your account is excluded from this competition (" + studentExcluded + "): none of your"
                    + " submissions counts.";
        }
        List<Long> counting = standing.finalSubmissions();
        if (standing.selectionMarked()) {
            int n = counting.size();
            if (n == marked.size()) {
                return "You marked " + n + ": " + (n == 1 ? "it counts" : "they count") + " for the private"
                        + " leaderboard.";
            }
            return "You marked " + marked.size() + "; " + (marked.size() - n) + " of them cannot count (excluded,"
                    + " late, or beyond the number allowed), so " + n + " count" + (n == 1 ? "s" : "") + ".";
        }
        if (counting.isEmpty()) {
            return "Nothing counts yet: none of your submissions is scored, on time and not excluded.";
        }
        String best = counting.size() == 1 ? "your best public one counts" : "your " + counting.size()
                + " best public ones count";
        if (marked.isEmpty()) {
            return "None marked: " + best + ".";
        }
        return "None of the submissions you marked can count (excluded or late), so " + best + ".";
    }

    /** A sentence of the site's messages: its key and arguments ({@link #why} is its English). */
    public record Sentence(String key, List<Object> args) {
        static Sentence of(String key, Object... args) {
            return new Sentence(key, List.of(args));
        }
    }

    /** {@link #why} as a key of the site's messages with its arguments, to be written in the student's language. */
    public static Sentence whySentence(List<Long> marked, Standing standing, String studentExcluded) {
        if (studentExcluded != null) {
            return Sentence.of("selection.why.excluded", studentExcluded);
        }
        List<Long> counting = standing.finalSubmissions();
        int n = counting.size();
        if (standing.selectionMarked()) {
            if (n == marked.size()) {
                return n == 1 ? Sentence.of("selection.why.marked.one") : Sentence.of("selection.why.marked", n);
            }
            return Sentence.of(n == 1 ? "selection.why.partly.one" : "selection.why.partly", marked.size(),
                    marked.size() - n, n);
        }
        if (counting.isEmpty()) {
            return Sentence.of("selection.why.nothing");
        }
        String key = marked.isEmpty() ? "selection.why.none" : "selection.why.unusable";
        return n == 1 ? Sentence.of(key + ".one") : Sentence.of(key, n);
    }

    private static Optional<Problem> problem(int status, String message, String key, Object... args) {
        return Optional.of(new Problem(status, message, Sentence.of(key, args)));
    }
}
