package org.holdout.server.cli;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.cli.ExitCodes;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionRepository;
import org.holdout.competition.MemberRepository;
import org.holdout.competition.SettingsService;
import org.holdout.db.Database;
import org.holdout.threshold.ThresholdRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout users add|import|list|password}: accounts from the command line, straight into the database. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Imports a roster, adds and lists accounts, and gives an account a new password.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Import.class, UsersCommand.ListUsers.class,
            UsersCommand.Password.class})
public class UsersCommand implements Callable<Integer> {
    /** Roster problems printed at most; the count of the rest follows. */
    static final int MAX_PROBLEMS = 20;
    /** Who the audit log names for a change made with these commands. */
    static final String ACTOR = "command line";
    /** Appended to {@link Database.InUseException}'s message: the users commands write the database directly. */
    static final String IN_USE_ADVICE = ". The users commands write into the database directly: stop the server"
            + " (Ctrl+C), run this command, then start the server again.";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The accounts of {@code db}, on the system clock. */
    static AccountService accounts(Database db) {
        return new AccountService(new AccountRepository(db), Clock.systemUTC());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds one account; prints its password"
            + " when it was generated.")
    static class Add extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--name", paramLabel = "DISPLAY_NAME", description = "Name on the leaderboard (default: the"
                + " username).")
        String displayName;
        @Option(names = "--email")
        String email;
        @Option(names = "--role", defaultValue = "student", description = "student or staff (default: ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--password", description = "Default: a generated one, printed once.")
        String password;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                AccountService accounts = accounts(db);
                try {
                    AccountService.Created c = accounts.create(username, displayName, email, r, password);
                    out.println("Added " + r.id() + " " + c.account().username()
                            + (c.generatedPassword() ? " with password " + c.password() + " (shown once)" : "") + ".");
                    return ExitCodes.OK;
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    return ExitCodes.REJECTED;
                }
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Adds the students of a roster CSV with the header username,display_name,email[,password][,role].",
        "Existing usernames (in any case) are skipped; generated passwords are printed once, or written to"
            + " --passwords-out.",
        "The whole file is checked first: if any line is refused, nothing is imported.",
        "With --competition, every account of the file (new or existing) is put on that competition's roster, and the"
            + " competition is restricted to its roster: other students no longer see it."})
    static class Import extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "ROSTER.csv")
        Path roster;
        @Option(names = "--passwords-out", paramLabel = "FILE", description = "Write username,password of the new"
                + " accounts to this file (readable by you only) instead of printing them.")
        Path passwordsOut;
        @Option(names = "--competition", paramLabel = "SLUG", description = "Put the accounts on this competition's"
                + " roster and restrict it to its roster.")
        String competition;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CsvRecord> rows;
            try {
                rows = readRoster(roster);
            } catch (IOException e) {
                err.println("error: cannot read " + roster + ": " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            } catch (CsvParseException e) {
                err.println("error: " + roster + " is not valid CSV: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")
                        + "; nothing was imported");
                return ExitCodes.INVALID_INPUT;
            }
            Roster checked = Roster.check(roster.toString(), rows);
            if (!checked.problems().isEmpty()) {
                List<String> problems = checked.problems();
                problems.stream().limit(MAX_PROBLEMS).forEach(p -> err.println("error: " + p));
                if (problems.size() > MAX_PROBLEMS) {
                    err.println("error: … and " + (problems.size() - MAX_PROBLEMS) + " more line(s)");
                }
                err.println("Nothing was imported: fix the line(s) above and import the file again.");
                return ExitCodes.INVALID_INPUT;
            }
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                AccountService accounts = accounts(db);
                Competition target = null;
                if (competition != null) {
                    target = new CompetitionRepository(db).bySlug(competition).orElse(null);
                    if (target == null) {
                        err.println("error: --competition " + competition + ": there is no such competition ('holdout"
                                + " competition list' shows them); nothing was imported");
                        return ExitCodes.USAGE;
                    }
                }
                List<String> generated = new ArrayList<>();
                int added = 0;
                int skipped = 0;
                Roster.Entry at = null;
                try {
                    for (Roster.Entry e : checked.entries()) {
                        at = e;
                        if (accounts.repository().byUsername(e.username()).isPresent()) {
                            skipped++;
                            continue;
                        }
                        AccountService.Created c = accounts.create(e.username(), e.displayName(), e.email(), e.role(),
                                e.password());
                        added++;
                        if (c.generatedPassword()) {
                            generated.add(e.username() + "," + c.password());
                        }
                    }
                } catch (RuntimeException failure) {
                    // only the hashes of the passwords generated so far are kept, so they are shown before giving up
                    report(out, added, skipped, generated);
                    err.println("error: " + roster + " line " + at.line() + ": " + failure.getMessage() + "; the import"
                            + " stopped there (the " + added + " account(s) added before it are kept, with their"
                            + " passwords above); import the file again once that is solved: existing usernames are"
                            + " skipped.");
                    return failure instanceof IllegalArgumentException ? ExitCodes.INVALID_INPUT : ExitCodes.INTERNAL;
                }
                report(out, added, skipped, generated);
                if (target != null) {
                    SettingsService settings = new SettingsService(db, new MemberRepository(db),
                            accounts.repository(), Clock.systemUTC(), new ThresholdRepository(db)::all);
                    List<String> usernames = checked.entries().stream().map(Roster.Entry::username).toList();
                    SettingsService.Outcome o = settings.save(target, new SettingsService.Request(Map.of(), true,
                            usernames, List.of(), "holdout users import " + roster.getFileName()), ACTOR);
                    if (!o.ok()) {
                        err.println("error: the roster of " + target.slug() + " was not changed: "
                                + String.join(" ", o.problems().values()));
                        return ExitCodes.INTERNAL;
                    }
                    out.println("The roster of " + target.slug() + " has " + settings.roster(target).size()
                            + " account(s); only they (and staff) may enter it.");
                }
                return ExitCodes.OK;
            });
        }

        private void report(PrintWriter out, int added, int skipped, List<String> generated) {
            out.println("Imported " + added + " account(s); " + skipped + " existing username(s) skipped.");
            if (!generated.isEmpty()) {
                printPasswords(generated, out);
            }
        }

        /** Every record, read before anything is added: a file that is not CSV imports nothing. */
        private static List<CsvRecord> readRoster(Path file) throws IOException {
            try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).allowUnclosedQuote(false)
                    .allowMissingFields(true).allowExtraFields(true).ofCsvRecord(file, StandardCharsets.UTF_8)) {
                return reader.stream().toList();
            }
        }

        /** Writes the passwords to --passwords-out, or prints them when there is none or it cannot be written. */
        private void printPasswords(List<String> generated, PrintWriter out) {
            if (passwordsOut != null) {
                try {
                    writePasswords(passwordsOut, generated);
                    out.println("Generated passwords written to " + passwordsOut + ".");
                    return;
                } catch (IOException e) {
                    out.println("Cannot write " + passwordsOut + " (" + e.getMessage() + "), so the passwords are"
                            + " printed here instead.");
                }
            }
            out.println("Generated passwords (shown once):");
            out.println("username,password");
            generated.forEach(out::println);
        }

        private static void writePasswords(Path file, List<String> generated) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(file, "username,password\n" + String.join("\n", generated) + "\n");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static class ListUsers extends DatabaseCommand {

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                out.println("username,display_name,email,role,has_token");
                for (Account a : new AccountRepository(db).all()) {
                    out.println(String.join(",", a.username(), quote(a.displayName()),
                            quote(a.email() == null ? "" : a.email()), a.role().id(), String.valueOf(a.hasToken())));
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = {
        "Gives an account a new password (a student who lost theirs): a generated one, printed once, or --password.",
        "The account's sessions end (whoever was logged in as it logs in again) and its API token stops working."})
    static class Password extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--password", description = "Default: a generated one, printed once.")
        String password;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withDatabase(IN_USE_ADVICE, (config, db) -> {
                AccountService accounts = accounts(db);
                String pw;
                try {
                    pw = accounts.resetPassword(username, password);
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    return ExitCodes.REJECTED;
                }
                out.println(password == null || password.isBlank()
                        ? "New password of " + username + ": " + pw + " (shown once)."
                        : "Password of " + username + " changed.");
                out.println("Its sessions are ended and its API token is revoked.");
                return ExitCodes.OK;
            });
        }
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
