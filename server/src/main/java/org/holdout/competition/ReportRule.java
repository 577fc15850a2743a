package org.holdout.competition;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which students must put a report PDF in their code zip: nobody ({@code none}), everybody ({@code all}), or those who
 * pass one threshold on both boards ({@code passing:<threshold>}; the course: {@code passing:boss}). Stored and typed
 * in that form.
 */
public record ReportRule(Kind kind, String threshold) {
    public static final ReportRule NONE = new ReportRule(Kind.NONE, null);
    public static final ReportRule ALL = new ReportRule(Kind.ALL, null);
    private static final String PASSING = "passing:";
    private static final Pattern THRESHOLD = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int SHOWN = 60;

    public enum Kind { NONE, ALL, PASSING }

    /**
     * The rule written as {@code none}, {@code all} or {@code passing:<threshold>} (blank: none).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ReportRule parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("none")) {
            return NONE;
        }
        if (lower.equals("all")) {
            return ALL;
        }
        if (lower.startsWith(PASSING)) {
            String name = t.substring(PASSING.length()).strip();
            if (THRESHOLD.matcher(name).matches()) {
                return new ReportRule(Kind.PASSING, name);
            }
            throw new IllegalArgumentException("The report rule names the threshold \"" + shown(name) + "\"; a"
                    + " threshold's name is 1 to 32 lowercase letters, digits and -, like passing:boss.");
        }
        throw new IllegalArgumentException("The report rule \"" + shown(t) + "\" is not one: use none, all, or"
                + " passing:<threshold> (like passing:boss: required of students who pass boss on both boards).");
    }

    /** The rule in the form it is stored and typed in. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case ALL -> "all";
            case PASSING -> PASSING + threshold;
        };
    }

    /** The rule in words for students: it names no score, so it tells nothing the student cannot see. */
    public String words() {
        return switch (kind) {
            case NONE -> "No report is required: the zip needs only your code.";
            case ALL -> "A report PDF is required of every student: put it in the zip as a .pdf file.";
            case PASSING -> "A report PDF is required if you pass " + threshold + " on both boards (the public and the"
                    + " private one). The private board is shown only after the reveal, so if you may pass "
                    + threshold + ", put your report in the zip as a .pdf file.";
        };
    }

    private static String shown(String t) {
        return t.length() <= SHOWN ? t : t.substring(0, SHOWN) + "…";
    }
}
