package org.holdout.competition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a competition's settings may be, checked all at once: a title of 1-{@value #MAX_TITLE} characters, rules Markdown
 * of at most {@value #MAX_RULES} characters (blank: the rules file or the built-in text), a time zone {@link ZoneId}
 * knows (a region like {@code Asia/Taipei}, {@code UTC}, or an offset like {@code +08:00} or {@code UTC+8}), a daily
 * limit of 1-{@value #MAX_DAILY_LIMIT}, a deadline {@link DeadlineInput} reads (blank: none; kept to the millisecond) that
 * {@link ClockRules#cannotSetDeadline} allows, 1-{@value #MAX_FINAL_SELECTIONS} final selections, a late policy
 * ({@code refuse} or {@code accept_late}), a code deadline read like the deadline (blank: no code step) and not before
 * it, and a {@link ReportRule}.
 */
public final class SettingsRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_RULES = 100_000;
    public static final int MAX_DAILY_LIMIT = 100_000;
    public static final int MAX_FINAL_SELECTIONS = 20;
    private static final int MAX_ZONE = 64;
    private static final int SHOWN = 60;

    private SettingsRules() {
    }

    /**
     * The checked values (null values: no rules of its own, no deadline), or a message naming the setting and what is
     * wrong for every value that does not fit.
     */
    public record Checked(Map<Setting, Object> values, Map<Setting, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks what staff typed for the settings of {@code c} (a setting left out stays as it is). A deadline without an
     * offset is read in the time zone the competition has now, the one its settings page shows.
     */
    public static Checked check(Competition c, Map<Setting, String> typed, Instant now) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Map<Setting, String> problems = new LinkedHashMap<>();
        for (Map.Entry<Setting, String> e : typed.entrySet()) {
            Setting s = e.getKey();
            String text = e.getValue() == null ? "" : e.getValue();
            try {
                values.put(s, switch (s) {
                    case TITLE -> title(text);
                    case RULES -> rules(text);
                    case TIME_ZONE -> timeZone(text);
                    case DAILY_LIMIT -> whole(s, text, 1, MAX_DAILY_LIMIT);
                    case DEADLINE -> deadline(c, text, now);
                    case FINAL_SELECTIONS -> whole(s, text, 1, MAX_FINAL_SELECTIONS);
                    case LATE_POLICY -> latePolicy(text);
                    case CODE_DEADLINE -> codeDeadline(c, text);
                    case REPORT_RULE -> ReportRule.parse(text);
                });
            } catch (IllegalArgumentException problem) {
                problems.put(s, problem.getMessage());
            }
        }
        codeDeadlineNotBeforeDeadline(c, values, problems);
        return new Checked(problems.isEmpty() ? values : Map.of(), problems);
    }

    static String title(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The title is empty; it must have 1 to " + MAX_TITLE + " characters.");
        }
        if (t.length() > MAX_TITLE) {
            throw new IllegalArgumentException("The title has " + t.length() + " characters; at most " + MAX_TITLE
                    + " are allowed.");
        }
        return t;
    }

    /** The Markdown with line ends as {@code \n} (browsers send a text area's as CRLF), or null when blank. */
    static String rules(String text) {
        String md = text.replace("\r\n", "\n").replace('\r', '\n');
        if (md.isBlank()) {
            return null;
        }
        if (md.length() > MAX_RULES) {
            throw new IllegalArgumentException("The rules have " + String.format("%,d", md.length())
                    + " characters; at most " + String.format("%,d", MAX_RULES) + " are allowed.");
        }
        return md;
    }

    static ZoneId timeZone(String text) {
        String t = text.strip();
        try {
            if (!t.isEmpty() && t.length() <= MAX_ZONE) {
                return ZoneId.of(t);
            }
        } catch (DateTimeException e) {
            // said below
        }
        throw new IllegalArgumentException("The time zone " + (t.isEmpty() ? "is empty" : "\"" + shown(t)
                + "\" is not one") + ": use a region like Asia/Taipei or Europe/Berlin, UTC, or an offset like +08:00.");
    }

    static int whole(Setting s, String text, int min, int max) {
        String t = text.strip();
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.label() + " " + (t.isEmpty() ? "is empty" : "\"" + shown(t)
                    + "\" is not a whole number") + "; it must be from " + min + " to " + max + ".");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(s.label() + " is " + n + "; it must be from " + min + " to " + max + ".");
        }
        return n;
    }

    static LatePolicy latePolicy(String text) {
        return LatePolicy.parse(text).orElseThrow(() -> new IllegalArgumentException("The late policy "
                + (text.isBlank() ? "is empty" : "\"" + shown(text.strip()) + "\" is not one") + "; it must be refuse"
                + " (uploads after the deadline are refused) or accept_late (scored, marked late, kept off the boards"
                + " and the grades)."));
    }

    static Instant deadline(Competition c, String text, Instant now) {
        Instant at;
        try {
            at = DeadlineInput.parse(text, c.timeZone());
            at = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("The deadline") ? m : "The deadline " + m);
        }
        if (!Objects.equals(at, c.deadline())) {
            String refusal = ClockRules.cannotSetDeadline(c, at, now);
            if (refusal != null) {
                throw new IllegalArgumentException("The deadline " + (at == null ? "cannot be removed"
                        : "cannot move to " + at) + ". " + refusal);
            }
        }
        return at;
    }

    static Instant codeDeadline(Competition c, String text) {
        try {
            Instant at = DeadlineInput.parse(text, c.timeZone());
            return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().replaceFirst("^The deadline", "").strip();
            throw new IllegalArgumentException("The code deadline " + m);
        }
    }

    /** The code step follows the competition: its deadline, as it will be after this change, is not before the other. */
    private static void codeDeadlineNotBeforeDeadline(Competition c, Map<Setting, Object> values,
                                                      Map<Setting, String> problems) {
        if (problems.containsKey(Setting.CODE_DEADLINE) || problems.containsKey(Setting.DEADLINE)
                || !values.containsKey(Setting.CODE_DEADLINE) && !values.containsKey(Setting.DEADLINE)) {
            return;
        }
        Instant code = values.containsKey(Setting.CODE_DEADLINE) ? (Instant) values.get(Setting.CODE_DEADLINE)
                : c.codeDeadline();
        Instant deadline = values.containsKey(Setting.DEADLINE) ? (Instant) values.get(Setting.DEADLINE)
                : c.deadline();
        if (code != null && deadline != null && code.isBefore(deadline)) {
            Setting blamed = values.containsKey(Setting.CODE_DEADLINE) ? Setting.CODE_DEADLINE : Setting.DEADLINE;
            problems.put(blamed, blamed == Setting.CODE_DEADLINE
                    ? "The code deadline " + c.format(code) + " is before the deadline " + c.format(deadline)
                            + "; code uploads close at the code deadline, so it must be at or after the deadline."
                    : afterCodeDeadline(c, code, deadline));
        }
    }

    /** Why the threshold {@code name} cannot be removed while {@code rule} names it (it would name none), or null. */
    public static String usedByReportRule(ReportRule rule, String name) {
        return rule.kind() == ReportRule.Kind.PASSING && rule.threshold().equals(name)
                ? "The report rule " + rule + " names the threshold " + name + "; change the report rule on the"
                        + " settings page first." : null;
    }

    /** Why {@code rule} cannot be saved with these thresholds (it names one the competition does not have), or null. */
    public static String unknownThreshold(ReportRule rule, List<String> thresholds) {
        if (rule.kind() != ReportRule.Kind.PASSING || thresholds.contains(rule.threshold())) {
            return null;
        }
        return "The report rule names the threshold \"" + rule.threshold() + "\", which this competition does not have"
                + (thresholds.isEmpty() ? "; it has no thresholds." : "; its thresholds are "
                + String.join(", ", thresholds) + ".");
    }

    /**
     * Why the deadline cannot move to {@code deadline} while the code deadline stays as it is, or null: the deadline
     * routes ({@code PUT /api/staff/deadline}, the staff page's form) keep the order the settings page keeps.
     */
    public static String afterCodeDeadline(Competition c, Instant deadline) {
        Instant code = c.codeDeadline();
        return code == null || deadline == null || !code.isBefore(deadline) ? null
                : afterCodeDeadline(c, code, deadline);
    }

    private static String afterCodeDeadline(Competition c, Instant code, Instant deadline) {
        return "The deadline " + c.format(deadline) + " is after the code deadline " + c.format(code)
                + "; move the code deadline first (it must be at or after the deadline).";
    }

    private static String shown(String t) {
        return t.length() <= SHOWN ? t : t.substring(0, SHOWN) + "…";
    }
}
