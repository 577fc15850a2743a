package org.holdout.scoring;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/** Solutions for tests: the first half of the rows Public, the rest Private, odd rows anomalies. */
final class TestSolutions {
    private TestSolutions() {
    }

    static Solution of(int n, IntFunction<String> id) {
        StringBuilder sb = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < n; i++) {
            sb.append(id.apply(i)).append(',').append(i % 2).append(',').append(i < n / 2 ? "Public" : "Private")
                    .append('\n');
        }
        try {
            return Solution.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (SolutionFormatException e) {
            throw new AssertionError(e);
        }
    }
}
