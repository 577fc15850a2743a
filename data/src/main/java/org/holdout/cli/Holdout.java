package org.holdout.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code holdout} command. Modules higher up (server, baselines) add their subcommands through
 * {@link #commandLineFor(String[], Class...)}, which builds only the subcommand the arguments name, or through
 * {@link #commandLine(Object...)}, which builds them all (tests drive the real parser with it).
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

    /** The command line with the data module's commands plus {@code extraSubcommands}, all built. */
    public static CommandLine commandLine(Object... extraSubcommands) {
        List<Object> subcommands = new ArrayList<>(DataCommands.all());
        subcommands.addAll(Arrays.asList(extraSubcommands));
        return build(subcommands);
    }

    /**
     * The same command line as {@link #commandLine(Object...)} for running {@code args}, but only the subcommand
     * that picocli will descend into (the first argument equal to a subcommand's name, so {@code help NAME} too)
     * is built from its class. Building a command makes picocli load and reflect on every class that its options,
     * fields and methods name, down to the server and Deeplearning4j; the others are stand-ins with just the
     * name, aliases, header and description that the usage help lists. With an {@code @file} argument, which
     * picocli expands, all are built.
     */
    public static CommandLine commandLineFor(String[] args, Class<?>... extraSubcommands) {
        // picocli's DefaultFactory otherwise looks for groovy.lang.Closure, and that miss opens every jar on the path
        System.setProperty("picocli.disable.closures", "true");
        List<Class<?>> classes = new ArrayList<>(DataCommands.all());
        classes.addAll(Arrays.asList(extraSubcommands));
        boolean argumentFile = false;
        Class<?> chosen = null;
        for (String arg : args) {
            argumentFile |= arg.startsWith("@");
            for (Class<?> c : classes) {
                if (chosen == null && names(c).contains(arg)) {
                    chosen = c;
                }
            }
        }
        List<Object> subcommands = new ArrayList<>();
        for (Class<?> c : classes) {
            subcommands.add(argumentFile || c == chosen ? c : standIn(c));
        }
        return build(subcommands);
    }

    private static CommandLine build(List<Object> subcommands) {
        CommandLine cl = new CommandLine(new Holdout());
        for (Object sub : subcommands) {
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

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(Arrays.asList(c.aliases()));
        names.add(c.name());
        return names;
    }

    private static Object standIn(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(c.name()).aliases(c.aliases());
        spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
        return spec;
    }

    public static void main(String[] args) {
        int quick = QuickScore.run(args, System.out, System.err);
        System.exit(quick != QuickScore.NOT_PLAIN ? quick : commandLineFor(args).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Holdout.class.getPackage().getImplementationVersion();
            return new String[] {"holdout " + (v == null ? "(development build)" : v)};
        }
    }
}
