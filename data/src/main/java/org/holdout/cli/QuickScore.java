package org.holdout.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code holdout score --solution S --submission F} (the options in either order) run without building picocli's
 * command line, whose classes CDS cannot archive and take a large part of a short command's start. Any other form of
 * the arguments, help and usage errors included, goes to picocli as before; the answer is the same either way.
 */
public final class QuickScore {
    public static final int NOT_PLAIN = -1;

    private QuickScore() {
    }

    /** The exit code of the plain {@code score} command, or {@link #NOT_PLAIN} when {@code args} are anything else. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        if (args.length != 5 || !args[0].equals("score")) {
            return NOT_PLAIN;
        }
        String solution = null;
        String submission = null;
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            if (value.startsWith("-")) {
                return NOT_PLAIN;
            }
            if (args[i].equals("--solution") && solution == null) {
                solution = value;
            } else if (args[i].equals("--submission") && submission == null) {
                submission = value;
            } else {
                return NOT_PLAIN;
            }
        }
        ScoreCommand command = new ScoreCommand();
        try {
            command.solution = Path.of(solution);
            command.submission = Path.of(submission);
        } catch (InvalidPathException e) {
            return NOT_PLAIN;
        }
        try {
            return command.run(writer(stdout, "sun.stdout.encoding"), writer(stderr, "sun.stderr.encoding"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What picocli writes to: the stream in the console's encoding if the JVM names one, else the default. */
    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}
