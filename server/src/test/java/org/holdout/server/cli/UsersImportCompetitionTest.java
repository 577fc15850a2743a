package org.holdout.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.holdout.audit.AuditLog;
import org.holdout.cli.ExitCodes;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionRepository;
import org.holdout.competition.MemberRepository;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout users import --competition SLUG}: the roster of one competition, restricted to it. */
class UsersImportCompetitionTest {

    @Test
    void theImportedAccountsNewAndExistingMakeTheRosterOfARestrictedCompetition(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path bundle = TinyCompetition.writeVerified(dir.resolve("bundle"));
        CommandsTest.Run created = CommandsTest.run(new CompetitionCommand(), "competition", "create", "--bundle",
                bundle.toString(), "--slug", "hw2", "--data-dir", data.toString());
        assertThat(created.code()).as(created.err()).isZero();
        CommandsTest.Run existing = CommandsTest.run(new UsersCommand(), "users", "add", "Bob", "--data-dir",
                data.toString());
        assertThat(existing.code()).as(existing.err()).isZero();

        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "username,display_name,email\nann,Ann,\nbob,Bob,\n");
        CommandsTest.Run unknown = CommandsTest.run(new UsersCommand(), "users", "import", roster.toString(),
                "--competition", "hw9", "--data-dir", data.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--competition hw9: there is no such competition", "nothing was imported");

        CommandsTest.Run r = CommandsTest.run(new UsersCommand(), "users", "import", roster.toString(),
                "--competition", "hw2", "--data-dir", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 1 account(s); 1 existing username(s) skipped.",
                "The roster of hw2 has 2 account(s); only they (and staff) may enter it.");

        Map<String, String> settings = new HashMap<>(CommandsTest.database(data));
        settings.put("data.dir", data.toString());
        try (Database db = Database.open(ServerConfig.of(settings).database())) {
            Competition hw2 = new CompetitionRepository(db).bySlug("hw2").orElseThrow();
            assertThat(hw2.restricted()).isTrue();
            assertThat(new MemberRepository(db).usernames(hw2.id())).containsExactly("ann", "Bob");
            assertThat(new AuditLog(db).forCompetition(hw2.id(), 10)).extracting(e -> e.action() + " " + e.actor())
                    .containsExactlyInAnyOrder("create command line", "restrict command line", "roster command line");
        }

        CommandsTest.Run again = CommandsTest.run(new UsersCommand(), "users", "import", roster.toString(),
                "--competition", "hw2", "--data-dir", data.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("The roster of hw2 has 2 account(s)");
    }
}
