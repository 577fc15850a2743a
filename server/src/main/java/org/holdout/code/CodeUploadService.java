package org.holdout.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.db.Database;
import org.holdout.leaderboard.Standing;
import org.holdout.leaderboard.Standings;
import org.holdout.submission.UploadStore;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdRepository;

/**
 * Code and report uploads: a zip streamed to a file of its own (never more than the size limit), checked by
 * {@link CodeZipRules}, then kept byte for byte in the upload store and recorded; the answer comes after both are on
 * the disk. Staff list each student's latest upload with whether a report is required of them, and download one or
 * all.
 */
public final class CodeUploadService {
    private final Database db;
    private final CodeUploadRepository repository;
    private final UploadStore store;
    private final Standings standings;
    private final ThresholdRepository thresholds;
    private final AccountRepository accounts;
    private final Clock clock;
    private final long maxBytes;
    private final CodeZipRules.Limits limits;

    public CodeUploadService(Database db, CodeUploadRepository repository, UploadStore store,
                             Standings standings, ThresholdRepository thresholds,
                             AccountRepository accounts, Clock clock, long maxBytes, CodeZipRules.Limits limits) {
        this.db = db;
        this.repository = repository;
        this.store = store;
        this.standings = standings;
        this.thresholds = thresholds;
        this.accounts = accounts;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.limits = limits;
    }

