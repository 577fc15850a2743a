package org.holdout;

import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.BackupCommand;
import org.holdout.cli.CompetitionCommand;
import org.holdout.cli.Holdout;
import org.holdout.cli.RestoreCommand;
import org.holdout.cli.ServeCommand;
import org.holdout.cli.UsersCommand;

/** Entry point of the {@code holdout} command: the data commands plus the server's and the baselines'. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Holdout.commandLine(new ServeCommand(), new UsersCommand(), new BackupCommand(),
                new RestoreCommand(), new BaselineCommand(), new CompetitionCommand()).execute(args));
    }
}
