package org.holdout.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.holdout.account.Secrets;

/**
 * Every uploaded file, byte for byte, named by its SHA-256 ({@code ab/abcdef….csv}); equal files are kept once.
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
