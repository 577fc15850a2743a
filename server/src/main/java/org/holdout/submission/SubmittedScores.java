package org.holdout.submission;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.holdout.competition.Competition;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;

/**
 * The histogram of each scored submission's own Predicted values, read from its kept bytes by the scorer's path
 * ({@link Scorer#predictions}): only what the student uploaded, no label. Kept per submission id (a file's values never
 * change), at most {@link #CAPACITY} at a time, least recently used out first.
 */
public final class SubmittedScores {
    static final int CAPACITY = 20_000;

    private final UploadStore store;
    private final Function<Competition, Solution> solutions;
    private final Map<Long, HistogramRules.Histogram> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, HistogramRules.Histogram> eldest) {
            return size() > CAPACITY;
        }
    };

    public SubmittedScores(UploadStore store, Function<Competition, Solution> solutions) {
        this.store = store;
        this.solutions = solutions;
    }

    /** The histogram of a scored submission of {@code c}, or empty when it has no score or its file is not kept. */
    public Optional<HistogramRules.Histogram> of(Competition c, Submission s) {
        if (s.state() != SubmissionState.SCORED || !s.bytesKept()) {
            return Optional.empty();
        }
        synchronized (cache) {
            HistogramRules.Histogram hit = cache.get(s.id());
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<byte[]> bytes = store.read(s.sha256());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        HistogramRules.Histogram h;
        try {
            h = HistogramRules.of(Scorer.predictions(solutions.apply(c), bytes.get()));
        } catch (SubmissionRejectedException e) {
            // scored once, refused by a replaced answer key with other Ids: nothing to draw
            return Optional.empty();
        }
        synchronized (cache) {
            cache.put(s.id(), h);
        }
        return Optional.of(h);
    }
}