    public CodeUploadRepository repository() {
        return repository;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public CodeZipRules.Limits limits() {
        return limits;
    }

    public Clock clock() {
        return clock;
    }

    /** What became of an upload: the upload when accepted, else why not; notes refuse nothing. */
    public record Outcome(Reason reason, CodeUpload upload, CodeRefusal why, List<CodeRefusal> notes) {
        /** Why not, in English; null when accepted. */
        public String message() {
            return why == null ? null : why.english();
        }

        public enum Reason {
            ACCEPTED(201), CLOSED(403), TOO_LARGE(413), REFUSED(422);

            public final int status;

            Reason(int status) {
                this.status = status;
            }
        }
    }

    public Outcome upload(Competition c, Account student, String originalName, InputStream body) {
        Instant now = Instant.ofEpochMilli(clock.instant().toEpochMilli());
        CodeRefusal closed = CodeRules.whyClosed(c, now);
        if (closed != null) {
            return new Outcome(Outcome.Reason.CLOSED, null, closed, List.of());
        }
        UploadStore.Staged staged;
        try {
            staged = store.stage(body, maxBytes);
        } catch (UploadStore.TooLargeException e) {
            return new Outcome(Outcome.Reason.TOO_LARGE, null, tooLarge(), List.of());
        }
        boolean kept = false;
        try {
            if (staged.size() == 0) {
                return new Outcome(Outcome.Reason.REFUSED, null, CodeRefusal.of(CodeRefusal.Key.UPLOAD_EMPTY),
                        List.of());
            }
            CodeZipRules.Checked checked = check(staged.file());
            if (!checked.ok()) {
                return new Outcome(Outcome.Reason.REFUSED, null, checked.refusal(), checked.notes());
            }
            UploadStore.Stored stored = store.keep(staged);
            kept = true;
            String name = cleanName(originalName);
            CodeUpload u = db.inTransaction(conn -> CodeUploadRepository.insert(conn, c.id(), student.id(), name,
                    stored.sha256(), stored.size(), now, checked.hasReport(), checked.entries()));
            db.durable();
            return new Outcome(Outcome.Reason.ACCEPTED, u, null, checked.notes());
        } finally {
            if (!kept) {
                store.discard(staged);
            }
        }
    }

    public CodeRefusal tooLarge() {
        return CodeRefusal.of(CodeRefusal.Key.TOO_LARGE, CodeZipRules.human(maxBytes));
    }

    public String tooLargeMessage() {
        return tooLarge().english();
    }

    private CodeZipRules.Checked check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return CodeZipRules.check(new CodeZipRules.Source() {
                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public int read(long position, byte[] into, int off, int len) throws IOException {
                    return ch.read(ByteBuffer.wrap(into, off, len), position);
                }
            }, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged upload " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes what uploads cut off by a stop left half-written, a day on (another server may be receiving one now). */
    public int removeLeftovers() {
        return store.removeStaged(java.time.Duration.ofDays(1), clock.instant());
    }

    /** The stored file of an upload, if it is in the store. */
    public Optional<Path> file(CodeUpload u) {
        Path p = store.path(u.sha256());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** A student as the staff's code list shows them. */
    public record StudentCode(long accountId, String username, String displayName, CodeUpload latest, int uploads,
                              CodeRules.Requirement report, boolean reportMissing) {
    }

    /**
     * Every student of the competition ({@link Standings}: who may enter it or has a scored submission) and everyone
     * with a code upload, by username: their latest upload, and whether the report rule requires a report of them,
     * judged on their public board score and the private score of their final selection.
     */
    public List<StudentCode> staffList(Competition c) {
        Map<Long, CodeUpload> latest = repository.latestPerStudent(c.id());
        Map<Long, Integer> counts = repository.countsPerStudent(c.id());
        List<Threshold> all = thresholds.all(c.id());
        TreeMap<String, StudentCode> out = new TreeMap<>();
        Set<Long> listed = new HashSet<>();
        for (Standings.Row r : standings.snapshot(c).rows()) {
            Standing s = r.standing();
            CodeRules.Requirement req = CodeRules.required(c.reportRule(), all, s.publicScore(), s.privateScore());
            out.put(r.student().username(), row(r.student().accountId(), r.student().username(),
                    r.student().displayName(), latest.get(s.accountId()), counts, req));
            listed.add(s.accountId());
        }
        Map<Long, AccountRepository.Name> names = null;
        for (CodeUpload u : latest.values()) {
            if (!listed.contains(u.accountId())) {
                names = names == null ? accounts.names() : names;
                AccountRepository.Name n = names.get(u.accountId());
                CodeRules.Requirement req = CodeRules.required(c.reportRule(), all, null, null);
                out.put(n.username(), row(u.accountId(), n.username(), n.displayName(), u, counts, req));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static StudentCode row(long id, String username, String displayName, CodeUpload u,
                                   Map<Long, Integer> counts, CodeRules.Requirement req) {
        return new StudentCode(id, username, displayName, u, counts.getOrDefault(id, 0), req,
                req == CodeRules.Requirement.REQUIRED && (u == null || !u.hasReport()));
    }

    /** The name an upload is kept and downloaded under: its last path part, printable, ending in .zip. */
    static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.length() > 200) {
            n = n.substring(0, Character.isHighSurrogate(n.charAt(199)) ? 199 : 200);
        }
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "code";
        }
        return n.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? n : n + ".zip";
    }

    /**
     * Writes one zip of every student's latest upload, as {@code username/filename.zip}, each stored as it is (zips do
     * not compress again); an upload whose file is missing from the store is left out and named in
     * {@code MISSING.txt}.
     */
    public void writeAll(Competition c, OutputStream out) throws IOException {
        List<String> missing = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (StudentCode s : staffList(c)) {
                if (s.latest() == null) {
                    continue;
                }
                Optional<Path> f = file(s.latest());
                if (f.isEmpty()) {
                    missing.add(s.username() + "/" + s.latest().fileName() + " (" + s.latest().sha256() + ")");
                    continue;
                }
                ZipEntry e = new ZipEntry(s.username() + "/" + s.latest().fileName());
                e.setMethod(ZipEntry.STORED);
                e.setSize(Files.size(f.get()));
                e.setCompressedSize(Files.size(f.get()));
                e.setCrc(crc(f.get()));
                e.setTime(s.latest().received().toEpochMilli());
                zip.putNextEntry(e);
                Files.copy(f.get(), zip);
                zip.closeEntry();
            }
            if (!missing.isEmpty()) {
                zip.putNextEntry(new ZipEntry("MISSING.txt"));
                zip.write(("Not in the upload store:\n" + String.join("\n", missing) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static long crc(Path f) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }
}
