package org.holdout.baselines;

import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.Holdout;

/** Not a test: {@code holdout} with the data and baseline commands, for documented runs without the server jar. */
public final class BaselineCli {
    public static void main(String[] args) {
        System.exit(Holdout.commandLine(new BaselineCommand()).execute(args));
    }
}
