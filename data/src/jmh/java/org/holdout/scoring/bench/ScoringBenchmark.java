package org.holdout.scoring.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + check + both AUCs of one upload, from bytes in memory (what the server does) and streamed from a
 * file (what {@code holdout score} does), and, to compare, the parse alone with a CSV library. The solution is
 * read once in setup, as the server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ScoringBenchmark {
    @Param({"20000", "1000000", "10000000"})
    int rows;

    Path dir;
    Solution solution;
    byte[] upload;

    @Setup(Level.Trial)
    public void writeFiles() throws IOException {
        dir = BenchmarkFiles.writeTemp(rows);
        solution = Solution.read(dir.resolve("solution.csv"));
        upload = Files.readAllBytes(dir.resolve("submission.csv"));
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        BenchmarkFiles.delete(dir);
    }

    @Benchmark
    public Score fromBytes() throws SubmissionRejectedException {
        return Scorer.score(solution, upload);
    }

    /**
     * The same upload only parsed, with the FastCSV library: a record per row from the bytes, each score through
     * {@code Double.parseDouble}; no Id lookup, no checks, no AUC. What the scorer's own reader is measured against.
     */
    @Benchmark
    public double fastCsvParseOnly() throws IOException {
        double sum = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new ByteArrayInputStream(upload), StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                sum += r.getField(0).length() + Double.parseDouble(r.getField(1));
            }
        }
        return sum;
    }

    @Benchmark
    public Score fromFile() throws IOException, SubmissionRejectedException {
        try (InputStream in = Files.newInputStream(dir.resolve("submission.csv"))) {
            return Scorer.score(solution, in);
        }
    }
}
