package org.holdout.server.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.holdout.cli.ExitCodes;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionRepository;
import org.holdout.grading.Grades;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code holdout grades export}: a competition's grade export, the same bytes as the staff download. */
@Command(name = "grades", mixinStandardHelpOptions = true, description = "Exports a competition's grades.",
        subcommands = {GradesCommand.Export.class})
public class GradesCommand implements Callable<Integer> {
    static final String IN_USE_ADVICE = ". The grades command reads the database directly: stop the server"
            + " (Ctrl+C), run this command, then start the server again; while it runs, staff download the same files"
            + " from the Grades page.";

    @Spec
    CommandSpec spec;

    /** Where the file goes without {@code --out}: bytes as they are, whatever the terminal's encoding. */
    OutputStream stdout = System.out;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Writes one competition's grades: csv (one row per student, the columns of the README's \"For graders\"),"
            + " json (the same with the competition, the time of export and whether the private scores are revealed)"
            + " or canvas (a Canvas gradebook import file with the points as one assignment column).",
        "Private columns are included before the reveal too (the JSON says \"revealed\": false)."})
    static class Export extends DatabaseCommand {
        @ParentCommand
        GradesCommand parent;
        @Option(names = "--competition", required = true, paramLabel = "SLUG", description = "The competition.")
        String slug;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv, json or canvas.")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Grades.Format> f = Arrays.stream(Grades.Format.values()).filter(x -> x.option().equals(format))
                    .findFirst();
            if (f.isEmpty()) {
                err.println("error: --format " + format + " is not one of "
                        + Arrays.stream(Grades.Format.values()).map(Grades.Format::option)
                        .collect(Collectors.joining(", ")));
                return ExitCodes.USAGE;
            }
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                Optional<Competition> c = new CompetitionRepository(db).bySlug(slug);
                if (c.isEmpty()) {
                    err.println("error: there is no competition " + slug + " ('holdout competition list' lists them)");
                    return ExitCodes.USAGE;
                }
                Instant now = Clock.systemUTC().instant();
                byte[] bytes = Grades.file(Grades.of(db).sheet(c.get()), f.get(), now);
                if (out == null) {
                    parent.stdout.write(bytes);
                    parent.stdout.flush();
                    return ExitCodes.OK;
                }
                try {
                    Files.write(out, bytes);
                } catch (IOException e) {
                    err.println("error: cannot write " + out + ": " + e.getMessage());
                    return ExitCodes.INVALID_INPUT;
                }
                err.println("Wrote " + f.get().option() + " grades of " + c.get().slug() + " ("
                        + bytes.length + " bytes) to " + out);
                return ExitCodes.OK;
            });
        }
    }
}
