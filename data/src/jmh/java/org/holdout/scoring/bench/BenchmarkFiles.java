package org.holdout.scoring.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a benchmark competition: {@code solution.csv} with Ids 0..M-1 (about 30% anomalies, half Public) and
 * {@code submission.csv} with the Ids shuffled and 17-digit scores ({@code 0.DDDDDDDDDDDDDDDDD}), anomalies
 * scoring higher on average. Run as a program to write the files for the memory and pandas/numpy runs.
 */
public final class BenchmarkFiles {
    private static final long SCALE = 100_000_000_000_000_000L;

    private BenchmarkFiles() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), 42);
    }

    /** A new temporary folder with the files of {@link #write}. */
    public static Path writeTemp(int rows) throws IOException {
        Path dir = Files.createTempDirectory("holdout-bench");
        write(dir, rows, 42);
        return dir;
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static void write(Path dir, int rows, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] anomaly = new boolean[rows];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("solution.csv")), 1 << 16)) {
            out.write("Id,Expected,Usage\n".getBytes());
            for (int i = 0; i < rows; i++) {
                anomaly[i] = rnd.nextDouble() < 0.3;
                out.write(Integer.toString(i).getBytes());
                out.write(anomaly[i] ? ",1,".getBytes() : ",0,".getBytes());
                out.write(rnd.nextBoolean() ? "Public\n".getBytes() : "Private\n".getBytes());
            }
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        byte[] digits = new byte[17];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("submission.csv")),
                1 << 16)) {
            out.write("Id,Predicted\n".getBytes());
            for (int id : order) {
                long v = rnd.nextLong(SCALE);
                if (anomaly[id]) {
                    v = Math.max(v, rnd.nextLong(SCALE));
                }
                for (int k = 16; k >= 0; k--) {
                    digits[k] = (byte) ('0' + v % 10);
                    v /= 10;
                }
                out.write(Integer.toString(id).getBytes());
                out.write(",0.".getBytes());
                out.write(digits);
                out.write('\n');
            }
        }
    }
}
