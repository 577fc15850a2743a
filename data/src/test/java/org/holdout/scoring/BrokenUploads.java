package org.holdout.scoring;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of uploads for {@link SubmissionFuzzTest}: valid submissions for a small solution with up to four
 * mutations (text edits, then an encoding, then byte edits), and files made from scratch. Every value prints as
 * what was done and the file's bytes, so a failure shows the file.
 */
final class BrokenUploads {
    static final int ROWS = 12;
    /** The accepted score grammar, as the README states it. */
    static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private BrokenUploads() {
    }

    /** The solutions uploads are scored against: numeric Ids (from 0 or 1000), zero-padded and named ones. */
    enum Ids {
        NUMERIC(Integer::toString), OFFSET(i -> Integer.toString(1000 + i)), PADDED(i -> String.format("%03d", i)),
        NAMED(i -> "img" + i);

        final IntFunction<String> id;
        final Solution solution;

        Ids(IntFunction<String> id) {
            this.id = id;
            this.solution = TestSolutions.of(ROWS, id);
        }

        /** As {@link TestSolutions}: odd rows are anomalies, the first half of the rows Public. */
        static boolean anomaly(int row) {
            return row % 2 == 1;
        }

        static boolean isPublic(int row, int rows) {
            return row < rows / 2;
        }
    }

    record Upload(Ids ids, String kind, String how, byte[] bytes) {
        @Override
        public String toString() {
            return kind + " for " + ids + " Ids (" + how + "), " + bytes.length + " bytes: " + show(bytes, 1500);
        }
    }

