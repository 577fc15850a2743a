package org.holdout.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.ExitCodes;
import org.holdout.cli.Holdout;
import org.holdout.testing.Client;
import org.holdout.testing.TestDatabase;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
    record Run(int code, String out, String err) {
    }

    /** Each data folder's database ({@link TestDatabase}), made on first use: one per test. */
    private static final Map<Path, Map<String, String>> DATABASES = new ConcurrentHashMap<>();

    static Map<String, String> database(Path dir) {
        return DATABASES.computeIfAbsent(dir, TestDatabase::settings);
    }

    /**
     * {@code args} with {@code --config} naming a file with the database of its {@code --data-dir}, unless they name
     * a config file already ({@link #write} puts the database into those).
     */
    private static String[] withDatabase(String... args) {
        List<String> list = Arrays.asList(args);
        int dataDir = list.indexOf("--data-dir");
        if (dataDir < 0 || list.contains("--config")) {
            return args;
        }
        Path dir = Path.of(args[dataDir + 1]);
        String[] more = Arrays.copyOf(args, args.length + 2);
        more[args.length] = "--config";
        more[args.length + 1] = properties(dir.resolve("database.properties"), database(dir), "");
        return more;
    }

    static Run run(Object command, String... args) {
        args = withDatabase(args);
        CommandLine cl = Holdout.commandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run importRoster(Path dir, String roster) throws Exception {
        Path file = dir.resolve("roster.csv");
        Files.writeString(file, roster);
        return run(new UsersCommand(), "users", "import", file.toString(), "--data-dir", dir.toString());
    }

    @Test
    void aCommandGroupWithoutItsSubcommandIsAUsageErrorOnStderr() {
        for (String[] args : new String[][] {{}, {"users"}, {"baseline"}, {"bundle"}}) {
            CommandLine cl = Holdout.commandLine(new ServeCommand(), new UsersCommand(), new BaselineCommand());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));

            int code = cl.execute(args);

            assertThat(code).as("holdout %s", String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(out.toString()).as("stdout of holdout %s", String.join(" ", args)).isEmpty();
            assertThat(err.toString()).startsWith("Usage: holdout" + (args.length == 0 ? " " : " " + args[0] + " "));
        }
    }

    @Test
    void serveSaysExactlyWhatToInstallWhenFashionMnistIsMissing(@TempDir Path dir) {
        Run r = run(new ServeCommand(), "serve", "--data-dir", dir.toString(), "--port", "0", "--no-baselines",
                "--config", write(dir, "fashion.mnist=" + dir.resolve("nothing-here")));
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("sudo ./holdout setup", "sudo apt-get install dataset-fashion-mnist",
                "Nothing was installed");
    }

    @Test
    void firstStartCreatesTheStaffLoginAndDemoStudentsAndASecondStartReusesThem(@TempDir Path dir) throws Exception {
        Path bundle = TinyCompetition.write(dir.resolve("competitions/fashion-mnist"));
        Files.writeString(bundle.resolve("bundle.json"), "{}");
        String[] args = {"serve", "--data-dir", dir.toString(), "--port", "0", "--no-baselines", "--demo"};

        ServeCommand first = new ServeCommand();
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> running = start(first, out, args);
        String printed = out.toString();
        assertThat(printed).contains("username: staff", "username: alice", "username: bob", "username: carol",
                "Holdout is running at http://127.0.0.1:");
        Matcher pw = Pattern.compile("password: (\\S+)").matcher(printed);
        assertThat(pw.find()).isTrue();
        String staffPassword = pw.group(1);
        String url = first.app.url();
        assertThat(new org.holdout.testing.Client(url).login("staff", staffPassword).statusCode()).isEqualTo(302);
        first.shutdown();
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();

        ServeCommand second = new ServeCommand();
        StringWriter out2 = new StringWriter();
        CompletableFuture<Integer> again = start(second, out2, args);
        assertThat(out2.toString()).doesNotContain("password:").contains("exist already", "Holdout is running");
        second.shutdown();
        assertThat(again.get(20, TimeUnit.SECONDS)).isZero();
    }

    private static CompletableFuture<Integer> start(ServeCommand cmd, StringWriter out, String... args)
            throws InterruptedException {
        CommandLine cl = Holdout.commandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        String[] withDatabase = withDatabase(args);
        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> cl.execute(withDatabase));
        for (int i = 0; i < 300 && cmd.started.getCount() > 0 && !f.isDone(); i++) {
            cmd.started.await(100, TimeUnit.MILLISECONDS);
        }
        assertThat(cmd.started.getCount()).as(out.toString()).isZero();
        return f;
    }

    @Test
    @Tag("slow")
    void firstStartBuildsTheDefaultCompetitionFromTheInstalledFashionMnist(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(
                Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")), "dataset-fashion-mnist");
        ServeCommand serve = new ServeCommand();
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> running = start(serve, out, "serve", "--data-dir", dir.toString(), "--port", "0",
                "--no-baselines");
        try {
            assertThat(out.toString()).contains("Building the default competition", "username: staff");
            var competition = serve.app.competitions().current();
            assertThat(competition.slug()).isEqualTo("fashion-mnist");
            assertThat(competition.timeZone().getId()).isEqualTo("Asia/Taipei");
            assertThat(competition.dailyLimit()).isEqualTo(5);
            assertThat(Files.readAllLines(competition.file("sample_submission.csv"))).hasSize(10_001);
            assertThat(competition.bundleDir()).startsWith(dir);
            Path published = dir.resolve("published-seed");
            assertThat(run(new UsersCommand(), "bundle", "fashion-mnist", "--out",
                    published.toString()).code()).isZero();
            assertThat(Files.readAllBytes(published.resolve("test.npy")))
                    .as("the default competition is not the bundle anyone can build with the published seed")
                    .isNotEqualTo(Files.readAllBytes(competition.file("test.npy")));
            Client student = new Client(serve.app.url());
            serve.app.accounts().create("eve", "Eve", null, org.holdout.account.Role.STUDENT, "pw-eve-12345");
            student.login("eve", "pw-eve-12345");
            for (String path : new String[] {"/data/bundle.json", "/data/solution.csv", "/data/../bundle.json"}) {
                assertThat(student.get(path).statusCode()).as(path).isEqualTo(404);
            }
        } finally {
            serve.shutdown();
        }
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void usersImportAddsTheRosterPrintsGeneratedPasswordsOnceAndSkipsExistingNames(@TempDir Path dir)
            throws Exception {
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "\uFEFFusername,display_name,email,password\r\n"
                + "r01,\"Lin, Mei\",mei@example.edu,\r\n"
                + "r02,Chen Wei,wei@example.edu,chosen-pass\r\n");
        Run r = run(new UsersCommand(), "users", "import", roster.toString(), "--data-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 2 account(s)", "r01,").doesNotContain("r02,", "chosen-pass");

        Path passwords = dir.resolve("passwords.csv");
        Files.writeString(roster, "username,display_name,email\nr01,x,y\nr03,Third,t@example.edu\n");
        Run again = run(new UsersCommand(), "users", "import", roster.toString(), "--data-dir", dir.toString(),
                "--passwords-out", passwords.toString());
        assertThat(again.out()).contains("Imported 1 account(s); 1 existing username(s) skipped");
        assertThat(Files.readString(passwords)).startsWith("username,password\nr03,");

        Run add = run(new UsersCommand(), "users", "add", "ta1", "--role", "staff", "--data-dir", dir.toString());
        assertThat(add.code()).isZero();
        assertThat(add.out()).contains("Added staff ta1 with password");
        Run dup = run(new UsersCommand(), "users", "add", "ta1", "--data-dir", dir.toString());
        assertThat(dup.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(dup.err()).contains("taken");

        Run list = run(new UsersCommand(), "users", "list", "--data-dir", dir.toString());
        assertThat(list.out()).contains("r01,\"Lin, Mei\",mei@example.edu,student").contains("ta1,ta1,,staff");
    }

    @Test
    void aRosterWithoutAUsernameColumnIsAClearError(@TempDir Path dir) throws Exception {
        Run r = importRoster(dir, "name,email\nx,y\n");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("no 'username' column");
    }

    @Test
    @DisabledIfSystemProperty(named = "holdout.test.db", matches = "postgresql",
            disabledReason = "about H2's file lock, which a PostgreSQL server does not have")
    void usersCommandsWhileAnotherProcessHoldsTheDatabaseSayWhatToDoInsteadOfAStackTrace(@TempDir Path dir)
            throws Exception {
        Run first = run(new UsersCommand(), "users", "add", "r01", "--data-dir", dir.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "username,display_name,email\nr02,Two,two@example.edu\n");
        // a running server holds the H2 file's lock; so does this channel (H2 in this JVM sees the same refusal)
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                dir.resolve("db/holdout.mv.db"), java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = ch.lock()) {
            for (String[] args : new String[][] {{"users", "import", roster.toString()}, {"users", "add", "r03"},
                {"users", "list"}}) {
                String[] withDir = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                        java.util.stream.Stream.of("--data-dir", dir.toString())).toArray(String[]::new);
                Run r = run(new UsersCommand(), withDir);
                assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.INTERNAL);
                assertThat(r.err()).as(String.join(" ", args))
                        .startsWith("error: the database ")
                        .contains("in use by another process", "running 'holdout serve'", "stop the server")
                        .doesNotContain("Exception", "\tat ");
            }
        }
        Run after = run(new UsersCommand(), "users", "import", roster.toString(), "--data-dir", dir.toString());
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("Imported 1 account(s)");
    }

    @Test
    void aRosterWithABadLineImportsNothingAndNamesEveryBadLineAndField(@TempDir Path dir) throws Exception {
        Run r = importRoster(dir, "username,display_name,email,password,role\n"
                + "r01,One,one@example.edu,,\n"
                + "r02," + "N".repeat(250) + ",two@example.edu,,\n"
                + "r03,Three," + "e".repeat(190) + "@example.edu,,\n"
                + "r04,Four,four@example.edu,abc,\n"
                + "r05,Five,five@example.edu,," + "professor\n"
                + "R01,One again,,,\n"
                + "r 07,Seven,,," + "\n"
                + "r08,Eight,,," + "é".repeat(37) + "\n");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(
                "roster.csv line 3: display_name has 250 characters; at most 200 fit",
                "roster.csv line 4: email has 202 characters; at most 200 fit",
                "roster.csv line 5: password needs at least 8 characters",
                "roster.csv line 6: unknown role \"professor\"",
                "roster.csv line 7: username \"R01\" is on line 2 already as \"r01\" (usernames are the same whatever"
                        + " their case)",
                "roster.csv line 8: username \"r 07\" must be",
                "Nothing was imported").doesNotContain("line 2:", "Exception", "\tat ");
        assertThat(r.out()).doesNotContain("Imported");
        Run list = run(new UsersCommand(), "users", "list", "--data-dir", dir.toString());
        assertThat(list.out().strip()).isEqualTo("username,display_name,email,role,has_token");
    }

    /** A database failure on inserting r02 (H2 runs this in this JVM). */
    public static final class FailOnR02 implements org.h2.api.Trigger {
        @Override
        public void fire(java.sql.Connection c, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
            if ("r02".equals(newRow[1])) {
                throw new java.sql.SQLException("disk full (simulated)");
            }
        }
    }

    @Test
    @DisabledIfSystemProperty(named = "holdout.test.db", matches = "postgresql",
            disabledReason = "the failure is an H2 trigger running in this JVM")
    void aDatabaseFailureInTheMiddleOfAnImportStillPrintsThePasswordsAlreadyGenerated(@TempDir Path dir)
            throws Exception {
        org.holdout.config.ServerConfig config = org.holdout.config.ServerConfig.of(
                java.util.Map.of("data.dir", dir.toString()));
        try (org.holdout.db.Database db = org.holdout.db.Database.open(config.database())) {
            db.withConnection(c -> c.createStatement().executeUpdate("CREATE TRIGGER fail_on_r02 BEFORE INSERT ON"
                    + " accounts FOR EACH ROW CALL '" + FailOnR02.class.getName() + "'"));
        }
        Run r = importRoster(dir, "username,display_name,email\nr01,One,\nr02,Two,\nr03,Three,\n");
        assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.err()).contains("roster.csv line 3: ", "disk full (simulated)", "1 account(s) added before it")
                .doesNotContain("\tat ");
        assertThat(r.out()).contains("Imported 1 account(s)");
        Matcher pw = Pattern.compile("(?m)^r01,(\\S+)$").matcher(r.out());
        assertThat(pw.find()).as("r01's generated password is printed: %s", r.out()).isTrue();
    }

    @Test
    void usersAddAndPasswordFollowTheSameRulesAsTheRosterWithoutAStackTrace(@TempDir Path dir) throws Exception {
        String d = dir.toString();
        Run shortPw = run(new UsersCommand(), "users", "add", "r01", "--password", "abc", "--data-dir", d);
        assertThat(shortPw.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(shortPw.err().strip()).isEqualTo("error: password needs at least 8 characters.");
        Run longName = run(new UsersCommand(), "users", "add", "r01", "--name", "N".repeat(250), "--data-dir", d);
        assertThat(longName.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(longName.err()).contains("display_name has 250 characters").doesNotContain("Exception", "\tat ");
        assertThat(run(new UsersCommand(), "users", "add", "Alice", "--data-dir", d).code()).isZero();
        Run lower = run(new UsersCommand(), "users", "add", "alice", "--data-dir", d);
        assertThat(lower.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(lower.err()).contains("username \"alice\" is taken (by \"Alice\"");
        Run reset = run(new UsersCommand(), "users", "password", "ALICE", "--password", "short", "--data-dir", d);
        assertThat(reset.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(reset.err()).contains("The password needs at least 8 characters.");
        Run roster = importRoster(dir, "username,display_name,email\nALICE,A,\nbob,Bob,\n");
        assertThat(roster.code()).as(roster.err()).isZero();
        assertThat(roster.out()).contains("Imported 1 account(s); 1 existing username(s) skipped");
        Run list = run(new UsersCommand(), "users", "list", "--data-dir", d);
        assertThat(list.out()).contains("Alice,Alice", "bob,Bob").doesNotContain("ALICE", "alice,");
    }

    @Test
    void aBadRosterLineIsNamedByItsLineInTheFileAfterBlankLinesAndQuotedLineBreaks(@TempDir Path dir)
            throws Exception {
        Run r = importRoster(dir, "username,display_name,email,role\n"
                + "\n"
                + "r01,\"One\nSecond line\",one@example.edu,\n"
                + "r02,Two,two@example.edu,professor\n");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("roster.csv line 5: ", "professor");
    }

    @Test
    void aRosterThatIsNotCsvImportsNothingAndSaysWhy(@TempDir Path dir) throws Exception {
        Run r = importRoster(dir, "username,display_name,email\nr01,One,one@example.edu\nr02,\"Two,two@example.edu\n");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("roster.csv is not valid CSV", "nothing was imported").doesNotContain("\tat ");
        Run list = run(new UsersCommand(), "users", "list", "--data-dir", dir.toString());
        assertThat(list.out()).doesNotContain("r01");
    }

    @Test
    void aConfigMistakeIsOneLineNamingTheKeyTheValueAndWhereItWasSetNotAStackTrace(@TempDir Path dir)
            throws Exception {
        Run missing = run(new UsersCommand(), "users", "list", "--config", dir.resolve("nope.properties").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("the config file", "nope.properties does not exist")
                .doesNotContain("Exception");

        String file = write(dir, "daily.limit=five");
        Run limit = run(new UsersCommand(), "users", "list", "--data-dir", dir.toString(), "--config", file);
        assertThat(limit.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(limit.err().strip()).isEqualTo("error: daily.limit in " + file + " is \"five\", not a whole number");

        Run zone = run(new ServeCommand(), "serve", "--data-dir", dir.toString(), "--port", "0", "--no-baselines",
                "--config", write(dir, "time.zone=Taipei"));
        assertThat(zone.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(zone.err()).contains("time.zone in ", "is \"Taipei\", not a time zone ID like Asia/Taipei")
                .doesNotContain("Exception");

        assertThatThrownBy(() -> org.holdout.config.ServerConfig.load(null, java.util.Map.of("HOLDOUT_PORT", "abc"),
                java.util.Map.of()))
                .hasMessage("port from the environment variable HOLDOUT_PORT is \"abc\", not a whole number");
        assertThatThrownBy(() -> org.holdout.config.ServerConfig.load(null,
                java.util.Map.of("HOLDOUT_BASELINES", "no"), java.util.Map.of()))
                .hasMessage("baselines from the environment variable HOLDOUT_BASELINES is \"no\"; it must be true"
                        + " or false");
    }

    @Test
    void usersPasswordGivesALockedOutStudentANewPasswordThatLogsIn(@TempDir Path dir) throws Exception {
        Path bundle = TinyCompetition.write(dir.resolve("competitions/fashion-mnist"));
        Files.writeString(bundle.resolve("bundle.json"), "{}");
        assertThat(run(new UsersCommand(), "users", "add", "r01", "--password", "old-password-1",
                "--data-dir", dir.toString()).code()).isZero();
        ServeCommand before = new ServeCommand();
        CompletableFuture<Integer> first = start(before, new StringWriter(), "serve", "--data-dir", dir.toString(),
                "--port", "0", "--no-baselines");
        org.holdout.testing.Client loggedInBefore = new org.holdout.testing.Client(before.app.url());
        loggedInBefore.login("r01", "old-password-1");
        before.shutdown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isZero();

        Run reset = run(new UsersCommand(), "users", "password", "r01", "--data-dir", dir.toString());
        assertThat(reset.code()).as(reset.err()).isZero();
        Matcher pw = Pattern.compile("New password of r01: (\\S+) \\(shown once\\)").matcher(reset.out());
        assertThat(pw.find()).as(reset.out()).isTrue();
        Run nobody = run(new UsersCommand(), "users", "password", "nobody", "--data-dir", dir.toString());
        assertThat(nobody.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(nobody.err()).contains("no account \"nobody\"");

        ServeCommand serve = new ServeCommand();
        CompletableFuture<Integer> running = start(serve, new StringWriter(), "serve", "--data-dir", dir.toString(),
                "--port", "0", "--no-baselines");
        try {
            org.holdout.testing.Client c = new org.holdout.testing.Client(serve.app.url());
            assertThatThrownBy(() -> c.login("r01", "old-password-1")).as("the old password")
                    .hasMessageContaining("login of r01 failed");
            assertThat(new org.holdout.testing.Client(serve.app.url()).login("r01", pw.group(1)).statusCode())
                    .isEqualTo(302);
            String session = ((java.net.CookieManager) loggedInBefore.http.cookieHandler().orElseThrow())
                    .getCookieStore().getCookies().stream().filter(k -> k.getName().equals(
                            org.holdout.web.Access.COOKIE)).findFirst().orElseThrow().getValue();
            java.net.http.HttpResponse<String> stale = c.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(serve.app.url() + "/submit")).header("Cookie",
                    org.holdout.web.Access.COOKIE + "=" + session).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).as("the session from before the reset is over").isEqualTo(302);
        } finally {
            serve.shutdown();
        }
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aRestartKeepsTheDailyLimitAndTimeZoneInTheDatabaseWhateverTheConfigurationSays(@TempDir Path dir)
            throws Exception {
        Path bundle = TinyCompetition.write(dir.resolve("competitions/fashion-mnist"));
        Files.writeString(bundle.resolve("bundle.json"), "{}");
        String noRules = properties(dir.resolve("first.properties"), database(dir),
                "rules.file=" + dir.resolve("no-such-rules.md").toString().replace("\\", "/"));
        String[] first = {"serve", "--data-dir", dir.toString(), "--port", "0", "--no-baselines", "--config", noRules};
        String config = write(dir, "daily.limit=2\ntime.zone=UTC");
        String[] changed = {"serve", "--data-dir", dir.toString(), "--port", "0", "--no-baselines", "--config", config};
        Map<String, String> settings = new java.util.HashMap<>(database(dir));
        settings.put("data.dir", dir.toString());
        String[][] starts = {first, changed, changed};
        String[] printed = new String[3];
        for (int i = 0; i < 3; i++) {
            if (i == 1) {
                // what a staff settings change leaves in the database
                try (org.holdout.db.Database db = org.holdout.db.Database.open(
                        org.holdout.config.ServerConfig.of(settings).database())) {
                    db.withConnection(c -> {
                        try (java.sql.Statement st = c.createStatement()) {
                            return st.executeUpdate("UPDATE competitions SET daily_limit = 7,"
                                    + " time_zone = 'Europe/Berlin'");
                        }
                    });
                }
            }
            ServeCommand serve = new ServeCommand();
            StringWriter out = new StringWriter();
            CompletableFuture<Integer> running = start(serve, out, starts[i]);
            printed[i] = out.toString();
            org.holdout.competition.Competition c = serve.app.competitions().current();
            assertThat(c.dailyLimit()).as("start %d", i).isEqualTo(i == 0 ? 5 : 7);
            assertThat(c.timeZone().getId()).as("start %d", i).isEqualTo(i == 0 ? "Asia/Taipei" : "Europe/Berlin");
            serve.shutdown();
            assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(printed[0]).doesNotContain("defaults for new competitions")
                .contains("so the overview shows the built-in rules (set rules.file or HOLDOUT_RULES_FILE");
        for (int i = 1; i < 3; i++) {
            assertThat(printed[i]).contains("daily.limit and time.zone (2, days in UTC) are the defaults for new"
                    + " competitions; fashion-mnist keeps its own (7, days in Europe/Berlin).");
        }
    }

    /** {@code dir}/holdout.properties with these lines after the test's database settings. */
    private static String write(Path dir, String properties) {
        return properties(dir.resolve("holdout.properties"), database(dir), properties);
    }

    private static String properties(Path p, Map<String, String> database, String more) {
        try {
            java.util.Properties db = new java.util.Properties();
            db.putAll(database);
            StringWriter text = new StringWriter();
            db.store(text, null);
            Files.writeString(p, text + more + "\n");
            return p.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
