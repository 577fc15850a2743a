package org.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain {@code score} form without picocli answers byte for byte what picocli's command line answers. */
class QuickScoreTest {
    @TempDir
    Path dir;

    private record Answer(int code, String out, String err) {
    }

    private static Answer quick(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = QuickScore.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Answer(code, out.toString(Charset.defaultCharset()), err.toString(Charset.defaultCharset()));
    }

    private static Answer picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Holdout.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Answer(code, out.toString(), err.toString());
    }

    @Test
    void everyOutcomeOfThePlainFormIsWhatPicocliAnswers() throws Exception {
        Path solution = Files.writeString(dir.resolve("solution.csv"),
                "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Public\n3,1,Private\n4,0,Private\n5,1,Private\n");
        Path good = Files.writeString(dir.resolve("good.csv"), "Id,Predicted\n0,0.1\n1,0.3\n2,0.5\n3,0.9\n4,0.2\n5,0.1\n");
        Path refused = Files.writeString(dir.resolve("refused.csv"), "Id,Predicted\n0,0.1\n1,x\n");
        Path badKey = Files.writeString(dir.resolve("bad-key.csv"), "Id,Expected\n0,0\n");
        String[][] cases = {
            {"score", "--solution", solution.toString(), "--submission", good.toString()},
            {"score", "--submission", good.toString(), "--solution", solution.toString()},
            {"score", "--solution", solution.toString(), "--submission", refused.toString()},
            {"score", "--solution", badKey.toString(), "--submission", good.toString()},
            {"score", "--solution", solution.toString(), "--submission", dir.resolve("none.csv").toString()},
            {"score", "--solution", dir.toString(), "--submission", good.toString()},
        };
        for (String[] args : cases) {
            Answer q = quick(args);
            assertThat(q.code()).as(String.join(" ", args)).isNotEqualTo(QuickScore.NOT_PLAIN);
            assertThat(q).as(String.join(" ", args)).isEqualTo(picocli(args));
        }
        assertThat(quick(cases[0]).out()).startsWith("{\"public\":0.5,");
    }

    @Test
    void anyOtherFormIsLeftToPicocli() {
        String[][] others = {
            {"score", "--help"},
            {"score", "--solution=a.csv", "--submission=b.csv"},
            {"score", "--solution", "a.csv", "--solution", "b.csv"},
            {"score", "--solution", "a.csv", "--submission", "-"},
            {"score", "--solution", "a.csv", "--submission", "b.csv", "--verbose"},
            {"bundle", "--solution", "a.csv", "--submission", "b.csv"},
            {"score", "--solution", "a\0.csv", "--submission", "b.csv"},
            {},
        };
        for (String[] args : others) {
            assertThat(quick(args).code()).as(String.join(" ", args)).isEqualTo(QuickScore.NOT_PLAIN);
        }
    }
}
