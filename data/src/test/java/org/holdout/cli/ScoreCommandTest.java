package org.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code holdout score} through the real command line: JSON on stdout, refusals on stderr, exit codes. */
class ScoreCommandTest {
    @TempDir
    Path dir;
    Path solution;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeSolution() throws Exception {
        solution = Files.writeString(dir.resolve("solution.csv"),
                "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Public\n3,1,Private\n4,0,Private\n5,1,Private\n");
    }

    private int score(String... args) {
        CommandLine cl = Holdout.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "score";
        System.arraycopy(args, 0, full, 1, args.length);
        return cl.execute(full);
    }

    private Path submission(String csv) throws Exception {
        return Files.writeString(dir.resolve("submission.csv"), csv);
    }

    @Test
    void anAcceptedFilePrintsOneJsonObjectWithFullPrecision() throws Exception {
        Path s = submission("Id,Predicted\n0,0.1\n1,0.3\n2,0.5\n3,0.9\n4,0.2\n5,0.1\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString())).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("public").doubleValue()).isEqualTo(0.5);
        assertThat(json.get("private").doubleValue()).isEqualTo(0.5);
        assertThat(json.get("public_reason").isNull()).isTrue();
        assertThat(json.get("private_reason").isNull()).isTrue();
        assertThat(json.get("rows").intValue()).isEqualTo(6);
        assertThat(json.get("public_rows").intValue()).isEqualTo(3);
        assertThat(json.get("private_rows").intValue()).isEqualTo(3);
        assertThat(out.toString()).startsWith("{\"public\":0.5,\"private\":0.5,\"public_reason\":null,");
    }

    @Test
    void aucsArePrintedWithTheShortestDigitsThatRoundTrip() throws Exception {
        Files.writeString(solution, "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Public\n3,1,Public\n"
                + "4,0,Public\n5,1,Private\n6,0,Private\n");
        Path s = submission("Id,Predicted\n0,0.5\n1,0.3\n2,0.1\n3,0.9\n4,0.6\n5,1\n6,1\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString())).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(out.toString()).contains("\"public\":0.6666666666666666,", "\"private\":0.5,");
        assertThat(json.get("public").doubleValue()).isEqualTo(4.0 / 6);
        Files.writeString(solution, "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Public\n3,0,Public\n");
        out.getBuffer().setLength(0);
        s = submission("Id,Predicted\n0,0.5\n1,0.3\n2,0.1\n3,0.9\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString())).isEqualTo(ExitCodes.OK);
        json = new ObjectMapper().readTree(out.toString());
        assertThat(out.toString()).contains("\"public\":0.3333333333333333,");
        assertThat(json.get("public").doubleValue()).isEqualTo(1.0 / 3);
    }

    @Test
    void aSplitWithoutAScoreIsNullWithItsReason() throws Exception {
        Files.writeString(solution, "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Private\n");
        Path s = submission("Id,Predicted\n0,0\n1,1\n2,1\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString())).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("public").doubleValue()).isEqualTo(1.0);
        assertThat(json.get("private").isNull()).isTrue();
        assertThat(json.get("private_reason").textValue()).isEqualTo("the Private split has no anomalous rows");
    }

    @Test
    void aRefusedFileExitsRejectedWithTheReasonOnStderr() throws Exception {
        Path s = submission("Id,Predicted\n0,0.1\n1,abc\n2,0.5\n3,0.9\n4,0.2\n5,0.1\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString()))
                .isEqualTo(ExitCodes.REJECTED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("error: refused: \"abc\" is not a number on line 3 (Id 1)"
                + System.lineSeparator());
    }

    @Test
    void aMissingSubmissionIsInvalidInput() {
        assertThat(score("--solution", solution.toString(), "--submission", dir.resolve("nope.csv").toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("cannot read the submission", "nope.csv", "no such file");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingOrBrokenSolutionIsInvalidInput() throws Exception {
        Path s = submission("Id,Predicted\n0,1\n");
        assertThat(score("--solution", dir.toString(), "--submission", s.toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("cannot read the solution");
        err.getBuffer().setLength(0);
        Files.writeString(solution, "Id,Expected,Usage\n0,0,Public\n0,1,Public\n");
        assertThat(score("--solution", solution.toString(), "--submission", s.toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("is not valid: duplicate Id 0 on line 3, first on line 2");
    }

    @Test
    void missingOptionsAreAUsageError() {
        assertThat(score("--solution", solution.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--submission");
    }
}
