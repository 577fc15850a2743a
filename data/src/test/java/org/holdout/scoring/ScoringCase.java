package org.holdout.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One generated test case: a solution and a submission, each row with the double it stands for and the
 * literal it is written as. Writes both files the way a student's tool might (BOM, CRLF, quotes, shuffled
 * rows, a trailing blank line) and derives the exact AUC by counting pairs.
 */
final class ScoringCase {
    final String name;
    final List<Row> rows = new ArrayList<>();
    boolean bom;
    boolean crlf;
    boolean quoteIds;
    boolean quoteScores;
    boolean trailingBlankLine;
    Long shuffleSeed;

    record Row(String id, int expected, String usage, double value, String literal) {
    }

    ScoringCase(String name) {
        this.name = name;
    }

    ScoringCase row(String id, int expected, String usage, String literal) {
        rows.add(new Row(id, expected, usage, Double.parseDouble(literal), literal));
        return this;
    }

    ScoringCase row(String id, int expected, String usage, double value) {
        rows.add(new Row(id, expected, usage, value, Double.toString(value)));
        return this;
    }

    /** A random case: Ids 0..n-1, about {@code anomalyShare} anomalies, half Public. */
    static ScoringCase random(String name, int n, double anomalyShare, Random rnd, java.util.function.Supplier<String>
            literal) {
        ScoringCase c = new ScoringCase(name);
        for (int i = 0; i < n; i++) {
            c.row(Integer.toString(i), rnd.nextDouble() < anomalyShare ? 1 : 0, rnd.nextBoolean() ? "Public"
                    : "Private", literal.get());
        }
        c.shuffleSeed = rnd.nextLong();
        return c;
    }

    String solutionCsv() {
        StringBuilder sb = new StringBuilder("Id,Expected,Usage\n");
        for (Row r : rows) {
            sb.append(csvField(r.id, false)).append(',').append(r.expected).append(',').append(r.usage).append('\n');
        }
        return sb.toString();
    }

    byte[] submissionBytes() {
        List<Row> order = new ArrayList<>(rows);
        if (shuffleSeed != null) {
            Collections.shuffle(order, new Random(shuffleSeed));
        }
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        if (bom) {
            sb.append('\uFEFF');
        }
        sb.append("Id,Predicted").append(eol);
        for (Row r : order) {
            sb.append(csvField(r.id, quoteIds)).append(',').append(csvField(r.literal, quoteScores)).append(eol);
        }
        if (trailingBlankLine) {
            sb.append(eol);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvField(String s, boolean forceQuotes) {
        if (forceQuotes || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Writes solution.csv and submission.csv into {@code dir}/{@code name}. */
    Path write(Path dir) {
        try {
            Path d = Files.createDirectories(dir.resolve(name));
            Files.writeString(d.resolve("solution.csv"), solutionCsv());
            Files.write(d.resolve("submission.csv"), submissionBytes());
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AUC of a split by counting every (anomaly, normal) pair, or null when a class is absent. */
    Double exactAuc(String usage) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (Row r : rows) {
            if (r.usage.equals(usage)) {
                (r.expected == 1 ? pos : neg).add(r.value);
            }
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            return null;
        }
        double[] p = pos.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = neg.stream().mapToDouble(Double::doubleValue).toArray();
        long twice = 0;
        for (double a : p) {
            for (double b : q) {
                twice += a > b ? 2 : a == b ? 1 : 0;
            }
        }
        return (double) twice / (2.0 * p.length * q.length);
    }
}
