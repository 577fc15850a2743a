package org.holdout.web;

import java.util.Locale;

/**
 * What a download answers to a {@code Range} header (RFC 9110 section 14): one byte range gets 206 with that part, a
 * range starting past the end gets 416, and anything else (no header, another unit, bad syntax, several ranges, an
 * {@code If-Range} that no longer matches, a method other than GET) gets the whole file with 200, which the RFC always
 * allows. Several ranges would need a multipart answer that no download client asks for.
 */
public final class ByteRanges {
    private ByteRanges() {
    }

    /** The answer: {@link Kind#WHOLE}, {@link Kind#PART} bytes {@code first..last} inclusive, or {@link Kind#UNSATISFIABLE}. */
    public record Answer(Kind kind, long first, long last, long size) {
        public long length() {
            return kind == Kind.PART ? last - first + 1 : kind == Kind.WHOLE ? size : 0;
        }

        /** The {@code Content-Range} header, or null for the whole file. */
        public String contentRange() {
            return switch (kind) {
                case PART -> "bytes " + first + "-" + last + "/" + size;
                case UNSATISFIABLE -> "bytes */" + size;
                case WHOLE -> null;
            };
        }
    }

    public enum Kind { WHOLE, PART, UNSATISFIABLE }

    /**
     * The answer for a file of {@code size} bytes whose strong validators are {@code etag} (quoted, or null) and
     * {@code lastModified} (an HTTP-date, or null), to a request with method {@code get} (false for HEAD) and those
     * {@code range} and {@code ifRange} headers.
     */
    public static Answer answer(boolean get, String range, String ifRange, long size, String etag, String lastModified) {
        Answer whole = new Answer(Kind.WHOLE, 0, size - 1, size);
        if (!get || range == null || !validatorMatches(ifRange, etag, lastModified)) {
            return whole;
        }
        String r = range.strip();
        int eq = r.indexOf('=');
        if (eq < 0 || !r.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return whole;
        }
        String spec = r.substring(eq + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return whole;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        Answer unsatisfiable = new Answer(Kind.UNSATISFIABLE, 0, -1, size);
        if (a.isEmpty()) {
            long n = digits(b);
            if (n < 0) {
                return whole;
            }
            if (n == 0 || size == 0) {
                return unsatisfiable;
            }
            return new Answer(Kind.PART, Math.max(0, size - n), size - 1, size);
        }
        long first = digits(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
        if (first < 0 || last < 0 || last < first) {
            return whole;
        }
        if (first >= size) {
            return unsatisfiable;
        }
        return new Answer(Kind.PART, first, Math.min(last, size - 1), size);
    }

    /** Whether the {@code If-Range} header (if any) names the file as it is now: the same strong ETag or date. */
    static boolean validatorMatches(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return etag != null && v.equals(etag);
        }
        return lastModified != null && v.equals(lastModified);
    }

    /** The number written as 1 to 18 ASCII digits (long enough for any file, short enough not to overflow); else -1. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return s.length() > 18 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? Long.MAX_VALUE : -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
