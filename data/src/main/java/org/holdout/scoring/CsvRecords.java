package org.holdout.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RFC 4180 records straight from UTF-8 bytes, one record per {@link #next()}: comma separated, fields
 * optionally quoted with {@code ""} as the escaped quote, LF or CRLF line ends, a leading BOM skipped. Tracks
 * physical line numbers (a quoted field may span lines). Never copies an unquoted field; a field with
 * escaped quotes is unescaped into a scratch buffer so the caller's bytes stay untouched.
 */
final class CsvRecords {
    static final int DEFAULT_BUFFER = 1 << 16;
    private static final int MAX_FIELDS = 4;
    private static final int NEED_MORE = -1;
    /** Bytes that end or break an unquoted field, and non-ASCII bytes (checked as UTF-8 later). */
    private static final boolean[] SPECIAL = new boolean[256];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static {
        SPECIAL[','] = true;
        SPECIAL['\n'] = true;
        SPECIAL['\r'] = true;
        SPECIAL['"'] = true;
        for (int c = 0x80; c < 0x100; c++) {
            SPECIAL[c] = true;
        }
    }

    private final InputStream in;
    private byte[] buf;
    private int limit;
    private boolean eof;
    private int pos;
    private int nextLine = 1;
    private boolean started;
    private boolean startsLikeUtf16;

    private int line;
    private int recordStart;
    private int recordEnd;
    private int fieldCount;
    private boolean blank;
    private int badUtf8Line;
    private int badUtf8Byte;
    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];
    private final boolean[] escaped = new boolean[MAX_FIELDS];
    private final byte[][] arrays = new byte[MAX_FIELDS][];
    private byte[] scratch = new byte[64];

    /** Reads the whole input from {@code data}, which is never modified. */
    CsvRecords(byte[] data) {
        this.in = null;
        this.buf = data;
        this.limit = data.length;
        this.eof = true;
    }

    CsvRecords(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 8)];
    }

    /** Moves to the next record; false at the end of the input. */
    boolean next() throws IOException, CsvProblem {
        if (!started) {
            started = true;
            while (limit < 3 && !eof) {
                fill();
            }
            if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                pos = 3;
            }
            int b0 = limit >= 2 ? buf[0] & 0xff : -1;
            int b1 = limit >= 2 ? buf[1] & 0xff : -1;
            startsLikeUtf16 = b0 == 0 || b1 == 0 || b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF;
        }
        while (true) {
            int end = scan();
            if (end == NEED_MORE) {
                fill();
                continue;
            }
            if (end == Integer.MIN_VALUE) {
                return false;
            }
            finish();
            return true;
        }
    }

    /**
     * For 8 bytes read little-endian: a mask whose lowest set bit is the high bit of the first byte that is
     * special (comma, LF, CR, quote, non-ASCII), or 0 when there is none. Bytes after the first may be flagged
     * wrongly; only the first is used.
     */
    private static long special(long w) {
        return zeroBytes(w ^ (',' * ONES)) | zeroBytes(w ^ ('\n' * ONES)) | zeroBytes(w ^ ('\r' * ONES))
                | zeroBytes(w ^ ('"' * ONES)) | (w & HIGHS);
    }

    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private void fill() throws IOException {
        if (eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.readNBytes(buf, limit, buf.length - limit);
        if (n <= 0) {
            eof = true;
        }
        limit += Math.max(n, 0);
        if (limit < buf.length) {
            eof = true;
        }
    }

    /** Scans one record from {@code pos}; returns its end, NEED_MORE, or MIN_VALUE at the end of input. */
    private int scan() throws CsvProblem {
        final byte[] b = buf;
        final int lim = limit;
        int p = pos;
        if (p >= lim) {
            return eof ? Integer.MIN_VALUE : NEED_MORE;
        }
        int newlines = 0;
        int fields = 0;
        boolean nonAscii = false;
        boolean firstQuoted = false;
        int end;
        while (true) {
            int fs;
            int fe;
            boolean esc = false;
            boolean quoted = p < lim && b[p] == '"';
            if (quoted) {
                int quoteLine = nextLine + newlines;
                fs = ++p;
                while (true) {
                    if (p >= lim) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        throw new CsvProblem(Refusal.of(Refusal.Key.UNTERMINATED, quoteLine), quoteLine);
                    }
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 >= lim && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < lim && b[p + 1] == '"') {
                            esc = true;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        newlines++;
                    } else if (c < 0) {
                        nonAscii = true;
                    }
                    p++;
                }
                fe = p++;
            } else {
                fs = p;
                while (true) {
                    if (p + 8 <= lim) {
                        long m = special((long) LONGS.get(b, p));
                        if (m == 0) {
                            p += 8;
                            continue;
                        }
                        p += Long.numberOfTrailingZeros(m) >>> 3;
                    } else if (p >= lim) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        break;
                    }
                    byte c = b[p];
                    if (!SPECIAL[c & 0xff]) {
                        p++;
                        continue;
                    }
                    if (c < 0) {
                        nonAscii = true;
                        p++;
                        continue;
                    }
                    if (c != '"') {
                        break;
                    }
                    throw new CsvProblem(Refusal.of(Refusal.Key.QUOTE_INSIDE, nextLine + newlines), nextLine + newlines);
                }
                fe = p;
            }
            if (fields < MAX_FIELDS) {
                starts[fields] = fs;
                ends[fields] = fe;
                escaped[fields] = esc;
            }
            if (fields == 0) {
                firstQuoted = quoted;
            }
            fields++;
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                end = p;
                recordEnd = p;
                break;
            }
            byte c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            if (c == '\n') {
                recordEnd = p;
                end = p + 1;
                break;
            }
            if (c == '\r') {
                if (p + 1 >= lim && !eof) {
                    return NEED_MORE;
                }
                if (p + 1 >= lim) {
                    recordEnd = p;
                    end = p + 1;
                    break;
                }
                if (b[p + 1] == '\n') {
                    recordEnd = p;
                    end = p + 2;
                    break;
                }
                throw new CsvProblem(Refusal.of(Refusal.Key.LONE_CR, nextLine + newlines), nextLine + newlines);
            }
            throw new CsvProblem(Refusal.of(Refusal.Key.AFTER_QUOTE, nextLine + newlines, describe(c)),
                    nextLine + newlines);
        }
        recordStart = pos;
        line = nextLine;
        fieldCount = fields;
        blank = fields == 1 && !firstQuoted && starts[0] == ends[0];
        badUtf8Line = 0;
        if (nonAscii) {
            checkUtf8(b, pos, recordEnd, line);
        }
        nextLine += newlines + 1;
        pos = end;
        return end;
    }

    private void finish() {
        int n = Math.min(fieldCount, MAX_FIELDS);
        int used = 0;
        for (int f = 0; f < n; f++) {
            if (!escaped[f]) {
                arrays[f] = buf;
                continue;
            }
            int len = ends[f] - starts[f];
            if (scratch.length < used + len) {
                scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + len));
                for (int g = 0; g < f; g++) {
                    if (escaped[g]) {
                        arrays[g] = scratch;
                    }
                }
            }
            int w = used;
            for (int r = starts[f]; r < ends[f]; r++) {
                scratch[w++] = buf[r];
                if (buf[r] == '"') {
                    r++;
                }
            }
            arrays[f] = scratch;
            starts[f] = used;
            ends[f] = w;
            used = w;
        }
    }

    private void checkUtf8(byte[] b, int from, int to, int firstLine) {
        int bad = Utf8.firstInvalid(b, from, to);
        if (bad < 0) {
            return;
        }
        int l = firstLine;
        for (int i = from; i < bad; i++) {
            if (b[i] == '\n') {
                l++;
            }
        }
        badUtf8Line = l;
        badUtf8Byte = b[bad] & 0xff;
    }

    private static Refusal describe(byte c) {
        if (c >= 0x20 && c < 0x7f) {
            return Refusal.plain("'" + (char) c + "'");
        }
        return Refusal.of(Refusal.Key.BYTE, Refusal.hex(c));
    }

    /**
     * The bytes read so far but not yet split into records, {@code buffer()[position() .. limit())}, for a caller
     * that reads plain one-line records itself and hands them back with {@link #skipLines}. Only after the
     * first record; {@link #next()} may replace the array.
     */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    /**
     * True when the input starts as UTF-16 text does (with its byte order mark, or a NUL byte in either of its first
     * two bytes, as ASCII text has in UTF-16); known once {@link #next()} has been called.
     */
    boolean startsLikeUtf16() {
        return startsLikeUtf16;
    }

    /** The physical line where the next record starts. */
    int nextLine() {
        return nextLine;
    }

    /** Marks {@code lines} records, each one whole line ending at or before {@code end}, as read. */
    void skipLines(int end, int lines) {
        pos = end;
        nextLine += lines;
    }

    /** Physical line (1-based) where the current record starts. */
    int line() {
        return line;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** An empty line (not even a quoted empty field). */
    boolean blank() {
        return blank;
    }

    /** The physical line of the first byte that is not UTF-8, or 0 when the record is valid UTF-8. */
    int badUtf8Line() {
        return badUtf8Line;
    }

    int badUtf8Byte() {
        return badUtf8Byte;
    }

    byte[] array(int field) {
        return arrays[field];
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean fieldIs(int field, String ascii) {
        int len = ends[field] - starts[field];
        if (len != ascii.length()) {
            return false;
        }
        byte[] a = arrays[field];
        for (int i = 0; i < len; i++) {
            if (a[starts[field] + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String field(int field) {
        return new String(arrays[field], starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /** The start of the record as written (quotes included), for messages. */
    String text() {
        return new String(buf, recordStart, Math.min(recordEnd - recordStart, 200), StandardCharsets.UTF_8);
    }

    /** A problem that stops reading: the rest of the input cannot be split into records reliably. */
    static final class CsvProblem extends Exception {
        private final int line;
        private final Refusal refusal;

        CsvProblem(Refusal refusal, int line) {
            super(refusal.english(), null, false, false);
            this.line = line;
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }

        int line() {
            return line;
        }
    }
}
