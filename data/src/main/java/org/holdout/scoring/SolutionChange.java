package org.holdout.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A replacement answer key for the same test Ids and what it changes against the current one: how many labels
 * (Expected) and usages (Public/Private) differ, and each changed Id, in the current solution's order.
 */
public record SolutionChange(Solution replacement, int labelsChanged, int usagesChanged, List<Row> changedRows) {

    /** One Id whose label or usage changes: its Expected and Usage before and after. */
    public record Row(String id, int expectedBefore, int expectedAfter, String usageBefore, String usageAfter) {
    }

    /** {@code next} against {@code current}; both must hold the same Ids. */
    static SolutionChange between(Solution current, Solution next) {
        int labels = 0;
        int usages = 0;
        List<Row> rows = new ArrayList<>();
        for (int slot = 0; slot < current.size(); slot++) {
            String id = current.idOf(slot);
            int other = next.slotOf(id);
            boolean label = current.expected(slot) != next.expected(other);
            boolean usage = !current.usage(slot).equals(next.usage(other));
            labels += label ? 1 : 0;
            usages += usage ? 1 : 0;
            if (label || usage) {
                rows.add(new Row(id, current.expected(slot), next.expected(other), current.usage(slot),
                        next.usage(other)));
            }
        }
        return new SolutionChange(next, labels, usages, List.copyOf(rows));
    }

    public boolean changesNothing() {
        return changedRows.isEmpty();
    }
}
