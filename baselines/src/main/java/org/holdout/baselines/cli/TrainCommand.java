package org.holdout.baselines.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.holdout.baselines.BaselineTrainer;
import org.holdout.baselines.Tier;
import org.holdout.baselines.TierBudget;
import org.holdout.bundle.Bundle;
import org.holdout.cli.ExitCodes;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SubmissionRejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout baseline train MODEL|all}: trains on a bundle and writes the submission and pictures. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a baseline on the bundle's train.npy, scores every test image and writes into the"
            + " output folder: the model, submission.csv, training-curve.png and reconstructions.png.",
            "Without options each model uses its default budget (docs/baselines.md). With solution.csv in the bundle"
            + " the public and private ROC-AUC are printed.",
            "Tip: OMP_NUM_THREADS=<cores> (1 on a busy machine) sets ND4J's threads."})
public class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "simple, medium, strong, boss or all")
    String model;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The competition bundle folder.")
    Path bundleDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: baselines-out/MODEL; with 'all', DIR/MODEL for each).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the budget's epochs.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--subset", paramLabel = "N", description = "Train on N training images (0 = all).")
    Integer subset;

    @Option(names = "--batch", paramLabel = "N", description = "Override the batch size.")
    Integer batch;

    @Option(names = "--progress-json", description = "Instead of the progress bar and the summary, one JSON object"
            + " per line on stdout for each event: start, epoch (epoch, epochs, loss, seconds, secondsLeft), done"
            + " (submission, curve, seconds) or failed (message); training-curve.png is redrawn after every epoch.")
    boolean progressJson;

    @Option(names = "--exit-when-stdin-closes", description = "Stop (exit code 10) when standard input ends: a"
            + " server that starts this command keeps the pipe open, so the training ends with the server.")
    boolean exitWhenStdinCloses;

    @Override
    public Integer call() throws IOException {
        List<Tier> tiers;
        try {
            tiers = model.equalsIgnoreCase("all") ? List.of(Tier.values()) : List.of(Tier.parse(model));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + " (or all)");
            return ExitCodes.USAGE;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (exitWhenStdinCloses) {
            watchStdin(err);
        }
        JsonLines json = progressJson ? new JsonLines(stdout) : null;
        Bundle bundle;
        try {
            bundle = Bundle.open(bundleDir);
        } catch (IOException | RuntimeException e) {
            String message = "cannot open the bundle " + bundleDir + ": " + e.getMessage();
            err.println("error: " + message);
            if (json != null) {
                json.print("failed", null, "message", message);
            }
            return ExitCodes.INVALID_INPUT;
        }
        for (Tier tier : tiers) {
            TierBudget budget = TierBudget.of(tier).withEpochs(epochs).withBatchSize(batch).withSubset(subset);
            Path dir = out == null ? Path.of("baselines-out", tier.id()) : tiers.size() > 1 ? out.resolve(tier.id()) : out;
            if (json != null) {
                try {
                    trainWithJson(tier, bundle, dir.toAbsolutePath(), budget, json);
                } catch (IOException | RuntimeException e) {
                    json.print("failed", tier, "message", String.valueOf(e.getMessage()));
                    throw e;
                }
                continue;
            }
            BaselineTrainer.Result r;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(tier.id()).setInitialMax(budget.epochs())
                    .setUnit(" epochs", 1).setConsumer(new WriterConsumer(err)).setUpdateIntervalMillis(500).build()) {
                r = BaselineTrainer.train(tier, bundle, dir, budget, seed, (t, epoch, total, loss, left) -> {
                    bar.stepTo(epoch);
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.5f", loss));
                });
            }
            stdout.printf(Locale.ROOT, "%s: %d trainable parameters, %d training images, %d epochs (batch %d) in %.1f s,"
                            + " final loss %.5f%n", tier.id(), r.trainableParams(), r.trainImages(), budget.epochs(),
                    budget.batchSize(), r.trainSeconds(), r.epochLosses()[r.epochLosses().length - 1]);
            stdout.printf("  wrote %s, %s, %s, %s%n", r.submission(), r.model(), r.curve(), r.grid());
            printScore(bundle, r.submission(), stdout, err);
            stdout.flush();
        }
        return ExitCodes.OK;
    }

    private void trainWithJson(Tier tier, Bundle bundle, Path dir, TierBudget budget, JsonLines json)
            throws IOException {
        long start = System.nanoTime();
        json.print("start", tier, "epochs", budget.epochs());
        double[] losses = new double[budget.epochs()];
        Path curve = dir.resolve(BaselineTrainer.CURVE);
        BaselineTrainer.Result r = BaselineTrainer.train(tier, bundle, dir, budget, seed, (t, epoch, total, loss, left) -> {
            losses[epoch - 1] = loss;
            try {
                BaselineTrainer.drawCurve(dir, tier, java.util.Arrays.copyOf(losses, epoch));
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("warning: the training curve was not drawn: " + e.getMessage());
            }
            json.print("epoch", tier, "epoch", epoch, "epochs", total, "loss", loss,
                    "seconds", (System.nanoTime() - start) / 1e9, "secondsLeft", left,
                    "curve", Files.isRegularFile(curve) ? curve.toString() : null);
        });
        json.print("done", tier, "submission", r.submission().toAbsolutePath().toString(),
                "curve", r.curve().toAbsolutePath().toString(), "seconds", (System.nanoTime() - start) / 1e9);
    }

    /** Exits when standard input ends, whatever the training is doing. */
    private static void watchStdin(PrintWriter err) {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // only the end matters
                }
            } catch (IOException e) {
                // a broken pipe ends it the same way
            }
            err.println("stopping: standard input closed (whoever started this training has gone)");
            err.flush();
            System.exit(ExitCodes.INTERNAL);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** One JSON object per line, flushed at once: what a parent process reads as progress. */
    private static final class JsonLines {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final PrintWriter out;

        JsonLines(PrintWriter out) {
            this.out = out;
        }

        synchronized void print(String event, Tier tier, Object... fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", event);
            if (tier != null) {
                m.put("tier", tier.id());
            }
            for (int i = 0; i < fields.length; i += 2) {
                m.put((String) fields[i], fields[i + 1]);
            }
            try {
                out.println(MAPPER.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }
    }

    private static void printScore(Bundle bundle, Path submission, PrintWriter out, PrintWriter err) {
        if (!Files.isRegularFile(bundle.solution())) {
            return;
        }
        try {
            Score s = Scorer.score(Solution.read(bundle.solution()), Files.readAllBytes(submission));
            out.printf(Locale.ROOT, "  public AUC %s, private AUC %s%n", auc(s.publicAuc(), s.publicReason()),
                    auc(s.privateAuc(), s.privateReason()));
        } catch (IOException | SubmissionRejectedException e) {
            err.println("warning: the scorer refused the submission: " + e.getMessage());
        }
    }

    private static String auc(Double v, String reason) {
        return v == null ? "n/a (" + reason + ")" : String.format(Locale.ROOT, "%.5f", v);
    }

    /** The progress bar on the command's stderr writer (tests capture it). */
    private record WriterConsumer(PrintWriter err) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r' + rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
