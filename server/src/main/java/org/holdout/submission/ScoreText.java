package org.holdout.submission;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A score as every page and answer shows it: five decimals (full precision stays in the numbers). */
public final class ScoreText {
    private static final Map<Double, String> FORMATTED = new ConcurrentHashMap<>();

    private ScoreText() {
    }

    public static String fiveDecimals(Double v) {
        if (v == null) {
            return "";
        }
        if (FORMATTED.size() > 100_000) {
            FORMATTED.clear();
        }
        return FORMATTED.computeIfAbsent(v, x -> String.format(Locale.ROOT, "%.5f", x));
    }
}
