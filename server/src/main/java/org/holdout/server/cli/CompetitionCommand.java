package org.holdout.server.cli;

import org.holdout.cli.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.holdout.competition.BundleInstall;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionRepository;
import org.holdout.competition.CompetitionSettings;
import org.holdout.competition.CompetitionStatus;
import org.holdout.competition.DeadlineInput;
import org.holdout.submission.SubmissionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout competition create|list}: competitions from the command line, straight into the server's database. */
@Command(name = "competition", mixinStandardHelpOptions = true, description = "Creates and lists competitions.",
        subcommands = {CompetitionCommand.Create.class, CompetitionCommand.ListCompetitions.class})
public class CompetitionCommand implements Callable<Integer> {
    static final String IN_USE_ADVICE = ". The competition commands write into the database directly: stop the"
            + " server (Ctrl+C), run this command, then start the server again.";
    /** Who the audit log names for a competition created here. */
    static final String ACTOR = "command line";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
        "Creates a competition from a bundle folder (see 'holdout bundle'): the bundle is verified and copied into"
            + " <data.dir>/competitions/<slug>/.",
        "Its pages are then at /c/<slug>/, its API at /api/c/<slug>/. Time zone and daily limit default to the"
            + " configuration's time.zone and daily.limit."})
    static class Create extends DatabaseCommand {
        @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle folder.")
        Path bundle;
        @Option(names = "--slug", required = true, paramLabel = "SLUG", description = "The name in the addresses:"
                + " lowercase letters, digits and dashes, like hw3-anomalies.")
        String slug;
        @Option(names = "--title", paramLabel = "TITLE", description = "Shown on the pages (default: the slug).")
        String title;
        @Option(names = "--time-zone", paramLabel = "ZONE", description = "Days of the daily limit are counted here,"
                + " like Asia/Taipei (default: time.zone).")
        String timeZone;
        @Option(names = "--daily-limit", paramLabel = "N", description = "Scored uploads per student per day"
                + " (default: daily.limit).")
        Integer dailyLimit;
        @Option(names = "--deadline", paramLabel = "TIME", description = "Like 2026-06-01T23:59:59+08:00, or without"
                + " an offset in the competition's time zone (default: none).")
        String deadline;
        @Option(names = "--final-selections", paramLabel = "K", description = "Submissions each student marks as final"
                + " (default: ${DEFAULT-VALUE}).", defaultValue = "" + Competition.DEFAULT_FINAL_SELECTIONS)
        int finalSelections;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(bundle)) {
                err.println("error: " + bundle + ": no such bundle folder");
                return ExitCodes.INVALID_INPUT;
            }
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                CompetitionSettings settings;
                try {
                    ZoneId zone = timeZone == null ? config.timeZone() : zone(timeZone);
                    Instant end = deadline == null ? null : DeadlineInput.parse(deadline, zone);
                    settings = new CompetitionSettings(slug, title == null ? slug : title, zone,
                            dailyLimit == null ? config.dailyLimit() : dailyLimit, end, finalSelections);
                } catch (IllegalArgumentException e) {
                    err.println("error: " + sentence(e.getMessage()));
                    return ExitCodes.USAGE;
                }
                BundleInstall install = new BundleInstall(new CompetitionRepository(db), config.dataDir());
                Competition c;
                try {
                    c = install.create(bundle, settings, ACTOR, Clock.systemUTC().instant());
                } catch (BundleInstall.Refused e) {
                    err.println("error: " + e.getMessage() + "; no competition was created");
                    return ExitCodes.REJECTED;
                } catch (IOException e) {
                    err.println("error: cannot copy the bundle to " + install.folderOf(slug) + ": " + e.getMessage()
                            + "; no competition was created");
                    return ExitCodes.INTERNAL;
                }
                out.println("Created the competition " + c.slug() + " (\"" + c.title() + "\") with the bundle in "
                        + c.bundleDir() + ".");
                out.println("Daily limit " + c.dailyLimit() + " (days in " + c.timeZone().getId() + "), deadline "
                        + (c.deadline() == null ? "none" : c.format(c.deadline())) + ", "
                        + c.finalSelections() + " final selection(s). Its pages are at /c/" + c.slug()
                        + "/ once the server runs.");
                return ExitCodes.OK;
            });
        }

        private static ZoneId zone(String id) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--time-zone " + id + " is not a time zone ID like Asia/Taipei,"
                        + " Europe/Berlin or UTC");
            }
        }

        private static String sentence(String message) {
            String m = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
            return m + "; no competition was created";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {
        "Lists the competitions as CSV, the default one (served by the addresses without a slug) first."})
    static class ListCompetitions extends DatabaseCommand {

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                Instant now = Clock.systemUTC().instant();
                out.println("slug,title,status,deadline,time_zone,daily_limit,final_selections,default,bundle_dir");
                List<Competition> all = new CompetitionRepository(db).all();
                for (Competition c : all) {
                    out.println(String.join(",", c.slug(), UsersCommand.quote(c.title()),
                            CompetitionStatus.of(c, now).label(), c.deadline() == null ? "" : c.deadline().toString(),
                            c.timeZone().getId(), String.valueOf(c.dailyLimit()), String.valueOf(c.finalSelections()),
                            String.valueOf(c == all.get(0)), UsersCommand.quote(c.bundleDir().toString())));
                }
                return ExitCodes.OK;
            });
        }
    }
}
