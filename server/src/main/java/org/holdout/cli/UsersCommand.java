package org.holdout.cli;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout users add|import|list}: accounts from the command line, straight into the server's database. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Adds and lists accounts.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Import.class, UsersCommand.ListUsers.class,
            UsersCommand.Password.class})
public class UsersCommand implements Callable<Integer> {
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

    /** What a users subcommand does with the open database; returns the exit code. */
    interface DatabaseWork {
        int run(Database db) throws IOException;
    }

    /** Loads the config and runs {@code work} on the database, or says why it cannot be opened. */
    static int withDatabase(ConfigOptions options, CommandSpec spec, DatabaseWork work) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config = options.load(Map.of(), err);
        if (config == null) {
            return ExitCodes.INVALID_INPUT;
        }
        try (Database db = Database.open(config)) {
            return work.run(db);
        } catch (Database.InUseException e) {
            err.println("error: " + e.getMessage() + IN_USE_ADVICE);
            return ExitCodes.INTERNAL;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds one account; prints its password"
            + " when it was generated.")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options = new ConfigOptions();
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
            return withDatabase(options, spec, db -> {
                AccountService accounts = new AccountService(new AccountRepository(db), Clock.systemUTC());
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
        "Existing usernames are skipped; generated passwords are printed once, or written to --passwords-out."})
    static class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options = new ConfigOptions();
        @Parameters(index = "0", paramLabel = "ROSTER.csv")
        Path roster;
        @Option(names = "--passwords-out", paramLabel = "FILE", description = "Write username,password of the new"
                + " accounts to this file (readable by you only) instead of printing them.")
        Path passwordsOut;

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
            if (rows.isEmpty()) {
                err.println("error: " + roster + " is empty; expected the header username,display_name,email");
                return ExitCodes.INVALID_INPUT;
            }
            List<String> header = rows.get(0).getFields().stream()
                    .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            int user = header.indexOf("username");
            if (user < 0) {
                err.println("error: " + roster + " line " + rows.get(0).getStartingLineNumber() + " has no 'username'"
                        + " column; expected the header username,display_name,email[,password][,role]");
                return ExitCodes.INVALID_INPUT;
            }
            int name = header.indexOf("display_name");
            int mail = header.indexOf("email");
            int pass = header.indexOf("password");
            int roleCol = header.indexOf("role");
            return withDatabase(options, spec, db -> {
                AccountService accounts = new AccountService(new AccountRepository(db), Clock.systemUTC());
                List<String> generated = new ArrayList<>();
                int added = 0;
                int skipped = 0;
                String failure = null;
                for (CsvRecord row : rows.subList(1, rows.size())) {
                    String u = cell(row, user);
                    if (u.isEmpty()) {
                        continue;
                    }
                    if (accounts.repository().byUsername(u).isPresent()) {
                        skipped++;
                        continue;
                    }
                    try {
                        Role r = cell(row, roleCol).isEmpty() ? Role.STUDENT : Role.parse(cell(row, roleCol));
                        AccountService.Created c = accounts.create(u, cell(row, name), cell(row, mail), r,
                                cell(row, pass));
                        added++;
                        if (c.generatedPassword()) {
                            generated.add(u + "," + c.password());
                        }
                    } catch (IllegalArgumentException e) {
                        // the rows before this one are already added: their generated passwords are printed
                        // below, since only their hashes are kept and a second import skips those names
                        failure = "error: " + roster + " line " + row.getStartingLineNumber() + ": " + e.getMessage()
                                + "; the import stopped there (the " + added + " account(s) added before it are"
                                + " kept); fix the line and import the file again: existing usernames are skipped.";
                        break;
                    }
                }
                out.println("Imported " + added + " account(s); " + skipped + " existing username(s) skipped.");
                if (!generated.isEmpty()) {
                    printPasswords(generated, out);
                }
                if (failure != null) {
                    err.println(failure);
                    return ExitCodes.INVALID_INPUT;
                }
                return ExitCodes.OK;
            });
        }

        /** Every record, read before anything is added: a file that is not CSV imports nothing. */
        private static List<CsvRecord> readRoster(Path file) throws IOException {
            try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).allowUnclosedQuote(false)
                    .allowMissingFields(true).allowExtraFields(true).ofCsvRecord(file, StandardCharsets.UTF_8)) {
                return reader.stream().toList();
            }
        }

        private void printPasswords(List<String> generated, PrintWriter out) throws IOException {
            if (passwordsOut == null) {
                out.println("Generated passwords (shown once):");
                out.println("username,password");
                generated.forEach(out::println);
                return;
            }
            Files.deleteIfExists(passwordsOut);
            Files.createFile(passwordsOut);
            try {
                Files.setPosixFilePermissions(passwordsOut, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(passwordsOut, "username,password\n" + String.join("\n", generated) + "\n");
            out.println("Generated passwords written to " + passwordsOut + ".");
        }

        private static String cell(CsvRecord row, int i) {
            return i < 0 || i >= row.getFieldCount() ? "" : row.getField(i).trim();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            return withDatabase(options, spec, db -> {
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
        "The account's sessions end: whoever was logged in as it logs in again."})
    static class Password implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options = new ConfigOptions();
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--password", description = "Default: a generated one, printed once.")
        String password;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withDatabase(options, spec, db -> {
                AccountService accounts = new AccountService(new AccountRepository(db), Clock.systemUTC());
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
                return ExitCodes.OK;
            });
        }
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
