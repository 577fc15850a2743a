package org.holdout.rescore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.Sha256;

/**
 * A bundle's solution.csv replaced without losing anything: the new key and its bundle.json are first written beside
 * them as {@code *.next} (synced); once the database has the new scores, the old key is kept as
 * {@code solution.csv.replaced-<time>} and the two files are renamed into place. A start finds any {@code *.next} a
 * crash left and finishes or discards it by what the database says ({@link #recover}).
 */
final class SolutionFiles {
    static final String NEXT = ".next";
    static final String REPLACED = ".replaced-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SolutionFiles() {
    }

    /**
     * Writes {@code csv} as solution.csv.next and, when the bundle has a bundle.json, the manifest that lists it as
     * bundle.json.next, both synced.
     */
    static void prepare(Path bundleDir, byte[] csv, int[] partCounts) throws IOException {
        write(bundleDir.resolve(Bundle.SOLUTION + NEXT), csv);
        Path manifest = bundleDir.resolve(Bundle.MANIFEST);
        if (Files.exists(manifest)) {
            BundleManifest next = BundleManifest.read(manifest).withSolution(Sha256.of(csv), partCounts);
            write(bundleDir.resolve(Bundle.MANIFEST + NEXT), next.toJson());
        }
        force(bundleDir);
    }

    /**
     * Keeps the current solution.csv as {@code solution.csv.replaced-<at>}, then renames solution.csv.next and
     * bundle.json.next into place (each rename atomic); returns the kept file's name, or null if none was kept.
     */
    static String commit(Path bundleDir, Instant at) throws IOException {
        Path solution = bundleDir.resolve(Bundle.SOLUTION);
        Path next = bundleDir.resolve(Bundle.SOLUTION + NEXT);
        String kept = null;
        if (Files.exists(next)) {
            Path old = bundleDir.resolve(keptName(bundleDir, at));
            if (Files.exists(solution)) {
                try {
                    Files.createLink(old, solution);
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(solution, old, StandardCopyOption.COPY_ATTRIBUTES);
                    force(old, false);
                }
                kept = old.getFileName().toString();
            }
            move(next, solution);
        }
        Path manifestNext = bundleDir.resolve(Bundle.MANIFEST + NEXT);
        if (Files.exists(manifestNext)) {
            move(manifestNext, bundleDir.resolve(Bundle.MANIFEST));
        }
        force(bundleDir);
        return kept;
    }

    /** The name {@link #commit} at {@code at} keeps the current solution.csv under. */
    static String keptName(Path bundleDir, Instant at) {
        String name = Bundle.SOLUTION + REPLACED + STAMP.format(at);
        String free = name;
        for (int n = 2; Files.exists(bundleDir.resolve(free)); n++) {
            free = name + "-" + n;
        }
        return free;
    }

    /** Deletes what {@link #prepare} wrote. */
    static void discard(Path bundleDir) throws IOException {
        Files.deleteIfExists(bundleDir.resolve(Bundle.SOLUTION + NEXT));
        Files.deleteIfExists(bundleDir.resolve(Bundle.MANIFEST + NEXT));
    }

    /**
     * After a crash: finishes a replacement whose new key {@code appliedSha256} (the newest rescore the database
     * recorded, null if none) is the one prepared, and discards any other; true if one was finished.
     */
    static boolean recover(Path bundleDir, String appliedSha256, Instant appliedAt) throws IOException {
        Path next = bundleDir.resolve(Bundle.SOLUTION + NEXT);
        Path manifestNext = bundleDir.resolve(Bundle.MANIFEST + NEXT);
        if (!Files.exists(next) && !Files.exists(manifestNext)) {
            return false;
        }
        String prepared = Files.exists(next) ? Sha256.of(next) : null;
        boolean finish = appliedSha256 != null && (appliedSha256.equals(prepared) || prepared == null
                && appliedSha256.equals(Sha256.of(bundleDir.resolve(Bundle.SOLUTION)))
                && appliedSha256.equals(BundleManifest.read(manifestNext).files().get(Bundle.SOLUTION)));
        if (finish) {
            commit(bundleDir, appliedAt);
        } else {
            discard(bundleDir);
        }
        return finish;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void force(Path dir) throws IOException {
        force(dir, true);
    }

    private static void force(Path p, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
