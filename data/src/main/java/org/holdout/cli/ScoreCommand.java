package org.holdout.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SolutionFormatException;
import org.holdout.scoring.SubmissionRejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout score}: checks a submission against a solution and prints both AUCs as one JSON object,
 * exactly as the server would score the upload.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Checks an Id,Predicted submission against an Id,Expected,Usage solution and prints the"
            + " ROC-AUC of the Public and the Private rows as one JSON object.",
            "Exit codes: 0 accepted, 1 refused (the reason on stderr), 2 usage, 3 unreadable input."})
public class ScoreCommand implements Callable<Integer> {
    /** jackson-core's generator alone: seven fields need no databind ObjectMapper, which is slow to start. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER) // Schubfach: the shortest digits that round-trip
            .build();

    @Spec
    CommandSpec spec;

    @Option(names = "--solution", required = true, paramLabel = "SOLUTION.csv",
            description = "The answer key: Id,Expected,Usage.")
    Path solution;

    @Option(names = "--submission", required = true, paramLabel = "FILE.csv",
            description = "The upload to check: Id,Predicted.")
    Path submission;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws IOException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Scores {@link #submission} against {@link #solution}, the answer to {@code out} and any error to {@code err}. */
    int run(PrintWriter out, PrintWriter err) throws IOException {
        this.out = out;
        this.err = err;
        try {
            return score();
        } catch (OutOfMemoryError e) {
            return fail(ExitCodes.INTERNAL, "not enough memory to score these files; give Java a larger heap"
                    + " (for example HOLDOUT_JAVA_OPTS=-Xmx2g)");
        }
    }

    private int score() throws IOException {
        Solution key;
        try {
            key = Solution.read(solution);
        } catch (SolutionFormatException e) {
            return fail(ExitCodes.INVALID_INPUT, "the solution " + solution + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            return fail(ExitCodes.INVALID_INPUT, "cannot read the solution " + solution + ": " + reason(e));
        }
        Score score;
        try (InputStream in = Files.newInputStream(submission)) {
            score = Scorer.score(key, in);
        } catch (SubmissionRejectedException e) {
            return fail(ExitCodes.REJECTED, "refused: " + e.getMessage());
        } catch (IOException e) {
            return fail(ExitCodes.INVALID_INPUT, "cannot read the submission " + submission + ": " + reason(e));
        }
        StringWriter json = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            writeAuc(g, "public", score.publicAuc());
            writeAuc(g, "private", score.privateAuc());
            g.writeStringField("public_reason", score.publicReason());
            g.writeStringField("private_reason", score.privateReason());
            g.writeNumberField("rows", score.rows());
            g.writeNumberField("public_rows", key.publicRows());
            g.writeNumberField("private_rows", key.privateRows());
            g.writeEndObject();
        }
        out.println(json);
        out.flush();
        return ExitCodes.OK;
    }

    private static void writeAuc(JsonGenerator g, String name, Double auc) throws IOException {
        if (auc == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, auc.doubleValue());
        }
    }

    private int fail(int code, String message) {
        err.println("error: " + message);
        err.flush();
        return code;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
            return "it is a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
