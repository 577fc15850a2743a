package org.holdout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code holdout} command. Modules higher up (server, baselines) add their subcommands through
 * {@link #commandLine(Object...)}, which is also what tests call to drive the real parser.
 */
@Command(name = "holdout", mixinStandardHelpOptions = true, versionProvider = Holdout.Version.class,
        description = "Self-hosted, Kaggle-style competitions for machine-learning courses.",
        subcommands = {CommandLine.HelpCommand.class})
public class Holdout implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The command line with the data module's commands plus {@code extraSubcommands}. */
    public static CommandLine commandLine(Object... extraSubcommands) {
        CommandLine cl = new CommandLine(new Holdout());
        for (Object sub : DataCommands.all()) {
            cl.addSubcommand(sub);
        }
        for (Object sub : extraSubcommands) {
            cl.addSubcommand(sub);
        }
        cl.setExitCodeExceptionMapper(t -> ExitCodes.INTERNAL);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Holdout.class.getPackage().getImplementationVersion();
            return new String[] {"holdout " + (v == null ? "(development build)" : v)};
        }
    }
}
