package org.holdout.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.holdout.account.Role;
import org.holdout.bundle.Progress;
import org.holdout.bundle.Sha256;
import org.holdout.cli.ExitCodes;
import org.holdout.cli.Holdout;
import org.holdout.competition.FloorsCache;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.server.cli.BackupCommand;
import org.holdout.server.cli.RestoreCommand;
import org.holdout.submission.UploadStore;
import org.holdout.testing.Client;
import org.holdout.testing.TestDatabase;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackupTest {

    /**
     * A server with students, staff, scored and refused uploads (one whose file was pruned from the store), a
     * baseline, and values that are easy to lose in text (the smallest double, 0.1 + 0.2, quotes, a line break,
     * non-ASCII), backed up to {@code zip}.
     */
    record Source(ServerConfig config, Map<String, List<Map<String, Object>>> rows, Path bundleDir,
                  String annToken, String prunedSha, Backup.Summary summary, Path zip) {
    }

    static Source backedUp(Path dir) throws Exception {
        Path zip = dir.resolve("backup.zip");
        TestServer server = new TestServer(dir.resolve("source"));
        boolean running = true;
        try {
            long until = System.nanoTime() + 30_000_000_000L;
            while (!(server.app.floors().state(server.competition) instanceof FloorsCache.Done)) {
                assertThat(System.nanoTime()).as("the floors are computed within 30 s").isLessThan(until);
                Thread.sleep(20);
            }
            Client ann = server.login("ann", Role.STUDENT);
            Client bob = server.login("bob", Role.STUDENT);
            server.login("ta", Role.STAFF);
            assertThat(ann.uploadApi("one.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("two.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            assertThat(bob.uploadApi("same-as-ann.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(bob.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            byte[] pruned = "Id,Predicted\n0,abc\n".getBytes(StandardCharsets.UTF_8);
            assertThat(ann.uploadApi("pruned.csv", pruned).statusCode()).isEqualTo(422);
            String prunedSha = Sha256.of(pruned);
            Files.delete(new UploadStore(server.config.uploadDir()).path(prunedSha));
            server.app.thresholds().registerTrained(server.competition().id(), "simple", TinyCompetition.submission(9));
            try (Connection c = server.db.connection();
                 PreparedStatement code = c.prepareStatement("UPDATE competitions SET code_deadline_ms = ?")) {
                code.setLong(1, server.clock.instant().plusSeconds(86_400).toEpochMilli());
                assertThat(code.executeUpdate()).isOne();
            }
            assertThat(ann.api("POST", "/api/code?filename=code.zip", ann.token, java.net.http.HttpRequest.BodyPublishers
                    .ofByteArray(Zips.code(true, "backed up")), "application/zip").statusCode()).isEqualTo(201);

            try (Connection c = server.db.connection();
                 PreparedStatement auc = c.prepareStatement(
                         "UPDATE submissions SET public_auc = ?, private_auc = ? WHERE file_name = 'two.csv'");
                 PreparedStatement name = c.prepareStatement(
                         "UPDATE accounts SET display_name = ? WHERE username = 'bob'")) {
                auc.setDouble(1, Double.MIN_VALUE);
                auc.setDouble(2, 0.1 + 0.2);
                assertThat(auc.executeUpdate()).isOne();
                name.setString(1, "Zoë \"Bob\" O'Neil,\n李 \\ 🎓");
                assertThat(name.executeUpdate()).isOne();
            }
            Map<String, List<Map<String, Object>>> rows = rows(server.db);
            assertThat(rows.get("submissions")).hasSize(5).anyMatch(r -> Double.valueOf(0.1 + 0.2)
                    .equals(r.get("private_auc")) && Double.valueOf(Double.MIN_VALUE).equals(r.get("public_auc")));
            if (!TestDatabase.postgres()) {
                server.close();
                running = false;
            }
            Backup.Summary summary = Backup.write(server.config, zip, Progress.NONE, w -> {
                throw new AssertionError("unexpected warning: " + w);
            });
            return new Source(server.config, rows, server.competition.bundleDir(), ann.token, prunedSha, summary,
                    zip);
        } finally {
            if (running) {
                server.close();
            }
        }
    }

    @Test
    void aRoundTripKeepsEveryRowAndFileAndNewIdsComeAfterTheRestoredOnes(@TempDir Path dir) throws Exception {
        Source source = backedUp(dir);
        assertThat(source.summary().rows()).containsEntry("submissions", 5L).containsEntry("accounts", 3L)
                .containsEntry("competitions", 1L).containsEntry("thresholds", 4L).containsEntry("threshold_history", 5L)
                .containsEntry("code_uploads", 1L).doesNotContainKey(Sql.FLYWAY_TABLE);
        assertThat(source.summary().missingUploads()).containsExactly(source.prunedSha());
        assertThat(source.summary().uploads()).as("four CSVs and a code zip").isEqualTo(5);
        assertThat(source.summary().bundleFiles()).as("the four bundle files and floors.json").isEqualTo(5);
        assertThat(source.zip().getParent()).isDirectoryNotContaining("glob:**.part");
        try (ZipFile z = new ZipFile(source.zip().toFile())) {
            JsonNode manifest = new ObjectMapper().readTree(z.getInputStream(z.getEntry(Backup.MANIFEST)));
            assertThat(manifest.path("format").asText()).isEqualTo("holdout-backup");
            assertThat(manifest.path("schema_version").asText()).isNotEmpty();
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                if (!ze.getName().equals(Backup.MANIFEST)) {
                    names.add(ze.getName());
                    try (InputStream in = z.getInputStream(ze)) {
                        assertThat(manifest.path("entries").path(ze.getName()).path("sha256").asText())
                                .as(ze.getName()).isEqualTo(Sha256.of(in.readAllBytes()));
                    }
                }
            }
            assertThat(names).containsExactlyInAnyOrderElementsOf(() -> manifest.path("entries").fieldNames())
                    .contains("db/accounts.jsonl", "db/submissions.jsonl", "bundles/1/solution.csv")
                    .noneMatch(n -> n.contains(Sql.FLYWAY_TABLE));
            assertThat(manifest.path("uploads").findValuesAsText("status")).containsExactlyInAnyOrder("ok", "ok", "ok",
                    "ok", "ok", "missing");
        }

        Path target = dir.resolve("restored");
        Map<String, String> settings = TestDatabase.settings(target);
        ServerConfig config = config(target, settings);
        List<String> warnings = new ArrayList<>();
        Restore.Summary restored = Restore.run(config, source.zip(), Progress.NONE, warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(restored.rows()).isEqualTo(source.summary().rows());
        assertThat(restored.missingUploads()).containsExactly(source.prunedSha());
        Path bundle = target.resolve("competitions/tiny").toAbsolutePath();
        assertThat(restored.bundles()).containsExactly(Map.entry("tiny", bundle));

        try (TestServer server = new TestServer(target, settings)) {
            Map<String, List<Map<String, Object>>> expected = source.rows();
            expected.get("competitions").forEach(c -> c.put("bundle_dir", bundle.toString()));
            assertThat(rows(server.db)).isEqualTo(expected);
            assertThat(server.competition().bundleDir()).isEqualTo(bundle);

            UploadStore before = new UploadStore(source.config().uploadDir());
            UploadStore after = new UploadStore(server.config.uploadDir());
            List<Object> referenced = new ArrayList<>();
            expected.get("submissions").forEach(s -> referenced.add(s.get("sha256")));
            expected.get("thresholds").stream().filter(s -> s.get("sha256") != null)
                    .forEach(s -> referenced.add(s.get("sha256")));
            expected.get("code_uploads").forEach(s -> referenced.add(s.get("sha256")));
            assertThat(referenced).hasSize(7).contains(source.prunedSha());
            for (Object sha : referenced) {
                if (sha.equals(source.prunedSha())) {
                    assertThat(after.path((String) sha)).doesNotExist();
                } else {
                    assertThat(after.path((String) sha)).hasBinaryContent(
                            Files.readAllBytes(before.path((String) sha)));
                }
            }
            List<Path> files = files(source.bundleDir());
            assertThat(files(bundle)).isEqualTo(files).hasSize(5).contains(Path.of(FloorsCache.FILE));
            for (Path f : files) {
                assertThat(bundle.resolve(f)).hasBinaryContent(Files.readAllBytes(source.bundleDir().resolve(f)));
            }

            long maxId = expected.get("submissions").stream().mapToLong(s -> ((Number) s.get("id")).longValue())
                    .max().orElseThrow();
            Client ann = new Client(server.url());
            ann.token = source.annToken();
            assertThat(ann.uploadApi("after.csv", TinyCompetition.submission(3)).statusCode()).isEqualTo(201);
            List<Map<String, Object>> now = rows(server.db).get("submissions");
            assertThat(now).hasSize(6);
            assertThat(now.stream().mapToLong(s -> ((Number) s.get("id")).longValue()).max().orElseThrow())
                    .isGreaterThan(maxId);
            ann.login("ann", "password-ann");
            assertThat(ann.get("/submissions").body()).contains("one.csv", "two.csv", "pruned.csv", "after.csv");
        }
    }

    @Test
    void restoreIntoADatabaseWithRowsIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        Source source = backedUp(dir);
        Path target = dir.resolve("used");
        Map<String, String> settings = TestDatabase.settings(target);
        new TestServer(target, settings).close();
        Database db = Database.open(config(target, settings).database());
        Map<String, List<Map<String, Object>>> before;
        try {
            before = rows(db);
        } finally {
            db.close();
        }

        Run r = run(new RestoreCommand(), "restore", source.zip().toString(), "--config", properties(target, settings));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).startsWith("error: the database ").contains("is not empty", "competitions",
                "a new data folder", "nothing was changed").doesNotContain("Exception", "\tat ");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(target.resolve("competitions")).doesNotExist();
        db = Database.open(config(target, settings).database());
        try {
            assertThat(rows(db)).isEqualTo(before);
        } finally {
            db.close();
        }
    }

    @Test
    void aDamagedEntryIsRefusedNamingItBeforeTheDatabaseIsTouched(@TempDir Path dir) throws Exception {
        Source source = backedUp(dir);
        Path damaged = rewrite(source.zip(), dir.resolve("damaged.zip"), "db/accounts.jsonl",
                s -> s.replace("\"ann\"", "\"eve\""));
        Path target = dir.resolve("fresh");
        Map<String, String> settings = TestDatabase.settings(target);

        Run r = run(new RestoreCommand(), "restore", damaged.toString(), "--config", properties(target, settings));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("error: " + damaged).contains("the entry db/accounts.jsonl does not match its"
                + " SHA-256", "nothing was restored").doesNotContain("Exception");
        assertThat(target.resolve("db")).doesNotExist();
        assertThat(target.resolve("competitions")).doesNotExist();
    }

    @Test
    void aBackupOfAnOlderSchemaIsMigratedAfterItsRowsAreInAndANewerOneIsRefused(@TempDir Path dir) throws Exception {
        Source source = backedUp(dir);
        Path older = asSchemaV2(source.zip(), dir.resolve("older.zip"));
        Path migrated = dir.resolve("migrated");
        Map<String, String> migratedSettings = TestDatabase.settings(migrated);
        Restore.Summary r = Restore.run(config(migrated, migratedSettings), older, Progress.NONE, w -> { });
        assertThat(r.schemaVersion()).isEqualTo("2");
        Database db = Database.open(config(migrated, migratedSettings).database());
        try (Connection c = db.connection()) {
            assertThat(Sql.schemaVersion(c)).isEqualTo(Sql.newestMigration(config(migrated, migratedSettings)));
            Map<String, List<Map<String, Object>>> expected = source.rows();
            expected.get("competitions").forEach(x -> x.put("bundle_dir",
                    migrated.resolve("competitions/tiny").toAbsolutePath().toString()));
            expected.get("submissions").forEach(x -> {
                x.put("bytes_kept", true);
                x.put("message_key", null);
            });
            expected.put("audit_log", List.of());
            expected.put("code_uploads", List.of());
            expected.get("competitions").forEach(x -> {
                x.put("code_deadline_ms", null);
                x.put("report_rule", "none");
            });
            // V8 made the thresholds from the baselines table: each one's history starts with its state then
            List<Map<String, Object>> created = new ArrayList<>();
            for (Map<String, Object> t : expected.get("thresholds")) {
                Map<String, Object> h = new TreeMap<>(t);
                h.remove("display_order");
                h.put("at_ms", h.remove("updated_ms"));
                h.put("action", "create");
                h.put("actor", "holdout");
                created.add(h);
            }
            created.sort((x, y) -> x.toString().compareTo(y.toString()));
            expected.put("threshold_history", created);
            Map<String, List<Map<String, Object>>> actual = rows(db);
            actual.get("threshold_history").forEach(h -> h.remove("id"));
            actual.get("threshold_history").sort((x, y) -> x.toString().compareTo(y.toString()));
            assertThat(actual).isEqualTo(expected);
        } finally {
            db.close();
        }

        Path newer = rewrite(source.zip(), dir.resolve("newer.zip"), Backup.MANIFEST,
                s -> s.replaceFirst("\"schema_version\" : \"[^\"]*\"", "\"schema_version\" : \"999\""));
        Path target = dir.resolve("fresh");
        Map<String, String> settings = TestDatabase.settings(target);

        assertThatThrownBy(() -> Restore.run(config(target, settings), newer, Progress.NONE, w -> { }))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("schema version 999, newer than this Holdout's");
        assertThat(target.resolve("competitions")).doesNotExist();
    }

    @Test
    void theCommandsRefuseAnExistingOutputAndAFileThatIsNoBackupAndCreateTheFolder(@TempDir Path dir) throws Exception {
        Source source = backedUp(dir);
        String config = properties(dir.resolve("source"), Map.of("db.url", source.config().databaseUrl(),
                "db.user", source.config().databaseUser(), "db.password", source.config().databasePassword()));

        Run exists = run(new BackupCommand(), "backup", "--config", config, "--out", source.zip().toString());
        assertThat(exists.code()).as(exists.err()).isEqualTo(ExitCodes.REJECTED);
        assertThat(exists.err()).contains("exists already");

        Path notZip = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path target = dir.resolve("fresh");
        Run bad = run(new RestoreCommand(), "restore", notZip.toString(), "--config",
                properties(target, TestDatabase.settings(target)));
        assertThat(bad.code()).as(bad.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("is not a zip file").doesNotContain("\tat ");

        Path inNewFolder = dir.resolve("backups").resolve("2026-06-01.zip");
        Run done = run(new BackupCommand(), "backup", "--config", config, "--out", inNewFolder.toString());
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(inNewFolder).isRegularFile();
        assertThat(done.out()).contains("Backed up ", "5 upload file(s)", "keep it where only staff can read it");
    }

    @Test
    void aBackupOfAnH2DatabaseInUseSaysToStopTheServer(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(TestDatabase.postgres(), "H2 only");
        Path data = dir.resolve("data");
        new TestServer(data).close();
        Path out = dir.resolve("out").resolve("backup.zip");
        Files.createDirectories(out.getParent());
        // a running server holds the H2 file's lock; so does this channel (H2 in this JVM sees the same refusal)
        try (FileChannel ch = FileChannel.open(data.resolve("db/holdout.mv.db"), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            Run r = run(new BackupCommand(), "backup", "--data-dir", data.toString(), "--out", out.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INTERNAL);
            assertThat(r.err()).startsWith("error: the database ")
                    .contains("in use by another process", "running 'holdout serve'", "needs the server stopped",
                            "with PostgreSQL")
                    .doesNotContain("Exception", "\tat ");
        }
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).isEmpty();
        }
        Run r = run(new BackupCommand(), "backup", "--data-dir", data.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    @Tag("slow")
    void onPostgresqlABackupWhileStudentsSignUpAndUploadIsOneConsistentSnapshot(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "a running server's database: PostgreSQL only");
        try (TestServer server = new TestServer(dir.resolve("source"), Map.of("daily.limit", "1000"))) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> traffic = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    while (!stop.get()) {
                        Client c = server.login("s" + n, Role.STUDENT);
                        assertThat(c.uploadApi("f.csv", TinyCompetition.submission(n)).statusCode()).isEqualTo(201);
                        n++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return n;
            });
            List<Path> backups = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(300);
                Path zip = dir.resolve("live-" + i + ".zip");
                Backup.Summary s = Backup.write(server.config, zip, Progress.NONE, w -> {
                    throw new AssertionError(w);
                });
                assertThat(s.missingUploads()).isEmpty();
                backups.add(zip);
            }
            stop.set(true);
            int uploaded = traffic.get(60, TimeUnit.SECONDS);
            assertThat(uploaded).isPositive();

            long previous = 0;
            for (Path zip : backups) {
                Path target = dir.resolve("restored-" + zip.getFileName());
                Map<String, String> settings = TestDatabase.settings(target);
                Restore.Summary r = Restore.run(config(target, settings), zip, Progress.NONE, w -> {
                    throw new AssertionError(w);
                });
                // the restore's foreign keys found every submission's student; the snapshot holds each student's one
                // upload, but the newest student may not have uploaded yet
                assertThat(r.rows().get("accounts") - r.rows().get("submissions")).isBetween(0L, 1L);
                assertThat(r.rows().get("submissions")).isBetween(previous, (long) uploaded);
                previous = r.rows().get("submissions");
                Database db = Database.open(config(target, settings).database());
                try {
                    List<Map<String, Object>> subs = rows(db).get("submissions");
                    UploadStore store = new UploadStore(config(target, settings).uploadDir());
                    assertThat(subs).allSatisfy(sub -> assertThat(store.path((String) sub.get("sha256")))
                            .isRegularFile());
                } finally {
                    db.close();
                }
            }
            assertThat(previous).as("uploads in the last backup").isPositive();
        }
    }

    // ---- helpers

    record Run(int code, String out, String err) {
    }

    static Run run(Object command, String... args) {
        CommandLine cl = Holdout.commandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static ServerConfig config(Path dataDir, Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("data.dir", dataDir.toString());
        return ServerConfig.of(s);
    }

    /** A properties file for the commands' --config: the data folder and the database settings. */
    static String properties(Path dataDir, Map<String, String> settings) throws IOException {
        Files.createDirectories(dataDir.getParent());
        StringBuilder p = new StringBuilder();
        Map<String, String> s = new TreeMap<>(settings);
        s.put("data.dir", dataDir.toString());
        s.forEach((k, v) -> p.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
        Files.writeString(file, p);
        return file.toString();
    }

    /** Every row of every table but Flyway's, as column to value, rows sorted by their text. */
    static Map<String, List<Map<String, Object>>> rows(Database db) throws Exception {
        Map<String, List<Map<String, Object>>> all = new TreeMap<>();
        try (Connection c = db.connection()) {
            for (Map.Entry<String, String> t : Sql.tables(c).entrySet()) {
                if (t.getKey().equals(Sql.FLYWAY_TABLE)) {
                    continue;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM " + Sql.quote(t.getValue()))) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new TreeMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnName(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                rows.sort((x, y) -> x.toString().compareTo(y.toString()));
                all.put(t.getKey(), rows);
            }
        }
        return all;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    /** A copy of the zip with one entry's text changed (the zip itself stays valid; only the manifest can tell). */
    /** The columns later migrations added, which a backup of schema version 2 does not have. */
    private static final Map<String, List<String>> AFTER_V2 = Map.of("submissions", List.of("bytes_kept",
            "late", "message_key"), "accounts", List.of("username_lower"), "competitions", List.of("final_selections", "rules_md",
            "restricted", "late_policy", "code_deadline_ms", "report_rule"));
    /** The tables of V3 and later migrations, not in a backup of schema version 2. */
    private static final List<String> TABLES_AFTER_V2 = List.of("audit_log", "competition_members", "thresholds",
            "threshold_history", "final_selections", "exclusions", "rescores", "code_uploads");

    /**
     * The backup as a server at schema version 2 would have written it: without the columns and tables of V3 and
     * later ({@link #AFTER_V2}, {@link #TABLES_AFTER_V2}), and with the thresholds that were set as rows of the
     * baselines table, which a restore must then add, fill and convert as those migrations do.
     */
    static Path asSchemaV2(Path zip, Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                try (InputStream st = in.getInputStream(ze)) {
                    entries.put(ze.getName(), st.readAllBytes());
                }
            }
        }
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(entries.get(Backup.MANIFEST));
        manifest.put("schema_version", "2");
        byte[] baselinesOfV2 = baselinesOfV2(json, entries.get("db/thresholds.jsonl"));
        var tables = (com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("tables");
        for (String table : TABLES_AFTER_V2) {
            entries.remove("db/" + table + ".jsonl");
            ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("entries")).remove("db/" + table + ".jsonl");
            for (int i = tables.size() - 1; i >= 0; i--) {
                if (tables.get(i).get("name").asText().equals(table)) {
                    tables.remove(i);
                }
            }
        }
        for (Map.Entry<String, List<String>> drops : AFTER_V2.entrySet()) {
            for (String column : drops.getValue()) {
                dropColumn(json, entries, manifest, drops.getKey(), column);
            }
        }
        entries.put("db/baselines.jsonl", baselinesOfV2);
        String[] header = new String(entries.get("db/baselines.jsonl"), StandardCharsets.UTF_8).split("\n");
        var baselines = tables.addObject().put("name", "baselines").put("entry", "db/baselines.jsonl")
                .put("rows", header.length - 1);
        baselines.set("columns", json.readTree(header[0]).get("columns"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("entries")).putObject("db/baselines.jsonl")
                .put("sha256", Sha256.of(entries.get("db/baselines.jsonl")))
                .put("size", entries.get("db/baselines.jsonl").length);
        entries.put(Backup.MANIFEST, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    /** The rows of V1's baselines table: the thresholds that were set, with the words V1 used. */
    private static byte[] baselinesOfV2(ObjectMapper json, byte[] thresholds) throws IOException {
        String[] lines = new String(thresholds, StandardCharsets.UTF_8).split("\n");
        JsonNode columns = json.readTree(lines[0]).get("columns");
        Map<String, Integer> at = new HashMap<>();
        Map<String, JsonNode> kinds = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            at.put(columns.get(i).get("name").asText(), i);
            kinds.put(columns.get(i).get("name").asText(), columns.get(i).get("kind"));
        }
        String[][] renamed = {{"competition_id", "competition_id"}, {"tier", "name"}, {"public_auc", "public_score"},
            {"private_auc", "private_score"}, {"source", "source"}, {"sha256", "sha256"}, {"updated_ms", "updated_ms"}};
        var header = json.createObjectNode().put("table", "baselines");
        var cols = header.putArray("columns");
        for (String[] r : renamed) {
            cols.addObject().put("name", r[0]).set("kind", kinds.get(r[1]));
        }
        StringBuilder out = new StringBuilder(json.writeValueAsString(header)).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(lines[i]);
            if (row.get(at.get("source")).isNull()) {
                continue;
            }
            var values = json.createArrayNode();
            for (String[] r : renamed) {
                values.add(row.get(at.get(r[1])));
            }
            out.append(json.writeValueAsString(values)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Removes {@code column} from the rows of {@code table} and from the manifest, with its new hash and size. */
    private static void dropColumn(ObjectMapper json, Map<String, byte[]> entries,
                                   com.fasterxml.jackson.databind.node.ObjectNode manifest, String table,
                                   String column) throws Exception {
        String entry = "db/" + table + ".jsonl";
        StringBuilder rewritten = new StringBuilder();
        int dropped = -1;
        for (String line : new String(entries.get(entry), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            if (dropped < 0) {
                var columns = (com.fasterxml.jackson.databind.node.ArrayNode) node.get("columns");
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).get("name").asText().equals(column)) {
                        dropped = i;
                    }
                }
                assertThat(dropped).as(column + " in " + line).isNotNegative();
                columns.remove(dropped);
            } else {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).remove(dropped);
            }
            rewritten.append(json.writeValueAsString(node)).append('\n');
        }
        byte[] bytes = rewritten.toString().getBytes(StandardCharsets.UTF_8);
        entries.put(entry, bytes);
        for (JsonNode t : manifest.get("tables")) {
            if (t.get("name").asText().equals(table)) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) t.get("columns")).remove(dropped);
            }
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("entries").get(entry))
                .put("sha256", java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))
                .put("size", bytes.length);
    }

    static Path rewrite(Path zip, Path out, String entry, UnaryOperator<String> change) throws IOException {
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            boolean found = false;
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(ze)) {
                    bytes = s.readAllBytes();
                }
                if (ze.getName().equals(entry)) {
                    String changed = change.apply(new String(bytes, StandardCharsets.UTF_8));
                    assertThat(changed).as("the change to " + entry).isNotEqualTo(new String(bytes,
                            StandardCharsets.UTF_8));
                    bytes = changed.getBytes(StandardCharsets.UTF_8);
                    found = true;
                }
                z.putNextEntry(new ZipEntry(ze.getName()));
                z.write(bytes);
                z.closeEntry();
            }
            assertThat(found).as(entry).isTrue();
        }
        return out;
    }
}
