package org.holdout.scoring;

import java.io.IOException;
import java.io.InputStream;

/**
 * Pure scoring: parse an upload, check it against the solution, ROC-AUC per split. No database, no HTTP.
 *
 * <p>Accepted: UTF-8 with or without a BOM; LF or CRLF line ends; the header {@code Id,Predicted} on line 1;
 * then exactly one row per test Id, in any order, each with 2 fields; any field may be quoted (RFC 4180,
 * {@code ""} for a quote); empty lines only at the end. Ids are matched byte for byte against the
 * solution's ({@code 007} is not {@code 7}, {@code " 7"} is not {@code 7}). A score is a plain decimal
 * literal, {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, whose double is finite
 * ({@code 1e5 .5 -0.0 +1 5. 4.9e-324 1e308} yes; {@code NaN inf 1e400 0.5d 0x1p-3}, an empty field and
 * spaces around the number no). Anything else is refused with the first problem (line, Id, what is wrong)
 * and a count of the others.
 *
 * <p>The upload is read straight from its bytes: each score becomes an order-preserving {@code long} key in
 * a primitive array of its split and class; each split's AUC is then the Mann–Whitney statistic of two
 * sorted arrays, counted exactly in a {@code long} (ties count one half, {@code -0.0} ties with
 * {@code 0.0}, neighbouring doubles stay apart) and divided once, so it is correctly rounded. Memory per
 * upload: about 13 bytes per test Id beside the bytes in memory, or 17 bytes per Id and a 64 KiB buffer
 * when streaming.
 */
public final class Scorer {
    private static final String[] SPLIT = {"Public", "Private"};

    private Scorer() {
    }

