package org.holdout.competition;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.threshold.Threshold;

/**
 * The {@code {{…}}} placeholders of the rules and of the starter kit's README, filled with one competition's
 * values: {@code title}, {@code slug}, {@code deadline} (with its time zone), {@code time_zone}, {@code daily_limit},
 * {@code day_turns}, {@code late_policy} (what happens to an upload after the deadline), {@code final_selections},
 * {@code thresholds} (a Markdown list of names and points: no score, so nothing private), {@code points_total},
 * {@code code_deadline} (with its time zone) and {@code report_rule} (when a report PDF is required, in words). An
 * unknown placeholder is left as written.
 */
public final class Placeholders {
    private Placeholders() {
    }

    public static Map<String, String> values(Competition c, List<Threshold> thresholds) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", c.title());
        v.put("slug", c.slug());
        v.put("deadline", c.deadline() == null ? "not set yet"
                : c.format(c.deadline()) + " (" + c.timeZone().getId() + ")");
        v.put("time_zone", c.timeZone().getId());
        v.put("daily_limit", String.valueOf(c.dailyLimit()));
        v.put("day_turns", "the count starts again at midnight (00:00) in the " + c.timeZone().getId()
                + " time zone");
        v.put("late_policy", c.latePolicy() == LatePolicy.ACCEPT_LATE
                ? "Uploads after the deadline are still scored, but marked late: they stay off the leaderboards and"
                        + " the grades."
                : "Uploads after the deadline are refused.");
        v.put("final_selections", String.valueOf(c.finalSelections()));
        StringBuilder list = new StringBuilder();
        double total = 0;
        for (Threshold t : thresholds) {
            list.append(list.isEmpty() ? "" : "\n").append("- **").append(t.name()).append("**: ")
                    .append(points(t.pointsPublic())).append(" on the public board, ")
                    .append(points(t.pointsPrivate())).append(" on the private board");
            total += t.pointsPublic() + t.pointsPrivate();
        }
        v.put("thresholds", thresholds.isEmpty() ? "- none set yet" : list.toString());
        v.put("points_total", number(total));
        v.put("code_deadline", c.codeDeadline() == null ? "announced by your course staff"
                : c.format(c.codeDeadline()) + " (" + c.timeZone().getId() + ")");
        v.put("report_rule", c.reportRule().words());
        return v;
    }

    /** {@code text} with every {@code {{name}}} of {@code values} replaced. */
    public static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static String points(double p) {
        return number(p) + (p == 1 ? " point" : " points");
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
