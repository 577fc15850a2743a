package org.holdout.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.holdout.bundle.Progress;
import org.holdout.bundle.Sha256;
import org.holdout.config.ServerConfig;
import org.holdout.submission.UploadStore;

/**
 * Writes a backup: one zip with the database as JSON lines per table (read in one read-only transaction, so on
 * PostgreSQL a consistent snapshot while servers run), the upload files the snapshot refers to, every
 * competition's bundle folder, and {@code manifest.json} with the SHA-256 of every other entry. The zip is written
 * beside {@code out} under a temporary name, synced, and renamed: {@code out} is complete or absent.
 *
 * <p>Entries: {@code db/<table>.jsonl} (a header object with the table and its columns, then one JSON array per
 * row), {@code uploads/<ab>/<sha256>.csv} (as in the upload store), {@code bundles/<competition id>/<path>}.
 */
public final class Backup {
    public static final String MANIFEST = "manifest.json";
    static final String FORMAT = "holdout-backup";
    static final int FORMAT_VERSION = 1;
    /** Columns that name files of the upload store by their SHA-256 (students' uploads and code zips, thresholds' files). */
    static final Map<String, String> UPLOAD_REFERENCES = Map.of("submissions", "sha256", "thresholds", "sha256",
            "threshold_history", "sha256", "code_uploads", "sha256");
    static final String COMPETITIONS = "competitions";
    static final String BUNDLE_DIR = "bundle_dir";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What was written: rows per table, upload files written and those missing or damaged in the store. */
    public record Summary(Path file, String schemaVersion, Map<String, Long> rows, int uploads,
                          List<String> missingUploads, List<String> damagedUploads, int bundleFiles, long bytes) {
        Summary ofSize(long size) {
            return new Summary(file, schemaVersion, rows, uploads, missingUploads, damagedUploads, bundleFiles, size);
        }
    }

    private final ServerConfig config;
    private final Progress progress;
    private final Consumer<String> warn;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();

