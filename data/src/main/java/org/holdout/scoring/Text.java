package org.holdout.scoring;

import java.util.Locale;

/** How values appear in messages: counts with thousands separators, Ids and values quoted when not plain. */
final class Text {
    private static final int MAX_SHOWN = 60;

    private Text() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An Id as shown in a message: bare when it is all ASCII digits, quoted otherwise. */
    static String id(String id) {
        if (!id.isEmpty() && id.length() <= MAX_SHOWN && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return id;
        }
        return quote(id);
    }

    /**
     * Double-quoted with control characters, quotes and backslashes escaped; long values cut short after whole
     * characters (never between the two halves of an emoji).
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < s.length(); ) {
            if (shown == MAX_SHOWN) {
                sb.append("...");
                break;
            }
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\uFEFF') {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
            shown++;
        }
        return sb.append('"').toString();
    }

    static String plural(long n, String word) {
        return count(n) + " " + word + (n == 1 ? "" : "s");
    }
}
