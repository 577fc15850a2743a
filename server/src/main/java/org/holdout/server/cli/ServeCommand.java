package org.holdout.server.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.cli.ExitCodes;
import org.holdout.competition.Competition;
import org.holdout.competition.DefaultCompetition;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.web.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout serve}: first start creates the competition, the database and a staff login; later starts reuse them. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the competition server.",
            "On first start it builds the default Fashion-MNIST competition, creates the database and prints the"
                + " staff login; later starts reuse everything."})
public class ServeCommand implements Callable<Integer> {
    static final List<String> DEMO_STUDENTS = List.of("alice", "bob", "carol");

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--port", description = "Port (env HOLDOUT_PORT; default 7070; 0 = any free port).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (env HOLDOUT_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--demo", description = "Also create the demo students alice, bob and carol, and print"
            + " their logins.")
    boolean demo;

    @Option(names = "--no-baselines", description = "Do not start training the four baselines by itself (staff can"
            + " still start a training on the Staff page).")
    boolean noBaselines;

    /** Counted down once the server listens; tests wait on it. */
    final CountDownLatch started = new CountDownLatch(1);
    volatile App app;
    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> o = new HashMap<>();
        if (port != null) {
            o.put("port", port.toString());
        }
        if (host != null) {
            o.put("host", host);
        }
        if (noBaselines) {
            o.put("baselines", "false");
        }
        ServerConfig config = options.load(o, err);
        if (config == null) {
            return ExitCodes.INVALID_INPUT;
        }
        Clock clock = Clock.systemUTC();
        Database db;
        try {
            db = Database.open(config.database());
        } catch (Database.InUseException e) {
            err.println("holdout: " + e.getMessage() + "; is this server already running?");
            err.flush();
            return ExitCodes.INTERNAL;
        }
        try {
            Competition competition;
            try {
                org.holdout.competition.CompetitionRepository competitions =
                        new org.holdout.competition.CompetitionRepository(db);
                competition = DefaultCompetition.ensure(new DefaultCompetition.Source(config.dataDir(),
                        config.fashionMnistDir(), ServerConfig.envName("fashion.mnist"), config.timeZone(),
                        config.dailyLimit()), competitions, clock, line -> {
                    out.println(line);
                    out.flush();
                });
                if (competition.dailyLimit() != config.dailyLimit()
                        || !competition.timeZone().equals(config.timeZone())) {
                    out.println("daily.limit and time.zone (" + config.dailyLimit() + ", days in "
                            + config.timeZone().getId() + ") are the defaults for new competitions; "
                            + competition.slug() + " keeps its own (" + competition.dailyLimit() + ", days in "
                            + competition.timeZone().getId() + ").");
                }
            } catch (DefaultCompetition.DataMissingException e) {
                err.println("holdout: " + e.getMessage());
                err.flush();
                db.close();
                return ExitCodes.INVALID_INPUT;
            }
            app = App.create(config, db, clock);
            AccountService accounts = app.accounts();
            if (!accounts.repository().anyWithRole(Role.STAFF)) {
                AccountService.Created staff = accounts.create("staff", "Course staff", null, Role.STAFF, null);
                out.println("Created the staff login (shown once; only its hash is stored):");
                out.println("    username: staff");
                out.println("    password: " + staff.password());
            }
            if (demo) {
                demoStudents(accounts, out);
            }
            app.start();
            if (config.baselines()) {
                boolean pending = !app.training().allRegistered(competition);
                app.training().start(competition);
                if (pending) {
                    out.println("Training the baselines in a separate low-priority process (progress on " + app.url()
                            + "/staff).");
                }
            }
            if (config.rulesFile() == null || !java.nio.file.Files.isRegularFile(config.rulesFile())) {
                out.println("Rules: there is no " + config.rulesFile() + ", so the overview shows the built-in rules"
                        + " (set rules.file or HOLDOUT_RULES_FILE to your own Markdown).");
            }
            out.println("Holdout is running at " + app.url() + "  (data: " + config.dataDir() + ")");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown));
            started.countDown();
            stop.await();
            return ExitCodes.OK;
        } finally {
            if (app != null) {
                app.close();
            }
            db.close();
        }
    }

    void shutdown() {
        stop.countDown();
    }

    private static void demoStudents(AccountService accounts, PrintWriter out) {
        boolean header = false;
        for (String name : DEMO_STUDENTS) {
            if (accounts.repository().byUsername(name).isPresent()) {
                continue;
            }
            AccountService.Created c = accounts.create(name, Character.toUpperCase(name.charAt(0)) + name.substring(1)
                    + " (demo)", null, Role.STUDENT, null);
            if (!header) {
                out.println("Demo students (shown once):");
                header = true;
            }
            out.println("    username: " + name + "  password: " + c.password());
        }
        if (!header) {
            out.println("Demo students " + String.join(", ", DEMO_STUDENTS) + " exist already (their passwords were"
                    + " printed when they were created).");
        }
    }
}
