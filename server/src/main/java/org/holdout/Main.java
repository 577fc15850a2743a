package org.holdout;

import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.Holdout;
import org.holdout.cli.QuickScore;
import org.holdout.server.cli.BackupCommand;
import org.holdout.server.cli.CompetitionCommand;
import org.holdout.server.cli.GradesCommand;
import org.holdout.server.cli.RestoreCommand;
import org.holdout.server.cli.ServeCommand;
import org.holdout.server.cli.UsersCommand;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code holdout} command: the data commands plus the server's and the baselines'. */
public final class Main {
    private Main() {
    }

    /** The server's and the baselines' commands, after the data module's. */
    public static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, UsersCommand.class,
            BackupCommand.class, RestoreCommand.class, BaselineCommand.class, CompetitionCommand.class,
            GradesCommand.class);

    /** The command line that runs {@code args}: only the subcommand they name is built. */
    public static CommandLine commandLine(String[] args) {
        return Holdout.commandLineFor(args, COMMANDS.toArray(Class<?>[]::new));
    }

    public static void main(String[] args) {
        int quick = QuickScore.run(args, System.out, System.err);
        System.exit(quick != QuickScore.NOT_PLAIN ? quick : commandLine(args).execute(args));
    }
}