    private Backup(ServerConfig config, Progress progress, Consumer<String> warn, Clock clock) {
        this.config = config;
        this.progress = progress;
        this.warn = warn;
        this.clock = clock;
        json.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /**
     * Backs up the database, uploads and bundles {@code config} points to into the new file {@code out}. An upload
     * file missing from the store (a refused upload whose bytes were pruned) is listed in the manifest and the
     * summary; a damaged upload file or a bundle folder that is gone is also said on {@code warn}. A missing folder
     * of {@code out} is created.
     *
     * @throws BackupException {@code out} exists, or there is no database to back up
     * @throws org.holdout.db.Database.InUseException the embedded H2 database is open in another process
     */
    public static Summary write(ServerConfig config, Path out, Progress progress, Consumer<String> warn)
            throws BackupException, IOException, SQLException {
        return new Backup(config, progress, warn, Clock.systemUTC()).write(out.toAbsolutePath());
    }

    private Summary write(Path out) throws BackupException, IOException, SQLException {
        if (Files.exists(out)) {
            throw new BackupException(BackupException.Kind.REFUSED, out + " exists already; back up to a new file"
                    + " name (nothing was written)");
        }
        Path folder = Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(folder, "." + out.getFileName() + ".", ".part");
        try {
            Summary summary;
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                summary = writeAll(zip, out);
                zip.finish();
                zip.flush();
                file.getChannel().force(true);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
            return summary.ofSize(Files.size(out));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Summary writeAll(ZipOutputStream zip, Path out) throws BackupException, IOException, SQLException {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("created", clock.instant().toString());

        Snapshot snapshot = dumpDatabase(zip);
        manifest.put("schema_version", snapshot.schemaVersion.getVersion());
        manifest.put("database", snapshot.product);
        manifest.set("tables", snapshot.tables);

        List<String> missing = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        int copied = 0;
        ArrayNode uploads = manifest.putArray("uploads");
        UploadStore store = new UploadStore(config.uploadDir());
        for (String sha : snapshot.uploads) {
            Path p = store.path(sha);
            if (Files.isRegularFile(p)) {
                progress.expect(Files.size(p));
            }
        }
        List<Competition> bundleFiles = new ArrayList<>();
        for (Competition c : snapshot.competitions) {
            Path dir = Path.of(c.bundleDir);
            List<Path> files = List.of();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    progress.expect(Files.size(f));
                }
            }
            bundleFiles.add(new Competition(c.id, c.slug, c.bundleDir, files));
        }

        for (String sha : snapshot.uploads) {
            ObjectNode u = uploads.addObject();
            u.put("sha256", sha);
            Path p = store.path(sha);
            String entry = "uploads/" + sha.substring(0, 2) + "/" + sha + ".csv";
            String actual;
            try {
                actual = copy(zip, entry, p);
            } catch (NoSuchFileException e) {
                u.put("status", "missing");
                missing.add(sha);
                continue;
            }
            u.put("entry", entry);
            if (actual.equals(sha)) {
                u.put("status", "ok");
                copied++;
            } else {
                u.put("status", "damaged");
                damaged.add(sha);
                warn.accept("upload file " + p + " does not match its SHA-256 (its bytes changed on disk); it is"
                        + " kept in the backup as " + entry + " but a restore will not put it back");
            }
        }

        int bundleCount = 0;
        ArrayNode bundles = manifest.putArray("bundles");
        for (Competition c : bundleFiles) {
            ObjectNode b = bundles.addObject();
            b.put("competition_id", c.id);
            b.put("slug", c.slug);
            b.put("source", c.bundleDir);
            String prefix = "bundles/" + c.id + "/";
            b.put("prefix", prefix);
            ArrayNode names = b.putArray("files");
            Path dir = Path.of(c.bundleDir);
            if (!Files.isDirectory(dir)) {
                b.put("missing", true);
                warn.accept("the bundle folder " + dir + " of competition " + c.slug + " does not exist; the backup"
                        + " has no files for it");
                continue;
            }
            for (Path f : c.files) {
                String relative = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                copy(zip, prefix + relative, f);
                names.add(relative);
                bundleCount++;
            }
        }

        ObjectNode hashes = manifest.putObject("entries");
        entries.forEach(hashes::set);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        return new Summary(out, snapshot.schemaVersion.getVersion(), snapshot.rowCounts, copied, missing, damaged,
                bundleCount, 0);
    }

    private record Competition(long id, String slug, String bundleDir, List<Path> files) {
    }

    private static final class Snapshot {
        MigrationVersion schemaVersion;
        String product;
        ArrayNode tables;
        final Map<String, Long> rowCounts = new LinkedHashMap<>();
        final TreeSet<String> uploads = new TreeSet<>();
        final List<Competition> competitions = new ArrayList<>();
    }

    /** Every table but Flyway's, in one read-only transaction. */
    private Snapshot dumpDatabase(ZipOutputStream zip) throws BackupException, IOException, SQLException {
        Snapshot s = new Snapshot();
        s.tables = json.createArrayNode();
        try (Connection c = Sql.connect(config, true)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(c.getMetaData().supportsTransactionIsolationLevel(
                    Connection.TRANSACTION_REPEATABLE_READ) ? Connection.TRANSACTION_REPEATABLE_READ
                    : Connection.TRANSACTION_SERIALIZABLE);
            try {
                s.product = c.getMetaData().getDatabaseProductName() + " "
                        + c.getMetaData().getDatabaseProductVersion();
                s.schemaVersion = Sql.schemaVersion(c);
                if (s.schemaVersion == null) {
                    throw new BackupException(BackupException.Kind.BAD_FILE, "the database "
                            + Sql.withoutSettings(config) + " has no Holdout tables: there is nothing to back up");
                }
                for (Map.Entry<String, String> t : Sql.tables(c).entrySet()) {
                    if (!t.getKey().equals(Sql.FLYWAY_TABLE)) {
                        dumpTable(c, zip, t.getKey(), t.getValue(), s);
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return s;
    }

    private void dumpTable(Connection c, ZipOutputStream zip, String name, String table, Snapshot s)
            throws IOException, SQLException {
        String entry = "db/" + name + ".jsonl";
        String uploadColumn = UPLOAD_REFERENCES.get(name);
        long rows = 0;
        ArrayNode columns = json.createArrayNode();
        try (Statement st = c.createStatement();
             ResultSet rs = Sql.selectAll(st, table, Sql.primaryKey(c, table));
             OutputStream out = startEntry(zip, entry);
             JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            ValueKind[] kinds = new ValueKind[n + 1];
            int uploadIndex = -1;
            int idIndex = -1;
            int slugIndex = -1;
            int bundleIndex = -1;
            for (int i = 1; i <= n; i++) {
                String column = md.getColumnName(i).toLowerCase(Locale.ROOT);
                kinds[i] = ValueKind.of(md.getColumnType(i), md.getColumnTypeName(i));
                if (kinds[i] == null) {
                    throw new SQLException("column " + name + "." + column + " has the SQL type "
                            + md.getColumnTypeName(i) + ", which the backup cannot carry yet; nothing was written");
                }
                columns.addObject().put("name", column).put("kind", kinds[i].id());
                if (column.equals(uploadColumn)) {
                    uploadIndex = i;
                }
                if (name.equals(COMPETITIONS)) {
                    switch (column) {
                        case "id" -> idIndex = i;
                        case "slug" -> slugIndex = i;
                        case BUNDLE_DIR -> bundleIndex = i;
                        default -> { }
                    }
                }
            }
            ObjectNode header = json.createObjectNode();
            header.put("table", name);
            header.set("columns", columns);
            g.writeTree(header);
            while (rs.next()) {
                g.writeStartArray();
                for (int i = 1; i <= n; i++) {
                    kinds[i].write(rs, i, g);
                }
                g.writeEndArray();
                rows++;
                String sha = uploadIndex > 0 ? rs.getString(uploadIndex) : null;
                if (sha != null && SHA256.matcher(sha).matches()) {
                    s.uploads.add(sha);
                } else if (sha != null) {
                    warn.accept(name + "." + uploadColumn + " holds \"" + sha + "\", not a SHA-256; no upload file"
                            + " is backed up for it");
                }
                if (bundleIndex > 0) {
                    s.competitions.add(new Competition(rs.getLong(idIndex), rs.getString(slugIndex),
                            rs.getString(bundleIndex), List.of()));
                }
            }
            g.writeRaw('\n');
        }
        s.rowCounts.put(name, rows);
        s.tables.addObject().put("name", name).put("entry", entry).put("rows", rows).set("columns", columns);
    }

    /**
     * Copies {@code file} into a new entry; returns the SHA-256 of what was copied. A file that is not there is a
     * {@link NoSuchFileException} before the entry is started.
     */
    private String copy(ZipOutputStream zip, String entry, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); HashingEntry out = startEntry(zip, entry)) {
            in.transferTo(out);
            return out.sha256();
        }
    }

    private HashingEntry startEntry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        return new HashingEntry(zip, name);
    }

    /** The open entry: counts and hashes what is written, and records both in the manifest when closed. */
    private final class HashingEntry extends OutputStream {
        private final ZipOutputStream zip;
        private final String name;
        private final MessageDigest digest = Sha256.digest();
        private long size;
        private String sha256;

        HashingEntry(ZipOutputStream zip, String name) {
            this.zip = zip;
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            zip.write(b);
            digest.update((byte) b);
            size++;
            progress.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            zip.write(b, off, len);
            digest.update(b, off, len);
            size += len;
            progress.add(len);
        }

        String sha256() {
            if (sha256 == null) {
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
            return sha256;
        }

        @Override
        public void close() throws IOException {
            if (entries.containsKey(name)) {
                return;
            }
            zip.closeEntry();
            entries.put(name, json.createObjectNode().put("sha256", sha256()).put("size", size));
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be synced; the file itself is
        }
    }
}
