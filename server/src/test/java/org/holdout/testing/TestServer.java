package org.holdout.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionRepository;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.web.App;

/**
 * A real server on port 0 with a new database at the newest schema ({@link TestDatabase#migratedSettings}), uploads
 * in one temp folder, and a clock the test controls.
 */
public final class TestServer implements AutoCloseable {
    public final Path dir;
    public final MutableClock clock;
    public ServerConfig config;
    private final Map<String, String> settings;
    public Database db;
    public App app;
    public Competition competition;

    public TestServer(Path dir, Map<String, String> settings) throws IOException {
        this.dir = dir;
        this.clock = new MutableClock(Instant.parse("2026-03-01T04:00:00Z"));
        Map<String, String> s = new HashMap<>();
        s.put("data.dir", dir.toString());
        s.put("port", "0");
        s.put("baselines", "false");
        s.put("rules.file", dir.resolve("no-rules.md").toString());
        s.putAll(TestDatabase.migratedSettings(dir));
        s.putAll(settings);
        this.settings = s;
        this.config = ServerConfig.of(s);
        TestDatabase.seed(config.database());
        Path bundle = TinyCompetition.write(dir.resolve("bundle"));
        db = Database.open(config.database());
        CompetitionRepository repo = new CompetitionRepository(db);
        competition = repo.first().orElseGet(() -> repo.insert("tiny", "Tiny test competition", bundle,
                ZoneId.of(config.timeZone().getId()), config.dailyLimit(), null, clock.instant()));
        app = App.create(config, db, clock).start();
    }

    public TestServer(Path dir) throws IOException {
        this(dir, Map.of());
    }

    public String url() {
        return app.url();
    }

    /** A new account and a client logged in as it (password "password-" + username). */
    public Client login(String username, Role role) throws Exception {
        AccountService.Created c = app.accounts().create(username, username.toUpperCase(), null, role,
                "password-" + username);
        Client client = new Client(url());
        client.login(username, "password-" + username);
        client.token = app.accounts().regenerateToken(c.account().id());
        return client;
    }

    /** The default competition: the first created, which the routes without a slug serve. */
    public Competition competition() {
        return app.competitions().current();
    }

    /** Another tiny competition, its bundle in its own folder, with this daily limit (time zone of the config). */
    public Competition addCompetition(String slug, String title, int dailyLimit) throws IOException {
        Path bundle = TinyCompetition.write(dir.resolve("bundle-" + slug));
        return new CompetitionRepository(db).insert(slug, title, bundle, config.timeZone(), dailyLimit, null,
                clock.instant());
    }

    /** The competition with this slug, as the database holds it now. */
    public Competition competition(String slug) {
        return app.competitions().repository().bySlug(slug).orElseThrow();
    }

    /** Stops the server and its pool, then starts a new one on the same database file and upload folder. */
    public void restart() {
        app.close();
        db.close();
        db = Database.open(config.database());
        app = App.create(config, db, clock).start();
    }

    /** {@link #restart()} with these configuration values changed (the same database and folders). */
    public void restart(Map<String, String> changed) {
        Map<String, String> s = new HashMap<>(settings);
        s.putAll(changed);
        config = ServerConfig.of(s);
        restart();
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