    /**
     * Scores an upload (the raw bytes of an {@code Id,Predicted} CSV). The bytes are not modified.
     *
     * @throws SubmissionRejectedException with a message naming the line, the Id and the problem
     */
    public static Score score(Solution solution, byte[] upload) throws SubmissionRejectedException {
        try {
            return score(solution, new CsvRecords(upload), upload);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /**
     * Scores an upload read from a stream (not closed), holding only a small buffer of it in memory.
     *
     * @throws IOException when the stream cannot be read
     * @throws SubmissionRejectedException with a message naming the line, the Id and the problem
     */
    public static Score score(Solution solution, InputStream upload) throws IOException, SubmissionRejectedException {
        return score(solution, new CsvRecords(upload, CsvRecords.DEFAULT_BUFFER), null);
    }

    static Score score(Solution solution, InputStream upload, int bufferSize)
            throws IOException, SubmissionRejectedException {
        return score(solution, new CsvRecords(upload, bufferSize), null);
    }

    /**
     * Scores an upload like {@link #score(Solution, byte[])} and adds each split's DeLong variance and 95% interval
     * ({@link DeLong}); a split without a score has a null interval.
     *
     * @throws SubmissionRejectedException with a message naming the line, the Id and the problem
     */
    public static ScoreWithIntervals scoreWithIntervals(Solution solution, byte[] upload)
            throws SubmissionRejectedException {
        long[][] keys;
        try {
            keys = keys(solution, new CsvRecords(upload), upload);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        Score score = score(keys, solution.size());
        AucInterval pub = score.publicAuc() == null ? null : DeLong.ofSorted(keys[0], keys[1]);
        AucInterval priv = score.privateAuc() == null ? null : DeLong.ofSorted(keys[2], keys[3]);
        return new ScoreWithIntervals(score, pub, priv);
    }

    /**
     * The Predicted values of an upload that {@link #score(Solution, byte[])} accepts, read by the same path,
     * ascending: no Id, split or label goes with them (a {@code -0.0} reads as {@code 0.0}).
     *
     * @throws SubmissionRejectedException with the same message as {@link #score(Solution, byte[])}
     */
    public static double[] predictions(Solution solution, byte[] upload) throws SubmissionRejectedException {
        long[][] keys;
        try {
            keys = keys(solution, new CsvRecords(upload), upload);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        long[] all = new long[solution.size()];
        int n = 0;
        for (long[] group : keys) {
            System.arraycopy(group, 0, all, n, group.length);
            n += group.length;
        }
        Keys.sort(all, n, new long[n]);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Keys.value(all[i]);
        }
        return values;
    }

    private static Score score(Solution solution, CsvRecords csv, byte[] upload)
            throws IOException, SubmissionRejectedException {
        return score(keys(solution, csv, upload), solution.size());
    }

    /** Sorts each split's key arrays in place and counts their AUCs. */
    private static Score score(long[][] keys, int rows) {
        int largest = 0;
        for (long[] k : keys) {
            largest = Math.max(largest, k.length);
        }
        long[] tmp = new long[largest];
        Split pub = auc(0, keys[0], keys[1], tmp);
        Split priv = auc(1, keys[2], keys[3], tmp);
        return new Score(pub.auc, pub.reason, priv.auc, priv.reason, rows);
    }

    /** The keys of each group of the solution (Public normal, Public anomalous, Private normal, Private anomalous). */
    private static long[][] keys(Solution solution, CsvRecords csv, byte[] upload)
            throws IOException, SubmissionRejectedException {
        Tally t = new Tally(solution, upload);
        Problems problems = t.problems;
        boolean complete = false;
        boolean anyRow = false;
        try {
            readHeader(csv);
            while (true) {
                if (!problems.blanksPending() && plainRows(csv, t)) {
                    anyRow = true;
                }
                if (!csv.next()) {
                    break;
                }
                int line = csv.line();
                if (problems.skipBlank(csv)) {
                    continue;
                }
                anyRow = true;
                if (csv.fieldCount() == 2 && !problems.blanksPending() && csv.badUtf8Line() == 0) {
                    int slot = solution.slotOf(csv.array(0), csv.start(0), csv.end(0));
                    double v = Decimal.parse(csv.array(1), csv.start(1), csv.end(1));
                    if (slot >= 0 && Double.isFinite(v)) {
                        t.add(slot, Keys.of(v), line);
                        continue;
                    }
                }
                t.flush();
                problems.blanksBeforeRecord();
                problem(t, csv, line);
            }
            t.flush();
            complete = true;
        } catch (CsvRecords.CsvProblem e) {
            t.flush();
            problems.add(e.refusal(), e.line(), null);
        }
        if (complete && !anyRow) {
            problems.add(Refusal.of(Refusal.Key.ONLY_HEADER, Text.count(t.size)), 0, null);
        } else if (complete && t.seen < t.size) {
            int slot = t.firstUnseen();
            String id = solution.idOf(slot);
            problems.add(Refusal.of(Refusal.Key.MISSING, Text.id(id), Text.count(t.seen), Text.count(t.size)), 0, id);
            problems.addMore(t.size - t.seen - 1L);
        }
        if (problems.any()) {
            throw new SubmissionRejectedException(problems.message(), problems.line(), problems.id());
        }
        return t.keys;
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The fast path: reads, from the bytes buffered in {@code csv}, every following row that is one line of the
     * form {@code Id,score} with an unquoted ASCII Id of the solution, a valid finite score and an LF or CRLF end,
     * and tallies it exactly as the record-by-record path would; stops before the first row that is anything else
     * (or runs past the buffer), which that path then reads. One pass over each byte: the Id's digits give its
     * slot, the score's digits its value. A score whose digits make an integer up to 2^53 and whose decimal
     * exponent is within ±22 is one correctly rounded division or multiplication of two exact doubles (Clinger's
     * fast path), so equals {@link Double#parseDouble}; other scores go to fastdoubleparser, like the other path's.
     *
     * @return whether it read a row
     */
    private static boolean plainRows(CsvRecords csv, Tally t) {
        final byte[] b = csv.buffer();
        final int lim = csv.limit();
        final Solution solution = t.solution;
        final boolean numericIds = solution.numericIds();
        final long firstId = solution.firstId();
        final int size = solution.size();
        final int firstLine = csv.nextLine();
        int line = firstLine;
        int done = csv.position();
        int p = done;
        while (true) {
            int slot;
            if (numericIds) {
                long id = 0;
                int c;
                while (p < lim && (c = b[p] - '0') >= 0 && c <= 9) {
                    id = id * 10 + c;
                    p++;
                }
                int digits = p - done;
                if (digits == 0 || digits > 18 || (b[done] == '0' && digits > 1)) {
                    break;
                }
                long s = id - firstId;
                if (s < 0 || s >= size) {
                    break;
                }
                slot = (int) s;
            } else {
                byte c;
                while (p < lim && (c = b[p]) != ',' && c != '"' && c != '\n' && c != '\r' && c >= 0) {
                    p++;
                }
                slot = p == done ? -1 : solution.slotOf(b, done, p);
                if (slot < 0) {
                    break;
                }
            }
            if (p >= lim || b[p] != ',') {
                break;
            }
            int from = ++p;
            boolean negative = false;
            if (p < lim && (b[p] == '+' || b[p] == '-')) {
                negative = b[p] == '-';
                p++;
            }
            long mantissa = 0;
            int digits = 0;
            int fraction = 0;
            int c;
            while (p < lim && (c = b[p] - '0') >= 0 && c <= 9) {
                mantissa = mantissa * 10 + c;
                digits++;
                p++;
            }
            if (p < lim && b[p] == '.') {
                p++;
                int fractionStart = p;
                while (p < lim && (c = b[p] - '0') >= 0 && c <= 9) {
                    mantissa = mantissa * 10 + c;
                    p++;
                }
                fraction = p - fractionStart;
                digits += fraction;
            }
            if (digits == 0) {
                break;
            }
            int exponent = 0;
            if (p < lim && (b[p] | 0x20) == 'e') {
                p++;
                boolean negativeExponent = false;
                if (p < lim && (b[p] == '+' || b[p] == '-')) {
                    negativeExponent = b[p] == '-';
                    p++;
                }
                int exponentStart = p;
                while (p < lim && (c = b[p] - '0') >= 0 && c <= 9) {
                    if (exponent < 100_000) {
                        exponent = exponent * 10 + c;
                    }
                    p++;
                }
                if (p == exponentStart) {
                    break;
                }
                if (negativeExponent) {
                    exponent = -exponent;
                }
            }
            int to = p;
            if (p < lim && b[p] == '\n') {
                p++;
            } else if (p + 1 < lim && b[p] == '\r' && b[p + 1] == '\n') {
                p += 2;
            } else {
                break;
            }
            double v;
            int scale = exponent - fraction;
            if (digits <= 18 && mantissa <= 1L << 53 && scale >= -22 && scale <= 22) {
                v = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
                if (negative) {
                    v = -v;
                }
            } else {
                v = Decimal.ofLiteral(b, from, to);
                if (!Double.isFinite(v)) {
                    break;
                }
            }
            t.add(slot, Keys.of(v), line++);
            done = p;
        }
        csv.skipLines(done, line - firstLine);
        return line > firstLine;
    }

    /** The slow path for a record that is not a plain valid row: finds and records its problem, if any. */
    private static void problem(Tally t, CsvRecords csv, int line) {
        Problems problems = t.problems;
        Solution solution = t.solution;
        if (csv.badUtf8Line() != 0) {
            problems.add(Refusal.of(Refusal.Key.NOT_UTF8, csv.badUtf8Line(), Refusal.hex(csv.badUtf8Byte())),
                    csv.badUtf8Line(), null);
            return;
        }
        if (csv.fieldCount() != 2) {
            int known = solution.slotOf(csv.array(0), csv.start(0), csv.end(0));
            // the Id is there, so count it as present: one broken line is one problem, not two
            if (known >= 0 && !t.isSeen(known)) {
                t.markSeen(known, line);
            }
            problems.add(Refusal.of(Refusal.Key.FIELD_COUNT, line, Refusal.of(csv.fieldCount() == 1 ? Refusal.Key.FIELD
                    : Refusal.Key.FIELDS, Text.count(csv.fieldCount()))), line, known >= 0 ? csv.field(0) : null);
            return;
        }
        int slot = solution.slotOf(csv.array(0), csv.start(0), csv.end(0));
        String id = csv.field(0);
        if (slot < 0) {
            problems.add(id.isEmpty() ? Refusal.of(Refusal.Key.EMPTY_ID, line)
                    : Refusal.of(Refusal.Key.UNKNOWN_ID, Text.quote(id), line), line, id);
            return;
        }
        if (t.isSeen(slot)) {
            t.duplicate(slot, line);
            return;
        }
        t.markSeen(slot, line);
        double v = Decimal.parse(csv.array(1), csv.start(1), csv.end(1));
        if (Double.isFinite(v)) {
            // a valid row after a blank line: the blank line was the problem
            t.keys[t.group(slot)][t.filled[t.group(slot)]++] = Keys.of(v);
            return;
        }
        Refusal where = Refusal.of(Refusal.Key.WHERE, line, Text.id(id));
        String text = csv.field(1);
        problems.add(Double.isNaN(v) ? Decimal.problem(text, where) : Decimal.overflow(text, where), line, id);
    }

    /**
     * What one upload has seen so far: a seen flag per slot (beside its group, one byte) and the keys of each
     * group in file order. Valid rows are marked in batches: the slots' bytes are then fetched independently
     * of one another, so cache misses overlap instead of queueing behind each row's parsing. The line where
     * each Id was first seen is kept only for a streamed upload; for bytes in memory it is looked up again
     * when a duplicate needs it.
     */
    private static final class Tally {
        private static final int BATCH = 256;
        private static final int GROUP = 3;
        private static final int SEEN = 0x40;

        final Solution solution;
        final int size;
        final Problems problems = new Problems();
        final long[][] keys = new long[Solution.GROUPS][];
        final int[] filled = new int[Solution.GROUPS];
        final byte[] state;
        private final byte[] upload;
        private final int[] firstLine;
        int seen;
        private final int[] batchSlot = new int[BATCH];
        private final long[] batchKey = new long[BATCH];
        private final int[] batchLine = new int[BATCH];
        private int pending;

        Tally(Solution solution, byte[] upload) {
            this.upload = upload;
            this.solution = solution;
            this.size = solution.size();
            for (int g = 0; g < Solution.GROUPS; g++) {
                keys[g] = new long[solution.groupSize(g)];
            }
            this.state = solution.groupsCopy();
            this.firstLine = upload == null ? new int[size] : null;
        }

        void add(int slot, long key, int line) {
            batchSlot[pending] = slot;
            batchKey[pending] = key;
            batchLine[pending] = line;
            if (++pending == BATCH) {
                flush();
            }
        }

        void flush() {
            for (int i = 0; i < pending; i++) {
                int slot = batchSlot[i];
                int st = state[slot];
                if ((st & SEEN) != 0) {
                    duplicate(slot, batchLine[i]);
                    continue;
                }
                state[slot] = (byte) (st | SEEN);
                if (firstLine != null) {
                    firstLine[slot] = batchLine[i];
                }
                seen++;
                int g = st & GROUP;
                keys[g][filled[g]++] = batchKey[i];
            }
            pending = 0;
        }

        boolean isSeen(int slot) {
            return (state[slot] & SEEN) != 0;
        }

        void markSeen(int slot, int line) {
            state[slot] |= SEEN;
            if (firstLine != null) {
                firstLine[slot] = line;
            }
            seen++;
        }

        int group(int slot) {
            return state[slot] & GROUP;
        }

        /** The Id matched the solution's bytes exactly, so the solution's spelling is the upload's. */
        void duplicate(int slot, int line) {
            String id = solution.idOf(slot);
            if (problems.any()) {
                problems.addMore(1);
                return;
            }
            int first = firstLine != null ? firstLine[slot] : firstLineOf(slot);
            problems.add(Refusal.of(Refusal.Key.DUPLICATE, Text.id(id), line, first), line, id);
        }

        /** Reads the upload again up to the first row (with valid UTF-8) that has the slot's Id. */
        private int firstLineOf(int slot) {
            CsvRecords again = new CsvRecords(upload);
            try {
                again.next();
                while (again.next()) {
                    if (!again.blank() && again.badUtf8Line() == 0
                            && solution.slotOf(again.array(0), again.start(0), again.end(0)) == slot) {
                        return again.line();
                    }
                }
            } catch (IOException | CsvRecords.CsvProblem e) {
                throw new IllegalStateException("the upload was read once already", e);
            }
            throw new IllegalStateException("a duplicate Id without a first occurrence");
        }

        int firstUnseen() {
            int slot = 0;
            while (isSeen(slot)) {
                slot++;
            }
            return slot;
        }
    }

    private static void readHeader(CsvRecords csv) throws IOException, CsvRecords.CsvProblem,
            SubmissionRejectedException {
        boolean any;
        try {
            any = csv.next();
        } catch (CsvRecords.CsvProblem e) {
            if (csv.startsLikeUtf16()) {
                throw utf16();
            }
            throw e;
        }
        if (csv.startsLikeUtf16()) {
            throw utf16();
        }
        if (!any) {
            throw new SubmissionRejectedException(Refusal.of(Refusal.Key.EMPTY), 0, null);
        }
        if (csv.badUtf8Line() != 0) {
            throw new SubmissionRejectedException(Refusal.of(Refusal.Key.HEADER_NOT_UTF8), 1, null);
        }
        if (csv.fieldCount() != 2 || !csv.fieldIs(0, "Id") || !csv.fieldIs(1, "Predicted")) {
            throw new SubmissionRejectedException(csv.blank() ? Refusal.of(Refusal.Key.HEADER_BLANK)
                    : Refusal.of(Refusal.Key.HEADER_FOUND, Text.quote(csv.text())), 1, null);
        }
    }

    /**
     * A UTF-16 file (as some Windows tools save "Unicode" text) would otherwise be refused for whatever its NUL bytes
     * break first: the header, or a CR followed by a NUL instead of a line feed.
     */
    private static SubmissionRejectedException utf16() {
        return new SubmissionRejectedException(Refusal.of(Refusal.Key.UTF16), 1, null);
    }

    private record Split(Double auc, String reason) {
    }

    private static Split auc(int split, long[] normal, long[] anomalous, long[] tmp) {
        if (normal.length == 0 && anomalous.length == 0) {
            return new Split(null, "the " + SPLIT[split] + " split has no rows");
        }
        if (anomalous.length == 0) {
            return new Split(null, "the " + SPLIT[split] + " split has no anomalous rows");
        }
        if (normal.length == 0) {
            return new Split(null, "the " + SPLIT[split] + " split has no normal rows");
        }
        Keys.sort(normal, normal.length, tmp);
        Keys.sort(anomalous, anomalous.length, tmp);
        long twiceU = twiceMannWhitneyU(normal, anomalous);
        long twicePairs = 2L * normal.length * anomalous.length;
        return new Split((double) twiceU / (double) twicePairs, null);
    }

    /**
     * Twice the Mann–Whitney U of the anomalous scores against the normal ones: for every (anomalous, normal)
     * pair, 2 when the anomaly scores higher, 1 on a tie. Both arrays hold sorted {@link Keys}.
     */
    static long twiceMannWhitneyU(long[] normal, long[] anomalous) {
        long twiceU = 0;
        int below = 0;
        int n = normal.length;
        int j = 0;
        while (j < anomalous.length) {
            long v = anomalous[j];
            int sameAnomalous = j + 1;
            while (sameAnomalous < anomalous.length && anomalous[sameAnomalous] == v) {
                sameAnomalous++;
            }
            while (below < n && normal[below] < v) {
                below++;
            }
            int tiedEnd = below;
            while (tiedEnd < n && normal[tiedEnd] == v) {
                tiedEnd++;
            }
            twiceU += (long) (sameAnomalous - j) * (2L * below + (tiedEnd - below));
            j = sameAnomalous;
        }
        return twiceU;
    }
}
