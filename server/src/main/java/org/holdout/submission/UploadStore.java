package org.holdout.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.holdout.account.Secrets;

/** Every uploaded file, byte for byte, named by its SHA-256 ({@code ab/abcdef….csv}); equal files are kept once. */
public final class UploadStore {
    private final Path root;

    public UploadStore(Path root) {
        this.root = root;
    }

    public Stored put(byte[] bytes) {
        String sha = Secrets.sha256Hex(bytes);
        Path target = path(sha);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), sha, ".part");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write upload " + target + ": " + e.getMessage(), e);
        }
        return new Stored(sha, bytes.length, target);
    }

    public Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".csv");
    }

    public record Stored(String sha256, long size, Path path) {
    }
}
