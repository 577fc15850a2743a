package org.holdout.grading;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.holdout.competition.Competition;
import org.holdout.scoring.ScoreWithIntervals;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.UploadStore;

/**
 * Each counted submission's AUCs with their DeLong 95% intervals, scored again from its kept bytes against the
 * competition's solution with the scorer itself. Kept per submission and solution (a replaced answer key computes them
 * anew), at most {@link #CAPACITY} at a time, least recently used out first: a page of hundreds of students scores each
 * file once.
 */
public final class HonestScores {
    static final int CAPACITY = 20_000;

    private final SubmissionRepository submissions;
    private final UploadStore store;
    private final Function<Competition, Solution> solutions;
    private final Map<Key, ScoreWithIntervals> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ScoreWithIntervals> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The solution by identity (it has no equals of its own): a new answer key is a new key. */
    private record Key(long submissionId, Solution solution) {
    }

    public HonestScores(SubmissionRepository submissions, UploadStore store,
                        Function<Competition, Solution> solutions) {
        this.submissions = submissions;
        this.store = store;
        this.solutions = solutions;
    }

    /** A reader for one page: the competition's submissions looked up once. */
    public Reader reader(Competition c) {
        Map<Long, Submission> byId = new HashMap<>();
        for (Submission s : submissions.ofCompetition(c.id())) {
            byId.put(s.id(), s);
        }
        return new Reader(solutions.apply(c), byId);
    }

    /** The intervals of one competition's submissions. */
    public final class Reader {
        private final Solution solution;
        private final Map<Long, Submission> byId;

        private Reader(Solution solution, Map<Long, Submission> byId) {
            this.solution = solution;
            this.byId = byId;
        }

        /** The submission's scores and intervals, or empty when it is unknown or its file is not kept. */
        public Optional<ScoreWithIntervals> of(Long submissionId) {
            if (submissionId == null) {
                return Optional.empty();
            }
            Key key = new Key(submissionId, solution);
            synchronized (cache) {
                ScoreWithIntervals hit = cache.get(key);
                if (hit != null) {
                    return Optional.of(hit);
                }
            }
            Submission s = byId.get(submissionId);
            if (s == null || !s.bytesKept()) {
                return Optional.empty();
            }
            Optional<byte[]> bytes = store.read(s.sha256());
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            ScoreWithIntervals scored;
            try {
                scored = Scorer.scoreWithIntervals(solution, bytes.get());
            } catch (SubmissionRejectedException e) {
                // a scored file that the current answer key refuses (a key with other Ids): no interval to show
                return Optional.empty();
            }
            synchronized (cache) {
                cache.put(key, scored);
            }
            return Optional.of(scored);
        }
    }
}
