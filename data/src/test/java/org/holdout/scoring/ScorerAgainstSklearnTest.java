package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer against two independent references on the same generated files: the AUC derived exactly by
 * counting pairs in the test, and scikit-learn's {@code roc_auc_score} run by Debian's {@code /usr/bin/python3}
 * on the files with Python's own CSV reader and float parsing.
 */
@Tag("slow")
class ScorerAgainstSklearnTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SKLEARN_SCRIPT = """
            import csv, json, sys
            from sklearn.metrics import roc_auc_score
            def rows(path):
                with open(path, newline='', encoding='utf-8-sig') as f:
                    return [r for r in csv.reader(f)][1:]
            out = {}
            for d in sys.argv[1:]:
                predicted = {r[0]: float(r[1]) for r in rows(d + '/submission.csv') if r}
                solution = [r for r in rows(d + '/solution.csv') if r]
                res = {}
                for usage in ('Public', 'Private'):
                    y = [int(r[1]) for r in solution if r[2] == usage]
                    s = [predicted[r[0]] for r in solution if r[2] == usage]
                    res[usage] = float(roc_auc_score(y, s)) if len(set(y)) == 2 else None
                out[d] = res
            print(json.dumps(out))
            """;

    @TempDir
    static Path dir;
    static final Map<ScoringCase, Path> CASES = new LinkedHashMap<>();

    @BeforeAll
    static void writeCases() {
        for (ScoringCase c : cases()) {
            CASES.put(c, c.write(dir));
        }
    }

    static List<ScoringCase> cases() {
        List<ScoringCase> cases = new ArrayList<>();
        Random rnd = new Random(20261123);

        ScoringCase ties = ScoringCase.random("ties", 300, 0.3, rnd, () -> List.of("0", "0.5", "1").get(rnd.nextInt(3)));
        cases.add(ties);
        cases.add(ScoringCase.random("all-equal", 100, 0.4, rnd, () -> "0.25"));

        ScoringCase perfect = new ScoringCase("perfect");
        ScoringCase inverted = new ScoringCase("inverted");
        for (int i = 0; i < 60; i++) {
            int y = i % 3 == 0 ? 1 : 0;
            String usage = i % 2 == 0 ? "Public" : "Private";
            perfect.row("" + i, y, usage, y == 1 ? 0.9 + i * 1e-3 : 0.1 - i * 1e-3);
            inverted.row("" + i, y, usage, y == 1 ? -5.0 - i : 5.0 + i);
        }
        cases.add(perfect);
        cases.add(inverted);

        String[] tiny = {"4.9e-324", "1e-323", "2.2250738585072009E-308", "2.2250738585072014E-308", "0", "-4.9e-324",
            "1e-310", "-1e-310"};
        cases.add(ScoringCase.random("subnormals", 200, 0.3, rnd, () -> tiny[rnd.nextInt(tiny.length)]));
        String[] huge = {"1e308", "-1e308", "1.7976931348623157e308", "-1.7976931348623157E308", "0", "8.98846567431158e307"};
        cases.add(ScoringCase.random("extremes", 200, 0.3, rnd, () -> huge[rnd.nextInt(huge.length)]));
        cases.add(ScoringCase.random("negative", 500, 0.3, rnd, () -> Double.toString(-rnd.nextDouble() * 1000)));

        String[] ones = {"1", "1.0", "1e0", "10e-1", "0.1e1", "+1", "1.", "1.000", "100E-2", "0001"};
        String[] twos = {"2", "2.0", "2e0", "20e-1", ".2e1", "+2.", "2E+0"};
        ScoringCase spellings = ScoringCase.random("spellings", 400, 0.4, rnd,
                () -> rnd.nextBoolean() ? ones[rnd.nextInt(ones.length)] : twos[rnd.nextInt(twos.length)]);
        spellings.quoteScores = true;
        cases.add(spellings);
        ScoringCase spellingsUnquoted = ScoringCase.random("spellings-unquoted", 400, 0.4, rnd,
                () -> rnd.nextBoolean() ? ones[rnd.nextInt(ones.length)] : twos[rnd.nextInt(twos.length)]);
        cases.add(spellingsUnquoted);

        String[] zeros = {"0", "-0", "0.0", "-0.0", "+0", "0e5", "-0e-5", ".0", "-.0", "1", "-1"};
        cases.add(ScoringCase.random("signed-zero", 300, 0.4, rnd, () -> zeros[rnd.nextInt(zeros.length)]));

        double[] base = {0.5, 1e-300, 123456.789, -0.3};
        ScoringCase neighbours = ScoringCase.random("neighbours", 400, 0.4, rnd, () -> {
            double x = base[rnd.nextInt(base.length)];
            return Double.toString(switch (rnd.nextInt(3)) {
                case 0 -> Math.nextDown(x);
                case 1 -> x;
                default -> Math.nextUp(x);
            });
        });
        cases.add(neighbours);

        ScoringCase dressed = ScoringCase.random("bom-crlf-quotes-blank", 500, 0.3, rnd,
                () -> Double.toString(rnd.nextGaussian()));
        dressed.bom = true;
        dressed.crlf = true;
        dressed.quoteIds = true;
        dressed.quoteScores = true;
        dressed.trailingBlankLine = true;
        cases.add(dressed);

        ScoringCase strings = new ScoringCase("string-ids");
        String[] shapes = {"img_%04d.png", "画像-%d", "id,%d", "say \"%d\"", "%d ", "0%d", "x9-%d"};
        for (int i = 0; i < 700; i++) {
            strings.row(String.format(Locale.ROOT, shapes[i % shapes.length], i), rnd.nextInt(4) == 0 ? 1 : 0,
                    rnd.nextBoolean() ? "Public" : "Private", Double.toString(rnd.nextInt(50) / 7.0));
        }
        strings.shuffleSeed = 7L;
        strings.crlf = true;
        cases.add(strings);

        ScoringCase oneBased = new ScoringCase("one-based-ids");
        for (int i = 1; i <= 300; i++) {
            oneBased.row(Integer.toString(i), rnd.nextInt(3) == 0 ? 1 : 0, i % 4 == 0 ? "Private" : "Public",
                    rnd.nextDouble());
        }
        oneBased.shuffleSeed = 3L;
        cases.add(oneBased);

        ScoringCase oneClass = new ScoringCase("private-one-class");
        for (int i = 0; i < 40; i++) {
            oneClass.row("" + i, i < 20 ? i % 2 : 0, i < 20 ? "Public" : "Private", rnd.nextDouble());
        }
        cases.add(oneClass);

        cases.add(ScoringCase.random("rows-20000", 20_000, 0.3, rnd,
                () -> String.format(Locale.ROOT, "%.17f", rnd.nextDouble())));
        for (int k = 0; k < 25; k++) {
            int n = 2 + rnd.nextInt(200);
            int distinct = 1 + rnd.nextInt(n);
            ScoringCase c = ScoringCase.random("random-" + k, n, rnd.nextDouble(), rnd,
                    () -> Double.toString((rnd.nextInt(distinct) - distinct / 2) * 0.1));
            c.crlf = rnd.nextBoolean();
            c.bom = rnd.nextBoolean();
            c.quoteIds = rnd.nextBoolean();
            c.trailingBlankLine = rnd.nextBoolean();
            cases.add(c);
        }
        return cases;
    }

    @Test
    void scoresEqualTheAucCountedPairByPair() throws Exception {
        for (Map.Entry<ScoringCase, Path> e : CASES.entrySet()) {
            ScoringCase c = e.getKey();
            Score score = score(e.getValue());
            assertThat(score.publicAuc()).as(c.name + " Public").isEqualTo(c.exactAuc("Public"));
            assertThat(score.privateAuc()).as(c.name + " Private").isEqualTo(c.exactAuc("Private"));
            assertThat(score.rows()).isEqualTo(c.rows.size());
        }
    }

    @Test
    void streamingWithATinyBufferGivesTheSameScores() throws Exception {
        for (Path d : CASES.values()) {
            Solution solution = Solution.read(d.resolve("solution.csv"));
            byte[] upload = Files.readAllBytes(d.resolve("submission.csv"));
            Score fromBytes = Scorer.score(solution, upload);
            for (int buffer : new int[] {8, 13, 1000}) {
                assertThat(Scorer.score(solution, new ByteArrayInputStream(upload), buffer)).isEqualTo(fromBytes);
            }
        }
    }

    @Test
    void scoresMatchScikitLearnWithin1e12() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import sklearn")).exit == 0,
                "/usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", SKLEARN_SCRIPT));
        CASES.values().forEach(d -> command.add(d.toString()));
        Result r = run(command);
        assertThat(r.exit).as(r.err).isZero();
        JsonNode sklearn = new ObjectMapper().readTree(r.out);
        int compared = 0;
        for (Map.Entry<ScoringCase, Path> e : CASES.entrySet()) {
            JsonNode expected = sklearn.get(e.getValue().toString());
            Score score = score(e.getValue());
            compared += check(e.getKey().name + " Public", score.publicAuc(), expected.get("Public"));
            compared += check(e.getKey().name + " Private", score.privateAuc(), expected.get("Private"));
        }
        assertThat(compared).isGreaterThan(60);
    }

    private static int check(String what, Double java, JsonNode sklearn) {
        if (sklearn.isNull()) {
            assertThat(java).as(what).isNull();
            return 0;
        }
        assertThat(java).as(what).isNotNull();
        assertThat(java).as(what).isCloseTo(sklearn.doubleValue(), within(1e-12));
        return 1;
    }

    private static Score score(Path d) throws IOException, SubmissionRejectedException {
        return Scorer.score(Solution.read(d.resolve("solution.csv")), Files.readAllBytes(d.resolve("submission.csv")));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "py", ".out");
        Path err = Files.createTempFile(dir, "py", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
