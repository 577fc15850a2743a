package org.holdout.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The hidden answer key, {@code Id,Expected,Usage} (Kaggle's format; Expected 1 = anomaly; Usage Public or
 * Private). Read once, immutable, and shared by every upload (safe across threads).
 *
 * <p>Each Id gets a slot. When the Ids are the decimal numbers {@code k..k+M-1} (written plainly, without
 * leading zeros) the slot is the number minus {@code k}; otherwise an open-addressing hash of the Id bytes
 * finds it. Either way a lookup allocates nothing.
 */
public final class Solution {
    static final int GROUPS = 4;
    private static final int PRIVATE = 2;
    private static final int ANOMALY = 1;
    private static final int MAX_NUMERIC_DIGITS = 18;

    private final int size;
    private final byte[] group;
    private final int[] groupSize = new int[GROUPS];
    private final long firstNumericId;
    private final boolean numeric;
    private final byte[] idBytes;
    private final int[] idStart;
    private final int[] table;
    private final int mask;

    private Solution(int size, byte[] group, long firstNumericId, boolean numeric, byte[] idBytes, int[] idStart,
            int[] table) {
        this.size = size;
        this.group = group;
        this.firstNumericId = firstNumericId;
        this.numeric = numeric;
        this.idBytes = idBytes;
        this.idStart = idStart;
        this.table = table;
        this.mask = table == null ? 0 : table.length - 1;
        for (byte g : group) {
            groupSize[g]++;
        }
    }

    /** Reads and checks a solution file. */
    public static Solution read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads and checks a solution from a stream (not closed). */
    public static Solution read(InputStream in) throws IOException {
        return parse(new CsvRecords(in, CsvRecords.DEFAULT_BUFFER));
    }

