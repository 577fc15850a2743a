package org.holdout.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usernames are one name whatever their case: unique so, and logged in so; older look-alikes keep working. */
class UsernameCaseTest {

    @Test
    void aNameInAnotherCaseIsTakenAndLogsInAsTheSameAccount(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            AccountService accounts = server.app.accounts();
            accounts.create("Alice", "Alice", null, Role.STUDENT, "password-alice");
            assertThatThrownBy(() -> accounts.create("alice", "Other", null, Role.STUDENT, null))
                    .hasMessage("username \"alice\" is taken (by \"Alice\": usernames are the same whatever their case)");
            assertThat(server.app.accounts().repository().all()).hasSize(1);
            assertThat(new Client(server.url()).login("ALICE", "password-alice").statusCode()).isEqualTo(302);
            assertThat(new Client(server.url()).login(" alice ", "password-alice").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void theMigrationKeepsOlderNamesThatDifferOnlyInCaseAndEachLogsInWithItsSpelling(@TempDir Path dir)
            throws Exception {
        ServerConfig config = ServerConfig.of(Map.of("data.dir", dir.toString()));
        var before = new com.zaxxer.hikari.HikariDataSource();
        before.setJdbcUrl(config.databaseUrl());
        before.setUsername(config.databaseUser());
        before.setPassword(config.databasePassword());
        try (before) {
            Flyway.configure().dataSource(before).locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = before.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (username, display_name, role,"
                         + " password_hash, created_ms) VALUES (?, ?, 'STUDENT', ?, 0)")) {
                for (String name : new String[] {"Alice", "alice", "ALICE", "bob"}) {
                    ps.setString(1, name);
                    ps.setString(2, name);
                    ps.setString(3, org.holdout.account.Secrets.hashPassword("password-" + name));
                    ps.executeUpdate();
                }
            }
        }
        try (Database db = Database.open(config.database())) {
            AccountService accounts = new AccountService(new org.holdout.account.AccountRepository(db),
                    java.time.Clock.systemUTC());
            for (String name : new String[] {"Alice", "alice", "ALICE"}) {
                assertThat(accounts.authenticate(name, "password-" + name)).as(name).get()
                        .extracting(a -> a.username()).isEqualTo(name);
            }
            assertThat(accounts.authenticate("aLiCe", "password-Alice")).as("the oldest for another spelling")
                    .get().extracting(a -> a.username()).isEqualTo("Alice");
            assertThat(accounts.authenticate("BOB", "password-bob")).isPresent();
            assertThatThrownBy(() -> accounts.create("aLICE", null, null, Role.STUDENT, null))
                    .hasMessageContaining("is taken");
            assertThatThrownBy(() -> new org.holdout.account.AccountRepository(db).insert("aLICE", "x", null,
                    Role.STUDENT, "hash", java.time.Instant.EPOCH).orElseThrow())
                    .as("the unique index refuses what slips past the check").isInstanceOf(
                            java.util.NoSuchElementException.class);
        }
    }
}
