package org.holdout.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.holdout.bundle.Bundle;
import org.holdout.competition.Competition;
import org.holdout.scoring.Solution;

/** Each competition's answer key, read once. */
public final class Solutions {
    private final ConcurrentHashMap<Path, Solution> cache = new ConcurrentHashMap<>();

    public Solution of(Competition competition) {
        return cache.computeIfAbsent(competition.file(Bundle.SOLUTION), p -> {
            try {
                return Solution.read(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the solution " + p + ": " + e.getMessage(), e);
            }
        });
    }
}
