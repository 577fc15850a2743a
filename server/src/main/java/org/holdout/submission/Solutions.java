package org.holdout.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.holdout.bundle.Bundle;
import org.holdout.competition.Competition;
import org.holdout.scoring.Solution;

/**
 * Each competition's answer key, read once per version of its file. A rescore replaces solution.csv by a rename, so
 * the file's identity (inode), size or time changes: each use compares them (one stat) and reads the file again when
 * they differ, in this process and in any other sharing the data folder.
 */
public final class Solutions {
    private final ConcurrentHashMap<Path, Read> cache = new ConcurrentHashMap<>();

    private record Version(Object fileKey, long size, long modifiedNanos) {
        static Version of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Version(a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    private record Read(Version version, Solution solution) {
    }

    public Solution of(Competition competition) {
        return of(competition.file(Bundle.SOLUTION));
    }

    /** The answer key in the file {@code p}, as it is now. */
    public Solution of(Path p) {
        try {
            Version now = Version.of(p);
            Read read = cache.get(p);
            if (read != null && read.version().equals(now)) {
                return read.solution();
            }
            Solution s = Solution.read(p);
            Version after = Version.of(p);
            if (Objects.equals(now, after)) {
                cache.put(p, new Read(now, s));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the solution " + p + ": " + e.getMessage(), e);
        }
    }
}
