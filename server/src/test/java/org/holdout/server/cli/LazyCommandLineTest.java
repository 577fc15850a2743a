package org.holdout.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.holdout.Main;
import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.Holdout;
import org.holdout.cli.ScoreCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link Main#commandLine} builds only the subcommand its arguments name, and answers as if it had built all. */
class LazyCommandLineTest {
    record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpUsageErrorsAndVersionAreTheSameAsWithEveryCommandBuilt() throws Exception {
        List<String[]> cases = List.of(new String[] {}, new String[] {"--help"}, new String[] {"-h"},
                new String[] {"--version"}, new String[] {"help"}, new String[] {"help", "serve"},
                new String[] {"help", "baseline"}, new String[] {"serve", "--help"}, new String[] {"users", "--help"},
                new String[] {"users"}, new String[] {"users", "add", "--help"}, new String[] {"bundle"},
                new String[] {"bundle", "verify", "--help"}, new String[] {"score", "--help"}, new String[] {"score"},
                new String[] {"score", "--solution"}, new String[] {"backup", "--help"},
                new String[] {"restore", "--help"}, new String[] {"baseline"},
                new String[] {"baseline", "train", "--help"}, new String[] {"nope"}, new String[] {"scor"},
                new String[] {"-h", "serve"}, new String[] {"--frobnicate", "score"}, new String[] {"--", "score"},
                new String[] {"help", "nope"});
        for (String[] args : cases) {
            Run eager = run(Holdout.commandLine(everyCommand()), args);
            Run lazy = run(Main.commandLine(args), args);
            assertThat(lazy).as("holdout %s", String.join(" ", args)).isEqualTo(eager);
        }
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        CommandLine score = Main.commandLine(new String[] {"score", "--solution", "s.csv", "--submission", "u.csv"});
        assertThat((Object) score.getSubcommands().get("score").getCommand()).isInstanceOf(ScoreCommand.class);
        for (String other : List.of("serve", "users", "backup", "restore", "baseline", "bundle")) {
            assertThat((Object) score.getSubcommands().get(other).getCommand()).as(other).isNull();
        }
        CommandLine help = Main.commandLine(new String[] {"help", "users"});
        assertThat((Object) help.getSubcommands().get("users").getCommand()).isInstanceOf(UsersCommand.class);
        assertThat((Object) help.getSubcommands().get("serve").getCommand()).isNull();
        CommandLine top = Main.commandLine(new String[] {"--help"});
        assertThat(top.getSubcommands().values()).allSatisfy(c -> assertThat(
                c.getCommand() == null || c.getCommand() instanceof CommandLine.HelpCommand).isTrue());
    }

    @Test
    void anArgumentFileBuildsEverySubcommand() {
        CommandLine cl = Main.commandLine(new String[] {"@args.txt"});
        assertThat((Object) cl.getSubcommands().get("serve").getCommand()).isInstanceOf(ServeCommand.class);
        assertThat((Object) cl.getSubcommands().get("baseline").getCommand()).isInstanceOf(BaselineCommand.class);
    }

    private static Object[] everyCommand() throws ReflectiveOperationException {
        List<Object> all = new ArrayList<>();
        for (Class<?> c : Main.COMMANDS) {
            all.add(c.getDeclaredConstructor().newInstance());
        }
        return all.toArray();
    }
}
