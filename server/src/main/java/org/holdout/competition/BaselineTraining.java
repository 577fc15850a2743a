package org.holdout.competition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.holdout.baselines.BaselineTrainer;
import org.holdout.baselines.Tier;
import org.holdout.bundle.Bundle;
import org.holdout.leaderboard.BaselineScore;
import org.holdout.leaderboard.BaselineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the four baselines one after another (simple to boss) in one low-priority thread and registers each
 * score when its file is written. Outputs stay in {@code <data>/baselines/<slug>/<tier>/}, so a restart
 * registers a finished file instead of training again.
 */
public final class BaselineTraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineTraining.class);

    private final BaselineService baselines;
    private final Path root;
    private final Map<Tier, Progress> progress = new EnumMap<>(Tier.class);
    private ExecutorService worker;

    public BaselineTraining(BaselineService baselines, Path dataDir) {
        this.baselines = baselines;
        this.root = dataDir.resolve("baselines");
        for (Tier t : Tier.values()) {
            progress.put(t, new Progress("not started", 0, 0, Double.NaN, -1));
        }
    }

    /** What staff see: one line per tier. */
    public synchronized Map<Tier, Progress> progress() {
        return new EnumMap<>(progress);
    }

    public synchronized void start(Competition competition) {
        if (worker != null) {
            return;
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baseline-training");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        worker.submit(() -> runAll(competition));
    }

    /** True when every tier already has a public score, so there is nothing to train. */
    public boolean allRegistered(Competition competition) {
        for (Tier tier : Tier.values()) {
            if (!isRegistered(competition, tier)) {
                return false;
            }
        }
        return true;
    }

    private boolean isRegistered(Competition competition, Tier tier) {
        return baselines.all(competition).stream().anyMatch(b -> b.tier() == tier && b.publicAuc() != null);
    }

    private void runAll(Competition competition) {
        Bundle bundle = null;
        for (Tier tier : Tier.values()) {
            if (isRegistered(competition, tier)) {
                set(tier, new Progress("registered", 0, 0, Double.NaN, -1));
                continue;
            }
            Path out = root.resolve(competition.slug()).resolve(tier.id());
            Path done = out.resolve("submission.csv");
            try {
                if (!Files.isRegularFile(done)) {
                    if (bundle == null) {
                        bundle = Bundle.open(competition.bundleDir());
                    }
                    set(tier, new Progress("training", 0, 0, Double.NaN, -1));
                    Files.createDirectories(out);
                    done = BaselineTrainer.train(tier, bundle, out, (t, epoch, epochs, loss, secondsLeft) ->
                            set(t, new Progress("training", epoch, epochs, loss, secondsLeft)));
                }
                BaselineScore s = baselines.upload(competition, tier, Files.readAllBytes(done), "trained");
                set(tier, new Progress("registered", 0, 0, Double.NaN, -1));
                LOG.info("baseline {} registered: public {}", tier.id(), s.publicAuc());
            } catch (UnsupportedOperationException e) {
                LOG.warn("baseline {} not trained: this build's baselines module cannot train yet ({})", tier.id(),
                        e.getMessage());
                set(tier, new Progress("not available in this build", 0, 0, Double.NaN, -1));
                continue;
            } catch (Exception | LinkageError e) {
                LOG.error("baseline {} failed", tier.id(), e);
                set(tier, new Progress("failed: " + e.getMessage(), 0, 0, Double.NaN, -1));
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private synchronized void set(Tier tier, Progress p) {
        progress.put(tier, p);
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A tier's state: not started, training (epoch of epochs, loss, seconds left), registered, failed. */
    public record Progress(String state, int epoch, int epochs, double loss, double secondsLeft) {
        public String text() {
            if (!state.equals("training") || epochs == 0) {
                return state;
            }
            String eta = secondsLeft < 0 ? "" : String.format(java.util.Locale.ROOT, ", about %.0f min left",
                    Math.ceil(secondsLeft / 60));
            return String.format(java.util.Locale.ROOT, "training: epoch %d of %d, loss %.5f%s", epoch, epochs, loss,
                    eta);
        }
    }
}
