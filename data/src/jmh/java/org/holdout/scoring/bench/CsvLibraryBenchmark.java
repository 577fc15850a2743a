package org.holdout.scoring.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The same upload as {@link ScoringBenchmark}, only parsed, with the FastCSV library: records from the bytes and
 * each score through {@code Double.parseDouble}, no Id lookup, no checks, no AUC. What the scorer's own reader is
 * measured against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class CsvLibraryBenchmark {
    @Param({"20000", "1000000"})
    int rows;

    Path dir;
    byte[] upload;

    @Setup(Level.Trial)
    public void writeFiles() throws IOException {
        dir = Files.createTempDirectory("holdout-bench");
        BenchmarkFiles.write(dir, rows, 42);
        upload = Files.readAllBytes(dir.resolve("submission.csv"));
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

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
}
