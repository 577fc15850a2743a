package org.holdout.scoring;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.util.Locale;

/**
 * The score grammar: a plain decimal literal {@code [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?} whose value
 * is finite. Everything else (NaN, Infinity, hex, {@code d}/{@code f} suffixes, spaces, an empty field) is
 * refused. Values are the doubles {@link Double#parseDouble} gives, computed by fastdoubleparser.
 */
final class Decimal {
    private Decimal() {
    }

    /** The value, or NaN when the bytes are not a plain decimal literal; infinite when it overflows. */
    static double parse(byte[] b, int from, int to) {
        int p = from;
        if (p < to && (b[p] == '+' || b[p] == '-')) {
            p++;
        }
        int mantissaStart = p;
        while (p < to && isDigit(b[p])) {
            p++;
        }
        int digits = p - mantissaStart;
        if (p < to && b[p] == '.') {
            p++;
            int fractionStart = p;
            while (p < to && isDigit(b[p])) {
                p++;
            }
            digits += p - fractionStart;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int exponentStart = p;
            while (p < to && isDigit(b[p])) {
                p++;
            }
            if (p == exponentStart) {
                return Double.NaN;
            }
        }
        if (p != to) {
            return Double.NaN;
        }
        return ofLiteral(b, from, to);
    }

    /** The value of bytes already known to be a plain decimal literal; NaN when too long for the library. */
    static double ofLiteral(byte[] b, int from, int to) {
        try {
            return JavaDoubleParser.parseDouble(b, from, to - from);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Why {@code text} (a refused score) was refused, as a sentence naming {@code where} ("on line 5 (Id 3)"). */
    static Refusal problem(String text, Refusal where) {
        if (text.isEmpty()) {
            return Refusal.of(Refusal.Key.EMPTY_SCORE, where);
        }
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        String word = unsigned.toLowerCase(Locale.ROOT);
        if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
            return Refusal.of(Refusal.Key.NOT_FINITE, text, where);
        }
        String trimmed = text.strip();
        if (!trimmed.equals(text) && !trimmed.isEmpty()) {
            byte[] t = trimmed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!Double.isNaN(parse(t, 0, t.length))) {
                return Refusal.of(Refusal.Key.SPACES, Text.quote(text), where);
            }
        }
        return Refusal.of(Refusal.Key.NOT_A_NUMBER, Text.quote(text), where);
    }

    static Refusal overflow(String text, Refusal where) {
        return Refusal.of(Refusal.Key.OVERFLOW, Text.quote(text), where);
    }
}