    /** Parses and checks a solution held in memory. */
    public static Solution parse(byte[] csv) throws SolutionFormatException {
        try {
            return parse(new CsvRecords(csv));
        } catch (SolutionFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /**
     * Reads a replacement for {@code current}: a valid answer key with exactly the same Ids (the test images do not
     * change), in any order, and both classes on each part; anything else is refused with a message naming the line.
     */
    public static SolutionChange readReplacement(InputStream in, Solution current) throws IOException {
        Solution next = parse(new CsvRecords(in, CsvRecords.DEFAULT_BUFFER), current);
        return SolutionChange.between(current, next);
    }

    private static Solution parse(CsvRecords csv) throws IOException {
        return parse(csv, null);
    }

    /** {@code sameIds}: when not null, every Id must be one of its Ids, all of them, and each part needs both classes. */
    private static Solution parse(CsvRecords csv, Solution sameIds) throws IOException {
        Problems problems = new Problems();
        try {
            if (!csv.next()) {
                throw new SolutionFormatException("the solution file is empty", 0);
            }
            if (csv.badUtf8Line() != 0) {
                throw new SolutionFormatException("line 1 is not UTF-8 text", 1);
            }
            if (csv.fieldCount() != 3 || !csv.fieldIs(0, "Id") || !csv.fieldIs(1, "Expected")
                    || !csv.fieldIs(2, "Usage")) {
                throw new SolutionFormatException("line 1 must be the header Id,Expected,Usage, found "
                        + Text.quote(csv.text()), 1);
            }
            Builder b = new Builder();
            while (csv.next()) {
                int line = csv.line();
                if (problems.skipBlank(csv)) {
                    continue;
                }
                problems.blanksBeforeRecord();
                if (csv.badUtf8Line() != 0) {
                    problems.add("line " + csv.badUtf8Line() + " is not UTF-8 text", csv.badUtf8Line(), null);
                    continue;
                }
                if (csv.fieldCount() != 3) {
                    problems.add("line " + line + " has " + Text.plural(csv.fieldCount(), "field")
                            + ", expected 3 (Id,Expected,Usage)", line, null);
                    continue;
                }
                if (csv.start(0) == csv.end(0)) {
                    problems.add("line " + line + " has an empty Id", line, "");
                    continue;
                }
                int expected;
                if (csv.fieldIs(1, "0")) {
                    expected = 0;
                } else if (csv.fieldIs(1, "1")) {
                    expected = ANOMALY;
                } else {
                    String id = csv.field(0);
                    problems.add("Expected must be 0 or 1, found " + Text.quote(csv.field(1)) + " on line " + line
                            + " (Id " + Text.id(id) + ")", line, id);
                    continue;
                }
                int usage;
                if (csv.fieldIs(2, "Public")) {
                    usage = 0;
                } else if (csv.fieldIs(2, "Private")) {
                    usage = PRIVATE;
                } else {
                    String id = csv.field(0);
                    problems.add("Usage must be Public or Private, found " + Text.quote(csv.field(2)) + " on line "
                            + line + " (Id " + Text.id(id) + ")", line, id);
                    continue;
                }
                if (sameIds != null && sameIds.slotOf(csv.array(0), csv.start(0), csv.end(0)) < 0) {
                    String id = csv.field(0);
                    problems.add("Id " + Text.id(id) + " on line " + line + " is not a test Id (the current solution"
                            + " has no such Id)", line, id);
                    continue;
                }
                b.add(csv.array(0), csv.start(0), csv.end(0), (byte) (usage + expected), line);
            }
            if (!problems.any() && b.rows == 0) {
                throw new SolutionFormatException("the solution has no rows", 0);
            }
            if (!problems.any()) {
                Solution s = b.build(problems);
                if (s != null && sameIds != null) {
                    checkReplaces(s, sameIds);
                }
                if (s != null) {
                    return s;
                }
            }
        } catch (CsvRecords.CsvProblem e) {
            problems.add(e.getMessage(), e.line(), null);
        }
        throw new SolutionFormatException(problems.message().english(), problems.line());
    }

    /** Every Id of {@code current} is in {@code s} (whose Ids are all {@code current}'s), and each part has both classes. */
    private static void checkReplaces(Solution s, Solution current) throws SolutionFormatException {
        if (s.size < current.size) {
            for (int slot = 0; slot < current.size; slot++) {
                byte[] id = current.idOf(slot).getBytes(StandardCharsets.UTF_8);
                if (s.slotOf(id, 0, id.length) < 0) {
                    throw new SolutionFormatException("missing Id " + Text.id(current.idOf(slot)) + " (the file has "
                            + Text.count(s.size) + " of the " + Text.count(current.size) + " test Ids)", 0);
                }
            }
        }
        for (int part = 0; part < GROUPS; part += PRIVATE) {
            String name = part == 0 ? "Public" : "Private";
            if (s.groupSize[part] == 0 || s.groupSize[part + ANOMALY] == 0) {
                throw new SolutionFormatException("the " + name + " part has " + Text.plural(s.groupSize[part],
                        "normal row") + " (Expected 0) and " + anomalies(s.groupSize[part + ANOMALY])
                        + " (Expected 1): it needs both to have an AUC", 0);
            }
        }
    }

    private static String anomalies(int n) {
        return Text.count(n) + (n == 1 ? " anomaly" : " anomalies");
    }

    /**
     * The answer key as a bundle holds it: the header {@code Id,Expected,Usage}, then one LF-ended row per Id in slot
     * order (numeric Ids ascending, others as first read), without quotes.
     */
    public byte[] toCsv() {
        StringBuilder sb = new StringBuilder(size * 14 + 20).append("Id,Expected,Usage\n");
        for (int slot = 0; slot < size; slot++) {
            sb.append(csvField(idOf(slot))).append(',').append(expected(slot)).append(',').append(usage(slot)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\r\n]*") ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The rows of each part and class: {public normal, public anomaly, private normal, private anomaly}. */
    public int[] partCounts() {
        return groupSize.clone();
    }

    /** 1 for an anomaly, 0 for a normal row. */
    int expected(int slot) {
        return group[slot] & ANOMALY;
    }

    /** {@code Public} or {@code Private}. */
    String usage(int slot) {
        return (group[slot] & PRIVATE) == 0 ? "Public" : "Private";
    }

    /** The slot of an Id, or -1 when it is not one of this solution's. */
    int slotOf(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return slotOf(b, 0, b.length);
    }

    /** The number of test Ids. */
    public int size() {
        return size;
    }

    public int publicRows() {
        return groupSize[0] + groupSize[ANOMALY];
    }

    public int privateRows() {
        return groupSize[PRIVATE] + groupSize[PRIVATE + ANOMALY];
    }

    /** The slot of an Id given as UTF-8 bytes, or -1 when it is not a test Id. */
    int slotOf(byte[] b, int from, int to) {
        if (numeric) {
            long v = canonicalDecimal(b, from, to);
            long slot = v - firstNumericId;
            return v >= 0 && slot >= 0 && slot < size ? (int) slot : -1;
        }
        int h = hash(b, from, to) & mask;
        int len = to - from;
        while (true) {
            int row = table[h] - 1;
            if (row < 0) {
                return -1;
            }
            int s = idStart[row];
            if (idStart[row + 1] - s == len && Arrays.equals(idBytes, s, s + len, b, from, to)) {
                return row;
            }
            h = (h + 1) & mask;
        }
    }

    /** True when the Ids are the numbers {@link #firstId()} and up, so a number's slot is its distance from it. */
    boolean numericIds() {
        return numeric;
    }

    long firstId() {
        return firstNumericId;
    }

    /** The Id in a slot, as written in the solution. */
    String idOf(int slot) {
        if (numeric) {
            return Long.toString(firstNumericId + slot);
        }
        return new String(idBytes, idStart[slot], idStart[slot + 1] - idStart[slot], StandardCharsets.UTF_8);
    }

    /** 0 Public normal, 1 Public anomaly, 2 Private normal, 3 Private anomaly. */
    int group(int slot) {
        return group[slot];
    }

    /** A fresh copy of every slot's group, for an upload to mark the slots it has seen. */
    byte[] groupsCopy() {
        return group.clone();
    }

    int groupSize(int group) {
        return groupSize[group];
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static long canonicalDecimal(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || len > MAX_NUMERIC_DIGITS || (b[from] == '0' && len > 1)) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Collects rows in file order, then picks the numeric or the hashed Id index. While every Id is a plain
     * number that fits an int it keeps just the numbers (4 bytes a row); the Id bytes only from the first Id
     * that is not.
     */
    private static final class Builder {
        private int[] numbers = new int[1 << 10];
        private byte[] ids;
        private int idLength;
        private int[] starts;
        private byte[] groups = new byte[1 << 10];
        private int[] lines = new int[1 << 10];
        private int rows;
        private boolean allNumeric = true;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;

        void add(byte[] b, int from, int to, byte group, int line) {
            if (rows + 2 > groups.length) {
                int n = groups.length * 2;
                groups = Arrays.copyOf(groups, n);
                lines = Arrays.copyOf(lines, n);
                if (numbers != null) {
                    numbers = Arrays.copyOf(numbers, n);
                } else {
                    starts = Arrays.copyOf(starts, n);
                }
            }
            long v = allNumeric ? canonicalDecimal(b, from, to) : -1;
            if (v < 0) {
                allNumeric = false;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (numbers != null && (v < 0 || v > Integer.MAX_VALUE)) {
                toBytes();
            }
            if (numbers != null) {
                numbers[rows] = (int) v;
            } else {
                appendBytes(b, from, to - from);
            }
            groups[rows] = group;
            lines[rows] = line;
            rows++;
        }

        private void toBytes() {
            ids = new byte[Math.max(1 << 12, rows * 8)];
            starts = new int[groups.length];
            int[] plain = numbers;
            numbers = null;
            int n = rows;
            rows = 0;
            for (int r = 0; r < n; r++) {
                byte[] digits = Integer.toString(plain[r]).getBytes(StandardCharsets.US_ASCII);
                appendBytes(digits, 0, digits.length);
                rows++;
            }
        }

        private void appendBytes(byte[] b, int from, int len) {
            if (idLength + len > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, idLength + len));
            }
            System.arraycopy(b, from, ids, idLength, len);
            starts[rows] = idLength;
            idLength += len;
        }

        private long number(int row) {
            return numbers != null ? numbers[row] : canonicalDecimal(ids, starts[row], starts[row + 1]);
        }

        /** The solution, or null after adding the duplicate Ids to {@code problems}. */
        Solution build(Problems problems) {
            if (numbers == null) {
                starts[rows] = idLength;
            }
            if (allNumeric && max - min + 1 == rows) {
                int[] rowOfSlot = new int[rows];
                Arrays.fill(rowOfSlot, -1);
                byte[] bySlot = new byte[rows];
                for (int r = 0; r < rows; r++) {
                    int slot = (int) (number(r) - min);
                    if (rowOfSlot[slot] >= 0) {
                        duplicate(problems, r, rowOfSlot[slot]);
                        continue;
                    }
                    rowOfSlot[slot] = r;
                    bySlot[slot] = groups[r];
                }
                return problems.any() ? null : new Solution(rows, bySlot, min, true, null, null, null);
            }
            if (numbers != null) {
                toBytes();
                starts[rows] = idLength;
            }
            int capacity = Integer.highestOneBit(Math.max(4, rows + rows / 3) - 1) << 1;
            int[] table = new int[capacity];
            int mask = capacity - 1;
            for (int r = 0; r < rows; r++) {
                int s = starts[r];
                int e = starts[r + 1];
                int h = hash(ids, s, e) & mask;
                while (true) {
                    int other = table[h] - 1;
                    if (other < 0) {
                        table[h] = r + 1;
                        break;
                    }
                    if (Arrays.equals(ids, starts[other], starts[other + 1], ids, s, e)) {
                        duplicate(problems, r, other);
                        break;
                    }
                    h = (h + 1) & mask;
                }
            }
            if (problems.any()) {
                return null;
            }
            return new Solution(rows, Arrays.copyOf(groups, rows), 0, false, Arrays.copyOf(ids, idLength),
                    Arrays.copyOf(starts, rows + 1), table);
        }

        private void duplicate(Problems problems, int row, int firstRow) {
            String id = numbers != null ? Integer.toString(numbers[row])
                    : new String(ids, starts[row], starts[row + 1] - starts[row], StandardCharsets.UTF_8);
            problems.add("duplicate Id " + Text.id(id) + " on line " + lines[row] + ", first on line "
                    + lines[firstRow], lines[row], id);
        }
    }
}