    /** The bytes as a Java string literal (ASCII shown as it is, everything else as \xNN), cut after {@code max}. */
    static String show(byte[] b, int max) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(b.length, max); i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "\\x%02X", c));
            }
        }
        sb.append('"');
        return b.length > max ? sb + "... (" + (b.length - max) + " more bytes)" : sb.toString();
    }

    static String show(String s) {
        return show(s.getBytes(StandardCharsets.UTF_8), 80);
    }

    static String csvField(String s, boolean forceQuotes) {
        if (forceQuotes || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    // ---- uploads -------------------------------------------------------------------------------------------

    static Arbitrary<Upload> uploads() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, mutated()),
                Tuple.of(1, randomBytes()),
                Tuple.of(2, hostileText()),
                Tuple.of(1, manyColumns()),
                Tuple.of(1, longLine()),
                Tuple.of(1, oddFiles()));
    }

    /** A text file being mutated: the lines without their ends, each line's end, and what was done. */
    static final class Doc {
        final Ids ids;
        final List<String> lines = new ArrayList<>();
        final List<String> eols = new ArrayList<>();
        String tail = "";

        Doc(Ids ids) {
            this.ids = ids;
        }

        int dataRow(int r) {
            return lines.size() <= 1 ? 0 : 1 + Math.floorMod(r, lines.size() - 1);
        }

        int anyLine(int r) {
            return Math.floorMod(r, lines.size() + 1);
        }

        void setField(int line, int field, String text) {
            String[] parts = lines.get(line).split(",", -1);
            if (field < parts.length) {
                parts[field] = text;
                lines.set(line, String.join(",", parts));
            } else {
                lines.set(line, lines.get(line) + "," + text);
            }
        }

        void insert(int at, String line, String eol) {
            lines.add(at, line);
            eols.add(at, eol);
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                sb.append(lines.get(i)).append(eols.get(i));
            }
            return sb.append(tail).toString();
        }
    }

    record Mutation(String name, Consumer<Doc> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ByteMutation(String name, java.util.function.UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Encoding(String name, Charset charset, String prefix) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Layout(Ids ids, boolean bom, boolean crlf, boolean quoteIds, boolean quoteScores, long shuffle) {
    }

    static Arbitrary<Upload> mutated() {
        Arbitrary<Layout> layout = Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of(false, false, true),
                Arbitraries.of(false, false, true), Arbitraries.of(false, false, true),
                Arbitraries.of(false, false, true), Arbitraries.longs()).as(Layout::new);
        Arbitrary<List<Mutation>> edits = mutation().list().ofMinSize(0).ofMaxSize(4);
        Arbitrary<List<ByteMutation>> byteEdits = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(List.<ByteMutation>of())),
                Tuple.of(1, byteMutation().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(layout, edits, encoding(), byteEdits).as((l, ms, enc, bms) -> {
            Doc d = validDoc(l);
            for (Mutation m : ms) {
                m.apply.accept(d);
            }
            byte[] b = (enc.prefix + d.text()).getBytes(enc.charset);
            for (ByteMutation bm : bms) {
                b = bm.apply.apply(b);
            }
            String how = l + "; edits " + ms + "; " + enc + "; bytes " + bms;
            return new Upload(l.ids, "mutated", how, b);
        });
    }

    static Doc validDoc(Layout l) {
        Doc d = new Doc(l.ids);
        String eol = l.crlf ? "\r\n" : "\n";
        d.insert(0, "Id,Predicted", eol);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(l.shuffle));
        for (int i : order) {
            String score = Double.toString((i * 7 % ROWS) / (double) ROWS);
            d.insert(d.lines.size(), csvField(l.ids.id.apply(i), l.quoteIds) + "," + csvField(score, l.quoteScores),
                    eol);
        }
        if (l.bom) {
            d.lines.set(0, "\uFEFF" + d.lines.get(0));
        }
        return d;
    }

    static Arbitrary<Encoding> encoding() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(new Encoding("UTF-8", StandardCharsets.UTF_8, ""))),
                Tuple.of(2, Arbitraries.of(
                        new Encoding("UTF-8 with a BOM", StandardCharsets.UTF_8, "\uFEFF"),
                        new Encoding("UTF-8 with two BOMs", StandardCharsets.UTF_8, "\uFEFF\uFEFF"),
                        new Encoding("UTF-16LE", StandardCharsets.UTF_16LE, ""),
                        new Encoding("UTF-16LE with a BOM", StandardCharsets.UTF_16LE, "\uFEFF"),
                        new Encoding("UTF-16BE", StandardCharsets.UTF_16BE, ""),
                        new Encoding("UTF-16BE with a BOM", StandardCharsets.UTF_16BE, "\uFEFF"),
                        new Encoding("UTF-32LE with a BOM", Charset.forName("UTF-32LE"), "\uFEFF"),
                        new Encoding("ISO-8859-1", StandardCharsets.ISO_8859_1, ""),
                        new Encoding("windows-1252 with a UTF-8 BOM's characters", Charset.forName("windows-1252"),
                                "\u00EF\u00BB\u00BF"))));
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> row = Arbitraries.integers().between(0, ROWS + 2);
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, 40);
        return Arbitraries.oneOf(
                Combinators.combine(row, literals(), Arbitraries.of(true, false)).as((r, lit, quote) ->
                        new Mutation("score of row " + r + " := " + show(lit) + (quote ? " quoted" : ""),
                                d -> d.setField(d.dataRow(r), 1, quote ? csvField(lit, true) : lit))),
                Combinators.combine(row, idTexts()).as((r, id) ->
                        new Mutation("Id of row " + r + " := " + show(id),
                                d -> d.setField(d.dataRow(r), 0, id))),
                Combinators.combine(row, row).as((r, at) -> new Mutation("copy row " + r + " to " + at, d -> {
                    int from = d.dataRow(r);
                    d.insert(Math.max(1, d.anyLine(at)), d.lines.get(from), d.eols.get(from));
                })),
                row.map(r -> new Mutation("delete row " + r, d -> {
                    int i = d.dataRow(r);
                    d.lines.remove(i);
                    d.eols.remove(i);
                })),
                Combinators.combine(row, Arbitraries.of(0, 1, 3, 4, 17, 1000, 20_000)).as((r, n) ->
                        new Mutation("row " + r + " with " + n + " fields", d -> {
                            int i = d.dataRow(r);
                            String line = n == 0 ? "" : n == 1 ? d.lines.get(i).replace(",", "")
                                    : d.lines.get(i) + ",x".repeat(n - 2);
                            d.lines.set(i, line);
                        })),
                Combinators.combine(row, Arbitraries.of(1_000, 70_000, 300_000), Arbitraries.of(0, 1, 2)).as(
                        (r, n, where) -> new Mutation("row " + r + " " + n + " characters longer (" + where + ")",
                                d -> {
                                    int i = d.dataRow(r);
                                    String fill = where == 1 ? "x" : "7";
                                    if (where == 0) {
                                        d.setField(i, 1, "0." + fill.repeat(n));
                                    } else {
                                        d.setField(i, where - 1, d.lines.get(i).split(",", -1)[0] + fill.repeat(n));
                                    }
                                })),
                Combinators.combine(row, pos, Arbitraries.of("\"", "\"\"", "\"x", "x\"")).as((r, p, q) ->
                        new Mutation("quote " + show(q) + " in row " + r + " at " + p,
                                d -> insertAt(d, d.dataRow(r), p, q))),
                Combinators.combine(row, pos, specialChars()).as((r, p, c) ->
                        new Mutation(show(c) + " in line " + r + " at " + p,
                                d -> insertAt(d, Math.floorMod(r, d.lines.size()), p, c))),
                Combinators.combine(row, weirdLines(), eols()).as((at, line, eol) ->
                        new Mutation("line " + show(line) + show(eol) + " before line " + at,
                                d -> d.insert(Math.max(1, d.anyLine(at)), line, eol))),
                Combinators.combine(row, eols()).as((r, eol) ->
                        new Mutation("line " + r + " ends with " + show(eol),
                                d -> d.eols.set(Math.floorMod(r, d.lines.size()), eol))),
                headers().map(h -> new Mutation("header := " + show(h), d -> d.lines.set(0, h))),
                Arbitraries.of("", "\n", "\n\n", "\r\n\r\n", " ", "\u0000", "\u001a", ",", "\r", "\"", "\n \n",
                        "\n\n1,0.5\n").map(t -> new Mutation("ends with " + show(t), d -> d.tail = t)),
                Arbitraries.of(true).map(x -> new Mutation("no line end at the end",
                        d -> d.eols.set(d.eols.size() - 1, ""))));
    }

    private static void insertAt(Doc d, int line, int p, String text) {
        String s = d.lines.get(line);
        int at = Math.min(p, s.length());
        d.lines.set(line, s.substring(0, at) + text + s.substring(at));
    }

    static Arbitrary<String> eols() {
        return Arbitraries.of("\n", "\r\n", "\r", "\n\r", "", "\r\r\n", "\u2028", "\u0085", "\n\n");
    }

    static Arbitrary<String> specialChars() {
        return Arbitraries.of("\u0000", "\t", " ", "\u00A0", "\u2028", "\uFEFF", "\uD83D\uDE00", "\u007F", "\u001B",
                "\uFFFD", "\u00E9", "e\u0301", "\r", "\n", ",", ";", "\\", "'", "\u200B", "\uFFFF", "\u0661");
    }

    static Arbitrary<String> weirdLines() {
        return Arbitraries.of("", " ", ",", ",,", "\"\"", "\"\",\"\"", "Id,Predicted", "\t", "\u0000", "#comment",
                "0,0.5", "1000,0.5", "img0,0.5", "000,0.5", "\uFEFF", "Id,Predicted,Usage", "NaN,NaN");
    }

    static Arbitrary<String> headers() {
        return Arbitraries.of("", "id,predicted", "ID,PREDICTED", "Id;Predicted", "Id\tPredicted", "Id,Predicted,",
                "\"Id\",\"Predicted\"", "Id, Predicted", "Id ,Predicted", "Predicted,Id", "Id", "Id,Expected,Usage",
                "\uFEFFId,Predicted", "Id,Predicted\u0000", "Id,\"Predicted", "\"Id,Predicted\"", "0,0.5",
                "Id,Predicted,Id,Predicted", "I" + "\uD83D\uDE00".repeat(50) + ",Predicted");
    }

    static Arbitrary<String> idTexts() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "0", "1", "5", "11", "12", "-1", "+1", "01", "00", "1.0", "1e1", " 3", "3 ",
                        "3\u0000", "\"3\"", "img3", "IMG3", "img03", "img", "1005", "0999", "1012", "001", "011",
                        "012", "9223372036854775807", "9223372036854775808", "18446744073709551616",
                        "99999999999999999999999999", "\uFF13", "\u0663", "3\u0301", "\uFEFF3", "2147483648",
                        "-2147483648", "NaN", "null", "\uD83D\uDE00", "x" + "\uD83D\uDE00".repeat(70), "\u00e9".repeat(70)),
                Arbitraries.strings().withChars("0123456789img ,\"\u0000").ofMaxLength(25));
    }

    static Arbitrary<ByteMutation> byteMutation() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<byte[]> badUtf8 = Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF5, (byte) 0x80},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC3},
                new byte[] {0}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xEF, (byte) 0xBB});
        return Arbitraries.oneOf(
                Combinators.combine(where, Arbitraries.bytes()).as((w, v) ->
                        new ByteMutation(String.format(Locale.ROOT, "byte at %.3f := 0x%02X", w, v & 0xff), b -> {
                            if (b.length == 0) {
                                return b;
                            }
                            byte[] c = b.clone();
                            c[Math.min(b.length - 1, (int) (w * b.length))] = v;
                            return c;
                        })),
                Combinators.combine(where, Arbitraries.oneOf(badUtf8,
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))).as((w, ins) ->
                        new ByteMutation(String.format(Locale.ROOT, "insert %s at %.3f", show(ins, 20), w), b -> {
                            int at = (int) (w * b.length);
                            byte[] c = new byte[b.length + ins.length];
                            System.arraycopy(b, 0, c, 0, at);
                            System.arraycopy(ins, 0, c, at, ins.length);
                            System.arraycopy(b, at, c, at + ins.length, b.length - at);
                            return c;
                        })),
                where.map(w -> new ByteMutation(String.format(Locale.ROOT, "cut at %.3f", w),
                        b -> java.util.Arrays.copyOf(b, (int) (w * b.length)))));
    }

    // ---- files made from scratch ---------------------------------------------------------------------------

    static Arbitrary<Upload> randomBytes() {
        return Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of("", "Id,Predicted\n", "\uFEFF"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000)).as((ids, prefix, b) -> {
                    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[p.length + b.length];
                    System.arraycopy(p, 0, all, 0, p.length);
                    System.arraycopy(b, 0, all, p.length, b.length);
                    return new Upload(ids, "random bytes", "after " + show(prefix), all);
                });
    }

    static Arbitrary<Upload> hostileText() {
        return Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of("", "Id,Predicted\n", "Id,Predicted\r\n"),
                Arbitraries.strings().withChars("0123456789,.\"\r\n eE+-IdPrcNaIfimgx\u0000\t;\uFEFF\u00e9")
                        .ofMaxLength(1500)).as((ids, prefix, s) ->
                new Upload(ids, "random CSV-like text", "after " + show(prefix),
                        (prefix + s).getBytes(StandardCharsets.UTF_8)));
    }

    static Arbitrary<Upload> manyColumns() {
        return Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of(3, 50, 5_000, 100_000),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, ROWS)).as((ids, n, inHeader, rows) -> {
                    StringBuilder sb = new StringBuilder(inHeader ? "Id,Predicted" + ",x".repeat(n - 2) : "Id,Predicted");
                    sb.append('\n');
                    for (int i = 0; i < rows; i++) {
                        sb.append(ids.id.apply(i)).append(",0.5").append(",1".repeat(n - 2)).append('\n');
                    }
                    return new Upload(ids, "many columns", n + " fields, " + rows + " rows"
                            + (inHeader ? ", also in the header" : ""), sb.toString().getBytes(StandardCharsets.UTF_8));
                });
    }

    static Arbitrary<Upload> longLine() {
        return Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of(10_000, 100_000, 1_000_000),
                Arbitraries.of("0", "x", ",", "\"", " ", "\u00e9", "\u0000", "9,"),
                Arbitraries.of("", "Id,Predicted\n", "Id,Predicted\n0,")).as((ids, n, unit, prefix) ->
                new Upload(ids, "one long line", show(prefix) + " then " + show(unit) + " x " + n,
                        (prefix + unit.repeat(n / unit.length())).getBytes(StandardCharsets.UTF_8)));
    }

    static Arbitrary<Upload> oddFiles() {
        return Combinators.combine(Arbitraries.of(Ids.class), Arbitraries.of("", "\uFEFF", "\uFEFF\uFEFF",
                "Id,Predicted", "Id,Predicted\n", "Id,Predicted\r\n", "\uFEFFId,Predicted\r\n\r\n", "\n", "\r\n", "\r",
                "\"", "Id,Predicted\n\"", ",", "Id,Predicted\n\n\n", "Id,Predicted\n,\n", "Id,Predicted\n\"\"\n",
                "Id,Predicted\r", "Id,Predicted\n\r", "\u0000", "\u0000".repeat(100), "Id,Predicted\u001a",
                "Id,Predicted\n0,0.5", "\"Id\"\"\",Predicted\n", "Id,\"Pre\ndicted\"\n")).as((ids, s) ->
                new Upload(ids, "odd file", "whole file", s.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- score literals ------------------------------------------------------------------------------------

    /** Score literals at every edge: valid ones, ones too large for a double, and ones the grammar refuses. */
    static Arbitrary<String> literals() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(EDGE_LITERALS)),
                Tuple.of(3, composedLiterals()),
                Tuple.of(2, edgeDoubles().flatMap(v -> Arbitraries.integers().between(0, 8).map(f -> spell(v, f)))),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789+-.eExXnNaAIifFdDpP \u0000,\"").ofMaxLength(30)));
    }

    private static final String[] EDGE_LITERALS = {
        "", " ", "0", "-0", "+0", "-0.0", "+0.0", "0.", ".0", ".", "+", "-", "+.", "-.", "e", "e5", ".e5", "1e", "1e+",
        "1e-", "1E5", "1e05", "1e+0", "1e-0", "NaN", "nan", "-NaN", "+NaN", "Infinity", "-Infinity", "+Infinity",
        "infinity", "inf", "-inf", "+inf", "INF", "\u221E", "0x1p-3", "0x10", "0X1P3", "1_000", "1,5", "1.5.5",
        "1e5.5", "1e5e5", "--1", "++1", "+-1", "0.5d", "0.5f", "0.5D", "0.5F", "1L", " 1", "1 ", "\t1", "1\t",
        "\u00A01", "\uFF11", "\u0661", "1\u0000", "\"1\"", "1/2", "0b1", "1e400", "-1e400", "1e309", "1e308",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.7976931348623159e308",
        "4.9e-324", "4.9E-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400",
        "2.2250738585072014E-308", "2.2250738585072011e-308", "2.225073858507201136057409796709131975934819546351645"
                + "5628e-308", "9007199254740993", "9007199254740992.5", "4503599627370496.5", "1e22", "1e23",
        "9.999999999999999e22", "123456789012345678", "1234567890123456789", "12345678901234567890",
        "0.000000000000000000001", "1e2147483647", "1e-2147483648", "1e2147483648", "1e-2147483649",
        "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999", "0e-99999999999999999999",
        "1e0000000000000000000000000308", "1e0000000000000000000000000309", "0." + "0".repeat(400) + "1",
        "1" + "0".repeat(308), "1" + "0".repeat(309), "9".repeat(400), "0".repeat(1000) + "1", "0".repeat(800),
        "." + "9".repeat(800), "1" + "0".repeat(400) + "e-400", "1" + "0".repeat(400) + "e-91", "0.1",
        "0.30000000000000004", "-0.00000", "1" + "\uD83D\uDE00".repeat(70), "0." + "7".repeat(100_000),
        "1".repeat(100_000) + "e-99990", "-" + "0".repeat(100_000) + ".5e-1"};

    private static Arbitrary<String> composedLiterals() {
        return Combinators.combine(Arbitraries.of("", "", "+", "-"),
                Arbitraries.of("", "0", "00", "007", "1", "9", "9007199254740993", "18446744073709551615",
                        "179769313486231570" + "0".repeat(291), "1".repeat(40)),
                Arbitraries.of("", ".", "."),
                Arbitraries.of("", "5", "000001", "4999999999999999999999", "0".repeat(30) + "1"),
                Arbitraries.of("", "", "e0", "E+308", "e309", "e-308", "e-324", "e-325", "e-400", "e+", "e", "E-",
                        "e2147483647", "e-2147483648", "e9223372036854775808", "e0000000000000000000022"))
                .as((sign, whole, dot, fraction, exponent) -> sign + whole + dot + fraction + exponent);
    }

    static Arbitrary<Double> edgeDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                        Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL),
                        Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 1e308, 1e-308, 1e22, 1e23,
                        9007199254740992.0, 9007199254740994.0, 0.1, 0.5, 1.0, Math.nextUp(1.0), Math.nextDown(1.0),
                        Math.ulp(0.5), 123456.789e-300),
                Arbitraries.doubles(),
                Arbitraries.doubles().between(-1, 1),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
    }

    /** {@code v} written in one of nine ways that all mean exactly {@code v} (up to the sign of zero). */
    static String spell(double v, int form) {
        String s = Double.toString(v);
        String plain = new BigDecimal(v).toPlainString();
        String text = switch (form) {
            case 0 -> s;
            case 1 -> plain;
            case 2 -> new BigDecimal(v).toString();
            case 3 -> s.startsWith("-") ? s : "+" + s;
            case 4 -> s.startsWith("-") ? "-000" + s.substring(1) : "000" + s;
            case 5 -> s.replace('E', 'e');
            case 6 -> String.format(Locale.ROOT, "%.17e", v);
            case 7 -> plain.contains(".") ? plain : plain + ".";
            default -> plain.startsWith("0.") ? plain.substring(1) : plain.startsWith("-0.")
                    ? "-" + plain.substring(2) : plain;
        };
        double back = Double.parseDouble(text);
        if (back != v) {
            throw new IllegalStateException(text + " is not " + v);
        }
        return text;
    }

    /** What the README promises for a score literal: its double, or null when it must be refused. */
    static Double expectedValue(String literal) {
        if (!PLAIN_DECIMAL.matcher(literal).matches()) {
            return null;
        }
        return Double.parseDouble(literal);
    }
}
