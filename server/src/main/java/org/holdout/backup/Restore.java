package org.holdout.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flywaydb.core.api.MigrationVersion;
import org.holdout.bundle.Progress;
import org.holdout.bundle.Sha256;
import org.holdout.config.ServerConfig;
import org.holdout.submission.UploadStore;

/**
 * Restores a {@link Backup} into an empty database and data folder. Every check comes before the first write: the
 * SHA-256 of every entry against the manifest, the paths it would write, that the database has no tables and that
 * the backup's schema is not newer than this build's. Then the migrations run up to the backup's schema version,
 * the rows go in (tables in foreign-key order, in one transaction), every identity column restarts above its
 * largest restored value, the remaining migrations run, and the upload files and bundles are written. Bundles go to
 * {@code <data>/competitions/<slug>/} and {@code competitions.bundle_dir} is rewritten to that folder.
 */
public final class Restore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int BATCH = 500;

    /** What was restored; {@code missingUploads} were already missing when the backup was made. */
    public record Summary(String schemaVersion, Map<String, Long> rows, int uploads, List<String> missingUploads,
                          Map<String, Path> bundles) {
    }

    private final ServerConfig config;
    private final Path file;
    private final ZipFile zip;
    private final Progress progress;
    private final Consumer<String> warn;
    private final ObjectMapper json = new ObjectMapper();

    private Restore(ServerConfig config, Path file, ZipFile zip, Progress progress, Consumer<String> warn) {
        this.config = config;
        this.file = file;
        this.zip = zip;
        this.progress = progress;
        this.warn = warn;
    }

    /**
     * Restores {@code file} into the database and folders of {@code config}.
     *
     * @throws BackupException BAD_FILE when the file is missing, not a backup or damaged; REFUSED when the
     *                         database or a bundle folder is not empty, or the backup's schema is newer
     * @throws org.holdout.db.Database.InUseException the embedded H2 database is open in another process
     */
    public static Summary run(ServerConfig config, Path file, Progress progress, Consumer<String> warn)
            throws BackupException, IOException, SQLException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BackupException(BackupException.Kind.BAD_FILE, "there is no file " + file, e);
        } catch (ZipException e) {
            throw new BackupException(BackupException.Kind.BAD_FILE, file + " is not a zip file, so not a Holdout"
                    + " backup (" + e.getMessage() + ")", e);
        }
        try (zip) {
            return new Restore(config, file, zip, progress, warn).run();
        }
    }

    private Summary run() throws BackupException, IOException, SQLException {
        JsonNode manifest = manifest();
        verify(manifest);
        MigrationVersion version;
        try {
            version = MigrationVersion.fromVersion(manifest.path("schema_version").asText());
        } catch (RuntimeException e) {
            throw bad("its schema version \"" + manifest.path("schema_version").asText() + "\" is not a version");
        }

        Map<Long, Path> bundleDirs = new HashMap<>();
        Map<String, Path> bundles = new LinkedHashMap<>();
        for (JsonNode b : manifest.path("bundles")) {
            String slug = b.path("slug").asText();
            if (!SLUG.matcher(slug).matches()) {
                throw bad("the competition slug \"" + slug + "\" cannot name a folder");
            }
            Path dir = config.dataDir().resolve("competitions").resolve(slug).toAbsolutePath().normalize();
            if (bundles.put(slug, dir) != null) {
                throw bad("two competitions have the slug " + slug);
            }
            bundleDirs.put(b.path("competition_id").asLong(), dir);
            for (JsonNode f : b.path("files")) {
                Path target = dir.resolve(f.asText()).normalize();
                if (f.asText().isEmpty() || !target.startsWith(dir) || target.equals(dir)) {
                    throw bad("the bundle file \"" + f.asText() + "\" would be written outside " + dir);
                }
                listed(manifest, b.path("prefix").asText() + f.asText());
            }
        }
        for (JsonNode u : manifest.path("uploads")) {
            String sha = u.path("sha256").asText();
            if (!SHA256.matcher(sha).matches()) {
                throw bad("\"" + sha + "\" in the manifest's uploads is not a SHA-256");
            }
            if ("ok".equals(u.path("status").asText())
                    && !sha.equals(listed(manifest, u.path("entry").asText()).path("sha256").asText())) {
                throw bad("the entry " + u.path("entry").asText() + " is not the upload " + sha);
            }
        }
        for (JsonNode t : manifest.path("tables")) {
            listed(manifest, t.path("entry").asText());
        }

        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = Sql.connect(config, false)) {
            checkEmpty(c, version);
            MigrationVersion newest = Sql.newestMigration(config);
            if (version.compareTo(newest) > 0) {
                throw new BackupException(BackupException.Kind.REFUSED, "the backup has schema version " + version
                        + ", newer than this Holdout's " + newest + "; restore it with a newer Holdout (nothing was"
                        + " changed)");
            }
            for (Path dir : bundles.values()) {
                checkEmpty(dir);
            }
            Sql.flyway(config, version).migrate();
            c.setAutoCommit(false);
            try {
                insertRows(c, manifest, bundleDirs, rows);
                c.commit();
            } catch (SQLException | RuntimeException | BackupException e) {
                c.rollback();
                throw e;
            }
            c.setAutoCommit(true);
            Map<String, String> tables = Sql.tables(c);
            for (String t : rows.keySet()) {
                Sql.restartIdentities(c, tables.get(t));
            }
        }
        Sql.flyway(config, null).migrate();

        UploadStore store = new UploadStore(config.uploadDir());
        int uploads = 0;
        List<String> missing = new ArrayList<>();
        for (JsonNode u : manifest.path("uploads")) {
            String sha = u.path("sha256").asText();
            switch (u.path("status").asText()) {
                case "ok" -> {
                    Path target = store.path(sha);
                    if (!Files.isRegularFile(target) || !Sha256.of(target).equals(sha)) {
                        write(u.path("entry").asText(), target);
                    } else {
                        progress.add(Files.size(target));
                    }
                    uploads++;
                }
                case "damaged" -> warn.accept("upload " + sha + " was damaged in the store when the backup was made;"
                        + " it is not restored");
                default -> missing.add(sha);
            }
        }
        for (JsonNode b : manifest.path("bundles")) {
            Path dir = bundles.get(b.path("slug").asText());
            if (b.path("missing").asBoolean()) {
                warn.accept("the backup has no files of competition " + b.path("slug").asText() + "'s bundle (its"
                        + " folder was gone when the backup was made); put them in " + dir);
                continue;
            }
            Files.createDirectories(dir);
            for (JsonNode f : b.path("files")) {
                write(b.path("prefix").asText() + f.asText(), dir.resolve(f.asText()));
            }
        }
        return new Summary(version.getVersion(), rows, uploads, missing, bundles);
    }

    /**
     * No table has a row. Tables without rows are accepted when their schema is not newer than the backup's: the
     * migrations a first start ran, or a restore that failed after them.
     */
    private void checkEmpty(Connection c, MigrationVersion version) throws BackupException, SQLException {
        List<String> filled = new ArrayList<>();
        for (Map.Entry<String, String> t : Sql.tables(c).entrySet()) {
            if (!t.getKey().equals(Sql.FLYWAY_TABLE) && Sql.hasRows(c, t.getValue())) {
                filled.add(t.getKey());
            }
        }
        if (!filled.isEmpty()) {
            throw new BackupException(BackupException.Kind.REFUSED, "the database " + Sql.withoutSettings(config)
                    + " is not empty (it has rows in " + String.join(", ", filled) + "); restore needs an empty one:"
                    + " a new data folder, or a new PostgreSQL database (nothing was changed)");
        }
        MigrationVersion current = Sql.schemaVersion(c);
        if (current != null && current.compareTo(version) > 0) {
            throw new BackupException(BackupException.Kind.REFUSED, "the database " + Sql.withoutSettings(config)
                    + " has no rows but its schema is at version " + current + ", newer than the backup's " + version
                    + "; restore needs an empty one: a new data folder, or a new PostgreSQL database (nothing was"
                    + " changed)");
        }
    }

    private static void checkEmpty(Path dir) throws BackupException, IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    return;
                }
            }
        } else if (!Files.exists(dir)) {
            return;
        }
        throw new BackupException(BackupException.Kind.REFUSED, dir + " exists already; restore into a new data"
                + " folder (nothing was changed)");
    }

    /** The manifest's record of an entry, which {@link #verify} has checked against the zip. */
    private JsonNode listed(JsonNode manifest, String entry) throws BackupException {
        JsonNode e = manifest.path("entries").get(entry);
        if (e == null) {
            throw bad("its manifest names the entry \"" + entry + "\" but does not list it");
        }
        return e;
    }

    private JsonNode manifest() throws BackupException, IOException {
        ZipEntry e = zip.getEntry(Backup.MANIFEST);
        if (e == null) {
            throw bad("it has no " + Backup.MANIFEST + ", so it is not a Holdout backup");
        }
        JsonNode m;
        try (InputStream in = zip.getInputStream(e)) {
            m = json.readTree(in);
        } catch (JsonProcessingException ex) {
            throw bad(Backup.MANIFEST + " is not valid JSON (" + ex.getOriginalMessage() + ")");
        }
        if (!Backup.FORMAT.equals(m.path("format").asText())) {
            throw bad("it is not a Holdout backup (" + Backup.MANIFEST + " has no \"format\": \"" + Backup.FORMAT
                    + "\")");
        }
        if (m.path("format_version").asInt() > Backup.FORMAT_VERSION) {
            throw new BackupException(BackupException.Kind.REFUSED, file + " was written by a newer Holdout (backup"
                    + " format " + m.path("format_version").asInt() + "); restore it with that version");
        }
        if (!m.path("schema_version").isTextual() || !m.path("entries").isObject()) {
            throw bad(Backup.MANIFEST + " has no schema_version or entries");
        }
        return m;
    }

    /** Every entry's SHA-256 and size against the manifest, and every listed entry present. */
    private void verify(JsonNode manifest) throws BackupException, IOException {
        JsonNode listed = manifest.path("entries");
        long total = 0;
        for (JsonNode e : listed) {
            total += e.path("size").asLong();
        }
        progress.expect(2 * total);
        Set<String> seen = new LinkedHashSet<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (e.isDirectory() || e.getName().equals(Backup.MANIFEST)) {
                continue;
            }
            JsonNode expected = listed.get(e.getName());
            if (expected == null) {
                throw bad("the entry " + e.getName() + " is not in its manifest");
            }
            MessageDigest md = Sha256.digest();
            long size = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = zip.getInputStream(e)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    size += n;
                    progress.add(n);
                }
            } catch (ZipException ex) {
                throw bad("the entry " + e.getName() + " cannot be read (" + ex.getMessage() + ")");
            }
            if (!HexFormat.of().formatHex(md.digest()).equals(expected.path("sha256").asText())
                    || size != expected.path("size").asLong()) {
                throw bad("the entry " + e.getName() + " does not match its SHA-256 in the manifest");
            }
            seen.add(e.getName());
        }
        for (var it = listed.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!seen.contains(name)) {
                throw bad("the entry " + name + " listed in its manifest is missing");
            }
        }
    }

    private void insertRows(Connection c, JsonNode manifest, Map<Long, Path> bundleDirs, Map<String, Long> rows)
            throws BackupException, IOException, SQLException {
        Map<String, String> tables = Sql.tables(c);
        Map<String, JsonNode> backedUp = new LinkedHashMap<>();
        for (JsonNode t : manifest.path("tables")) {
            String name = t.path("name").asText();
            if (!tables.containsKey(name)) {
                throw bad("its table " + name + " is not in the database after migrating to schema version "
                        + manifest.path("schema_version").asText());
            }
            backedUp.put(name, t);
        }
        for (String name : foreignKeyOrder(c, tables, backedUp.keySet())) {
            JsonNode t = backedUp.get(name);
            rows.put(name, insertTable(c, tables.get(name), t, bundleDirs));
        }
    }

    /** The tables so that every table comes after the tables its foreign keys point to. */
    private static List<String> foreignKeyOrder(Connection c, Map<String, String> tables, Set<String> names)
            throws SQLException, BackupException {
        Map<String, Set<String>> after = new LinkedHashMap<>();
        for (String name : names) {
            Set<String> refs = new LinkedHashSet<>(Sql.referencedTables(c, tables.get(name)));
            refs.remove(name);
            refs.retainAll(names);
            after.put(name, refs);
        }
        List<String> order = new ArrayList<>();
        while (!after.isEmpty()) {
            String next = after.entrySet().stream().filter(e -> order.containsAll(e.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new SQLException("the foreign keys of the tables "
                            + after.keySet() + " form a cycle; the restore cannot order their rows"));
            order.add(next);
            after.remove(next);
        }
        return order;
    }

    private long insertTable(Connection c, String table, JsonNode meta, Map<Long, Path> bundleDirs)
            throws BackupException, IOException, SQLException {
        String name = meta.path("name").asText();
        String entry = meta.path("entry").asText();
        Map<String, Sql.Column> target = Sql.columns(c, table);
        List<String> columns = new ArrayList<>();
        List<ValueKind> kinds = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        int idIndex = -1;
        int bundleIndex = -1;
        for (JsonNode col : meta.path("columns")) {
            String column = col.path("name").asText();
            Sql.Column t = target.get(column);
            if (t == null) {
                throw bad("its column " + name + "." + column + " is not in the database after migrating to its"
                        + " schema version");
            }
            ValueKind kind = ValueKind.parse(col.path("kind").asText());
            if (kind == null) {
                throw bad("its column " + name + "." + column + " has the unknown kind " + col.path("kind"));
            }
            if (name.equals(Backup.COMPETITIONS) && column.equals("id")) {
                idIndex = columns.size();
            }
            if (name.equals(Backup.COMPETITIONS) && column.equals(Backup.BUNDLE_DIR)) {
                bundleIndex = columns.size();
            }
            columns.add(t.name());
            kinds.add(kind);
            types.add(t.sqlType());
        }
        long count = 0;
        try (InputStream in = zip.getInputStream(zip.getEntry(entry));
             MappingIterator<JsonNode> lines = json.readerFor(JsonNode.class).readValues(in);
             PreparedStatement ps = c.prepareStatement(Sql.insert(table, columns))) {
            if (!lines.hasNext() || !name.equals(lines.next().path("table").asText())) {
                throw bad("the entry " + entry + " does not start with its table's header");
            }
            while (lines.hasNext()) {
                JsonNode row = lines.next();
                count++;
                if (!row.isArray() || row.size() != columns.size()) {
                    throw bad(entry + " row " + count + " does not have " + columns.size() + " values");
                }
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode v = row.get(i);
                    if (i == bundleIndex && idIndex >= 0 && bundleDirs.containsKey(row.get(idIndex).asLong())) {
                        v = json.getNodeFactory().textNode(bundleDirs.get(row.get(idIndex).asLong()).toString());
                    }
                    try {
                        kinds.get(i).bind(ps, i + 1, v, types.get(i));
                    } catch (RuntimeException e) {
                        throw bad(entry + " row " + count + ", column " + meta.path("columns").get(i).path("name")
                                .asText() + ": " + e.getMessage());
                    }
                }
                ps.addBatch();
                if (count % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        progress.add(zip.getEntry(entry).getSize());
        if (count != meta.path("rows").asLong()) {
            throw bad("the entry " + entry + " has " + count + " rows, its manifest says " + meta.path("rows"));
        }
        return count;
    }

    /** Writes an entry to {@code target} through a temporary file beside it. */
    private void write(String entry, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            try (InputStream in = zip.getInputStream(zip.getEntry(entry));
                 FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    progress.add(n);
                }
                out.getChannel().force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private BackupException bad(String why) {
        return new BackupException(BackupException.Kind.BAD_FILE, file + ": " + why + "; nothing was restored");
    }
}
