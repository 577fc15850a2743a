package org.holdout.leaderboard;

import java.time.Clock;
import java.util.List;
import org.holdout.baselines.Tier;
import org.holdout.competition.Competition;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.SubmissionRejectedException;
import org.holdout.submission.Solutions;
import org.holdout.submission.UploadStore;

/** Registering baseline thresholds: typed in, or scored from the baseline's submission file. */
public final class BaselineService {
    private final BaselineRepository repository;
    private final UploadStore store;
    private final Solutions solutions;
    private final Clock clock;

    public BaselineService(BaselineRepository repository, UploadStore store, Solutions solutions, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.solutions = solutions;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public void type(Competition competition, Tier tier, Double publicAuc, Double privateAuc) {
        check(publicAuc, "public");
        check(privateAuc, "private");
        repository.put(competition.id(), tier, publicAuc, privateAuc, "typed", null, clock.instant());
    }

    /** Scores the file like a student's (kept in the upload store too) and registers both scores. */
    public BaselineScore upload(Competition competition, Tier tier, byte[] bytes, String source)
            throws SubmissionRejectedException {
        UploadStore.Stored stored = store.put(bytes);
        Score s = Scorer.score(solutions.of(competition), bytes);
        repository.put(competition.id(), tier, s.publicAuc(), s.privateAuc(), source, stored.sha256(),
                clock.instant());
        return all(competition).stream().filter(b -> b.tier() == tier).findFirst().orElseThrow();
    }

    public List<BaselineScore> all(Competition competition) {
        return repository.all(competition.id());
    }

    public static void check(Double auc, String which) {
        if (auc != null && !(auc >= 0 && auc <= 1)) {
            throw new IllegalArgumentException("the " + which + " score must be a number from 0 to 1, not " + auc);
        }
    }
}
