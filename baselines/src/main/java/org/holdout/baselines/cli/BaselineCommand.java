package org.holdout.baselines.cli;

import java.util.concurrent.Callable;
import org.holdout.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code holdout baseline}: train the reference baselines, count their parameters, put their files on a server. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "The four reference baselines (simple, medium, strong, boss) in Deeplearning4j.",
        subcommands = {TrainCommand.class, ParamsCommand.class, SubmitCommand.class})
public class BaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
