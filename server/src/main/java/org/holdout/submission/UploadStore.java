package org.holdout.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.holdout.account.Secrets;
import org.holdout.bundle.Sha256;

/**
 * Every uploaded file, byte for byte, named by its SHA-256 ({@code ab/abcdef….csv}, code zips too: the name is only
 * the hash); equal files are kept once.
 * {@link #put} returns only when the file and its name are on the disk (fsync of the file and of its folders).
 */
public final class UploadStore {
    private final Path root;

    public UploadStore(Path root) {
        this.root = root;
    }

    public Stored put(byte[] bytes) {
        String sha = Secrets.sha256Hex(bytes);
        Path target = path(sha);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                force(target, false);
            } else {
                Path folder = target.getParent();
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder);
                    force(root, true);
                }
                Path tmp = Files.createTempFile(folder, sha, ".part");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                force(folder, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write upload " + target + ": " + e.getMessage(), e);
        }
        return new Stored(sha, bytes.length, target);
    }

    /**
     * Copies {@code in} into a new file beside the store's folders, hashing it on the way, without keeping more than a
     * buffer in memory; nothing of it is in the store until {@link #keep}.
     *
     * @throws TooLargeException after {@code maxBytes} bytes, the partial file deleted
     */
    public Staged stage(InputStream in, long maxBytes) {
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempFile(root, "incoming-", ".part");
            MessageDigest digest = Sha256.digest();
            long size = 0;
            byte[] buf = new byte[64 * 1024];
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    digest.update(buf, 0, n);
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
            }
            Staged staged = new Staged(tmp, HexFormat.of().formatHex(digest.digest()), size);
            tmp = null;
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an upload into " + root + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                discard(new Staged(tmp, null, 0));
            }
        }
    }

    /** Moves a staged file into the store under its SHA-256; returns once file and name are on the disk. */
    public Stored keep(Staged staged) {
        Path target = path(staged.sha256());
        try {
            Path folder = target.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                force(root, true);
            }
            if (Files.isRegularFile(target) && Files.size(target) == staged.size()) {
                Files.delete(staged.file());
                force(target, false);
            } else {
                force(staged.file(), false);
                try {
                    Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.move(staged.file(), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            force(folder, true);
            force(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store upload " + target + ": " + e.getMessage(), e);
        }
        return new Stored(staged.sha256(), staged.size(), target);
    }

    /** Deletes a staged file that is not to be kept. */
    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            // a leftover .part file beside the folders harms nothing
        }
    }

    /**
     * Deletes staged files older than {@code age} (a server stopped in the middle of an upload); younger ones may be
     * another server process's uploads in progress.
     */
    public int removeStaged(java.time.Duration age, java.time.Instant now) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int n = 0;
        try (var files = Files.newDirectoryStream(root, "incoming-*.part")) {
            for (Path p : files) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(age)) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** An upload written to a file of its own, not yet in the store. */
    public record Staged(Path file, String sha256, long size) {
    }

    /** More bytes came than an upload may have. */
    public static final class TooLargeException extends RuntimeException {
        public final long maxBytes;

        public TooLargeException(long maxBytes) {
            super("the upload is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }

    /** The stored bytes of {@code sha256}, if they are there and still hash to it. */
    public Optional<byte[]> read(String sha256) {
        Path p = path(sha256);
        try {
            byte[] bytes = Files.readAllBytes(p);
            return Secrets.sha256Hex(bytes).equals(sha256) ? Optional.of(bytes) : Optional.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + p + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the stored bytes of {@code sha256}; true if there were any. */
    public boolean delete(String sha256) {
        try {
            return Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete upload " + path(sha256) + ": " + e.getMessage(), e);
        }
    }

    public Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".csv");
    }

    private static void force(Path p, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    public record Stored(String sha256, long size, Path path) {
    }
}
