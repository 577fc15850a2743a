package org.holdout.competition;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A setting staff edit on a competition's settings page: its name in the form and the JSON API, the words its
 * messages use, and the action its audit entries are recorded under.
 */
public enum Setting {
    TITLE("title", "The title", "title"),
    RULES("rulesMarkdown", "The rules", "rules"),
    TIME_ZONE("timeZone", "The time zone", "time_zone"),
    DAILY_LIMIT("dailyLimit", "The daily limit", "daily_limit"),
    DEADLINE("deadline", "The deadline", "deadline"),
    FINAL_SELECTIONS("finalSelections", "The number of final selections", "final_selections"),
    LATE_POLICY("latePolicy", "The late policy", "late_policy"),
    CODE_DEADLINE("codeDeadline", "The code deadline", "code_deadline"),
    REPORT_RULE("reportRule", "The report rule", "report_rule");

    private static final int EXCERPT = 40;

    private final String field;
    private final String label;
    private final String action;

    Setting(String field, String label, String action) {
        this.field = field;
        this.label = label;
        this.action = action;
    }

    /** The name of its form field and JSON property. */
    public String field() {
        return field;
    }

    /** How a message starts when it speaks of this setting. */
    public String label() {
        return label;
    }

    /** The action of its audit entries. */
    public String action() {
        return action;
    }

    /**
     * The setting's value in {@code c}: a String, ZoneId, Integer, Instant, LatePolicy or {@link ReportRule}, or null
     * (no rules of its own, no deadline, no code step).
     */
    public Object of(Competition c) {
        return switch (this) {
            case TITLE -> c.title();
            case RULES -> c.rulesMd();
            case TIME_ZONE -> c.timeZone();
            case DAILY_LIMIT -> c.dailyLimit();
            case DEADLINE -> c.deadline();
            case FINAL_SELECTIONS -> c.finalSelections();
            case LATE_POLICY -> c.latePolicy();
            case CODE_DEADLINE -> c.codeDeadline();
            case REPORT_RULE -> c.reportRule();
        };
    }

    /** The audit entry's detail for a change: {@code deadline none -> 2026-06-01T15:59:59Z}. */
    public String change(Object before, Object after) {
        return action + " " + shown(before) + " -> " + shown(after);
    }

    private String shown(Object v) {
        if (v == null) {
            return this == RULES ? "the rules file or built-in text" : "none";
        }
        if (v instanceof ZoneId z) {
            return z.getId();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof LatePolicy p) {
            return p.field();
        }
        if (this == RULES) {
            String s = (String) v;
            String start = s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
            return s.length() + " characters \"" + start.replace("\n", "⏎") + "\"";
        }
        return this == TITLE ? "\"" + v + "\"" : v.toString();
    }
}
