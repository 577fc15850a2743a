package org.holdout.competition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of a competition being created, streamed to {@code <data>/staging/<id>/<name>} before the build reads
 * them: never whole in memory, never more than {@link #maxBytes()} each. A build {@link #take}s its files; a staged
 * file no build takes is deleted after {@link #KEEP}.
 */
public final class StagedUploads {
    /** How long a staged file no build took is kept (a refused form can be sent again without uploading again). */
    public static final Duration KEEP = Duration.ofDays(1);
    /** The default cap per file: numpy arrays of more than 2 GB are refused by the bundle reader anyway. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024 + 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final long maxBytes;

    public StagedUploads(Path dataDir, long maxBytes) {
        this.dir = dataDir.resolve("staging");
        this.maxBytes = maxBytes;
    }

    /** One staged file: its id (what a build refers to), the name it was sent with, its size. */
    public record Staged(String id, String name, long bytes, Path file) {
    }

    /** A file over the cap; nothing of it is kept. */
    public static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message);
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * {@code name} as a file name of the staging area: its last path segment, with every character other than a
     * letter, digit, '.', '_' or '-' made '_', no leading dot, at most 100 characters.
     */
    public static String cleanName(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[.-]+", "");
        if (clean.length() > 100) {
            clean = clean.substring(clean.length() - 100);
        }
        return NAME.matcher(clean).matches() ? clean : "file";
    }

    /**
     * Streams {@code in} to a new staged file named {@code name} ({@link #cleanName cleaned}), synced to the disk
     * before this returns. {@code declared} is the length the client announced (-1 if none): over the cap, nothing
     * is read.
     */
    public Staged put(String name, InputStream in, long declared) throws TooLarge, IOException {
        name = cleanName(name);
        if (declared > maxBytes) {
            throw tooLarge(name);
        }
        pruneOlderThan(Instant.now().minus(KEEP));
        String id = HexFormat.of().formatHex(random16());
        Path folder = Files.createDirectories(dir.resolve(id));
        Path file = folder.resolve(name);
        long total = 0;
        boolean kept = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(name);
                }
                out.write(buf, 0, n);
            }
            ch.force(true);
            kept = true;
        } finally {
            if (!kept) {
                BundleInstall.deleteTree(folder);
            }
        }
        return new Staged(id, name, total, file);
    }

    private static byte[] random16() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private TooLarge tooLarge(String name) {
        return new TooLarge(name + " is larger than the limit of " + human(maxBytes) + " for one file");
    }

    /** The staged file {@code id}, if it is there. */
    public Optional<Staged> get(String id) throws IOException {
        if (id == null || !ID.matcher(id).matches() || !Files.isDirectory(dir.resolve(id))) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(id))) {
            for (Path f : files) {
                return Optional.of(new Staged(id, f.getFileName().toString(), Files.size(f), f));
            }
        }
        return Optional.empty();
    }

    /** Moves the staged file {@code s} into {@code folder} (created), where a build owns it from now on. */
    public Path take(Staged s, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path moved = Files.move(s.file(), folder.resolve(s.name()));
        BundleInstall.deleteTree(dir.resolve(s.id()));
        return moved;
    }

    public void delete(String id) throws IOException {
        if (id != null && ID.matcher(id).matches()) {
            BundleInstall.deleteTree(dir.resolve(id));
        }
    }

    /** Deletes the staged files last written before {@code cutoff}. */
    public void pruneOlderThan(Instant cutoff) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path folder : all) {
                if (Files.getLastModifiedTime(folder).toInstant().isBefore(cutoff)) {
                    BundleInstall.deleteTree(folder);
                }
            }
        }
    }

    static String human(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
