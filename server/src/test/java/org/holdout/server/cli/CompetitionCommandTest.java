package org.holdout.server.cli;

import org.holdout.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout competition create|list} with the server stopped. */
class CompetitionCommandTest {

    private static CommandsTest.Run competition(Path dataDir, String... args) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] all = new String[args.length + 3];
        all[0] = "competition";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        return CommandsTest.run(new CompetitionCommand(), all);
    }

    private static List<String> listed(Path data) {
        CommandsTest.Run r = competition(data, "list");
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().toList();
    }

    @Test
    void createCopiesAVerifiedBundleIntoTheDataFolderAndListShowsItsSettings(@TempDir Path dir) throws Exception {
        Path bundle = TinyCompetition.writeVerified(dir.resolve("hw2-bundle"));
        Path data = dir.resolve("data");

        CommandsTest.Run created = competition(data, "create", "--bundle", bundle.toString(), "--slug", "hw2",
                "--title", "Homework 2, anomalies", "--time-zone", "UTC", "--daily-limit", "3",
                "--deadline", "2099-06-01T23:59", "--final-selections", "3");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created the competition hw2", "/c/hw2/", "Daily limit 3 (days in UTC)",
                "3 final selection(s)");
        Path copy = data.resolve("competitions/hw2");
        for (String file : new String[] {"bundle.json", "train.npy", "test.npy", "sample_submission.csv",
            "solution.csv"}) {
            assertThat(copy.resolve(file)).as(file).hasSameBinaryContentAs(bundle.resolve(file));
        }

        CommandsTest.Run second = competition(data, "create", "--bundle", bundle.toString(), "--slug", "hw3");
        assertThat(second.code()).as(second.err()).isZero();

        List<String> lines = listed(data);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(
                "slug,title,status,deadline,time_zone,daily_limit,final_selections,default,bundle_dir");
        assertThat(lines.get(1)).startsWith("hw2,\"Homework 2, anomalies\",open,2099-06-01T23:59:00Z,UTC,3,3,true,")
                .endsWith(copy.toAbsolutePath().toString());
        assertThat(lines.get(2)).as("the configuration's defaults").startsWith("hw3,hw3,open,,Asia/Taipei,5,2,false,");
    }

    @Test
    void createRefusesWithOneLineAndTheExitCodeAndCreatesNothing(@TempDir Path dir) throws Exception {
        Path bundle = TinyCompetition.writeVerified(dir.resolve("bundle"));
        Path data = dir.resolve("data");
        String b = bundle.toString();
        assertThat(competition(data, "create", "--bundle", b, "--slug", "taken").code()).isZero();

        record Case(String[] args, int code, String message) {
        }
        Path unverified = TinyCompetition.write(dir.resolve("no-manifest"));
        Path damaged = TinyCompetition.writeVerified(dir.resolve("damaged"));
        Files.writeString(damaged.resolve("solution.csv"), "Id,Expected,Usage\n");
        List<Case> cases = List.of(
                new Case(new String[] {"--bundle", b, "--slug", "HW 2"}, ExitCodes.USAGE,
                        "may hold only lowercase letters, digits and single dashes"),
                new Case(new String[] {"--bundle", b, "--slug", "hw--2"}, ExitCodes.USAGE, "single dashes"),
                new Case(new String[] {"--bundle", b, "--slug", "x".repeat(65)}, ExitCodes.USAGE, "at most 64"),
                new Case(new String[] {"--bundle", b, "--slug", "taken"}, ExitCodes.REJECTED,
                        "there is a competition with the slug taken already"),
                new Case(new String[] {"--bundle", dir.resolve("nothing").toString(), "--slug", "hw4"},
                        ExitCodes.INVALID_INPUT, "no such bundle folder"),
                new Case(new String[] {"--bundle", unverified.toString(), "--slug", "hw4"}, ExitCodes.REJECTED,
                        "the bundle does not verify: "),
                new Case(new String[] {"--bundle", damaged.toString(), "--slug", "hw4"}, ExitCodes.REJECTED,
                        "solution.csv: SHA-256 is"),
                new Case(new String[] {"--bundle", b, "--slug", "hw4", "--time-zone", "Taipei"}, ExitCodes.USAGE,
                        "--time-zone Taipei is not a time zone ID"),
                new Case(new String[] {"--bundle", b, "--slug", "hw4", "--deadline", "next friday"}, ExitCodes.USAGE,
                        "is not a time like"),
                new Case(new String[] {"--bundle", b, "--slug", "hw4", "--daily-limit=-1"}, ExitCodes.USAGE,
                        "must be from 1 to 100000"),
                new Case(new String[] {"--bundle", b, "--slug", "hw4", "--final-selections", "0"}, ExitCodes.USAGE,
                        "final selections is 0"),
                new Case(new String[] {"--bundle", b, "--slug", "hw4", "--title", " "}, ExitCodes.USAGE,
                        "the title is empty"),
                new Case(new String[] {"--slug", "hw4"}, ExitCodes.USAGE, "--bundle"));
        for (Case c : cases) {
            String[] args = new String[c.args().length + 1];
            args[0] = "create";
            System.arraycopy(c.args(), 0, args, 1, c.args().length);
            CommandsTest.Run r = competition(data, args);
            String what = String.join(" ", args);
            assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(c.code());
            assertThat(r.err()).as(what).contains(c.message()).doesNotContain("Exception", "\tat ");
            if (!c.message().equals("--bundle")) {
                assertThat(r.err().lines().count()).as(what + ": one line").isEqualTo(1);
            }
        }
        assertThat(listed(data)).hasSize(2);
        try (var folders = Files.list(data.resolve("competitions"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly("taken");
        }

        Files.createDirectories(data.resolve("competitions/stray"));
        CommandsTest.Run stray = competition(data, "create", "--bundle", b, "--slug", "stray");
        assertThat(stray.code()).isEqualTo(ExitCodes.REJECTED);
        assertThat(stray.err()).contains("exists already but belongs to no competition");
    }

    @Test
    void aBundleBuiltInItsFolderUnderTheDataFolderIsUsedInPlace(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path bundle = TinyCompetition.writeVerified(data.resolve("competitions/hw5"));
        CommandsTest.Run r = competition(data, "create", "--bundle", bundle.toString(), "--slug", "hw5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(listed(data).get(1)).startsWith("hw5,").endsWith(bundle.toAbsolutePath().toString());
    }

    @Test
    @DisabledIfSystemProperty(named = "holdout.test.db", matches = "postgresql",
            disabledReason = "about H2's file lock, which a PostgreSQL server does not have")
    void whileTheServerHoldsTheDatabaseTheCommandsSayWhatToDo(@TempDir Path dir) throws Exception {
        Path bundle = TinyCompetition.writeVerified(dir.resolve("bundle"));
        assertThat(listed(dir)).hasSize(1);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                dir.resolve("db/holdout.mv.db"), java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = ch.lock()) {
            for (CommandsTest.Run r : List.of(competition(dir, "list"),
                    competition(dir, "create", "--bundle", bundle.toString(), "--slug", "hw1"))) {
                assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL);
                assertThat(r.err()).startsWith("error: the database ").contains("in use by another process",
                        "The competition commands write into the database directly: stop the server");
            }
        }
        assertThat(Files.exists(dir.resolve("competitions/hw1"))).isFalse();
    }
}
