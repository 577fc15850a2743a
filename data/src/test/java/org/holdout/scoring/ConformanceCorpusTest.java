package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance corpus ({@code starter-kit/conformance/}) that the starter kit's checker runs too: every file gives
 * exactly the message of {@code cases.json} (in English, and in Traditional Chinese), read from memory and streamed through small and default buffers.
 */
class ConformanceCorpusTest {
    static final Path CORPUS = Path.of("..", "starter-kit", "conformance");

    private static JsonNode cases() throws IOException {
        return new ObjectMapper().readTree(CORPUS.resolve("cases.json").toFile()).get("cases");
    }

    /** What the kit's checker prints for the file: the refusal message, or {@code OK: N rows}. */
    static String verdict(Solution s, byte[] upload) {
        try {
            return "OK: " + Scorer.score(s, upload).rows() + " rows";
        } catch (SubmissionRejectedException e) {
            return e.getMessage();
        }
    }

    /** The same in Traditional Chinese, as {@code holdout_kit.py --lang zh-TW check} prints it. */
    static String chineseVerdict(Solution s, byte[] upload) {
        try {
            return "OK：共 " + Scorer.score(s, upload).rows() + " 列";
        } catch (SubmissionRejectedException e) {
            return e.refusal().chinese();
        }
    }

    private static String streamed(Solution s, byte[] upload, int buffer) throws IOException {
        try {
            return "OK: " + Scorer.score(s, new ByteArrayInputStream(upload), buffer).rows() + " rows";
        } catch (SubmissionRejectedException e) {
            return e.getMessage();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFileGetsItsExactMessage() throws IOException {
        Map<String, Solution> solutions = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            String file = c.get("file").asText();
            String ids = c.get("ids").asText();
            String expect = c.get("expect").asText();
            String chinese = c.get("expect_zh_TW").asText();
            tests.add(DynamicTest.dynamicTest(file + " (" + c.get("about").asText() + ")", () -> {
                Solution s = solutions.computeIfAbsent(ids, k -> read(CORPUS.resolve(k).resolve("solution.csv")));
                byte[] upload = Files.readAllBytes(CORPUS.resolve(file));
                assertThat(verdict(s, upload)).isEqualTo(expect);
                assertThat(chineseVerdict(s, upload)).as("zh-TW").isEqualTo(chinese);
                assertThat(expect.startsWith("OK: ")).as("refused flag").isEqualTo(!c.get("refused").asBoolean());
                for (int buffer : new int[] {8, 64, CsvRecords.DEFAULT_BUFFER}) {
                    assertThat(streamed(s, upload, buffer)).as("streamed, buffer " + buffer).isEqualTo(expect);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void everyFileOfTheCorpusIsACase() throws IOException {
        Set<String> listed = new TreeSet<>();
        cases().forEach(c -> listed.add(c.get("file").asText()));
        Set<String> present;
        try (Stream<Path> files = Files.list(CORPUS.resolve("files"))) {
            present = files.map(p -> "files/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).isEqualTo(present);
        assertThat(listed).hasSizeGreaterThan(100);
    }

    /** The kit checks against sample_submission.csv, the scorer against solution.csv: they must hold the same Ids. */
    @Test
    void eachSetsSampleHasExactlyTheSolutionsIds() throws IOException {
        Set<String> sets = new TreeSet<>();
        cases().forEach(c -> sets.add(c.get("ids").asText()));
        assertThat(sets).contains("numeric", "named", "numeric-1234");
        for (String set : sets) {
            Solution s = read(CORPUS.resolve(set).resolve("solution.csv"));
            byte[] sample = Files.readAllBytes(CORPUS.resolve(set).resolve("sample_submission.csv"));
            assertThat(verdict(s, sample)).as(set).isEqualTo("OK: " + s.size() + " rows");
            assertThat(new String(sample, StandardCharsets.UTF_8)).startsWith("Id,Predicted\n");
        }
    }

    private static Solution read(Path p) {
        try {
            return Solution.read(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
