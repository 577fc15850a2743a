package org.holdout.baselines;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import org.holdout.bundle.Bundle;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one baseline with its documented default budget and writes into {@code outDir}: the model file,
 * {@code submission.csv} (Id,Predicted), the training curve PNG and the reconstruction grid PNG.
 * Trainings in one JVM run one at a time (ND4J's random generator is process-wide); nothing goes to stdout.
 */
public final class BaselineTrainer {
    public static final long DEFAULT_SEED = 0;
    public static final String SUBMISSION = "submission.csv";
    public static final String CURVE = "training-curve.png";
    public static final String GRID = "reconstructions.png";
    private static final Object LOCK = new Object();

    private BaselineTrainer() {
    }

    /** What one training run wrote and measured. */
    public record Result(Tier tier, Path submission, Path model, Path curve, Path grid, double[] epochLosses,
                         double trainSeconds, long trainableParams, int trainImages) {
    }

    /** @return the path of the written submission CSV */
    public static Path train(Tier tier, Bundle bundle, Path outDir, TrainingListener listener) throws IOException {
        return train(tier, bundle, outDir, TierBudget.of(tier), DEFAULT_SEED, listener).submission();
    }

    public static Result train(Tier tier, Bundle bundle, Path outDir, TierBudget budget, long seed,
                               TrainingListener listener) throws IOException {
        synchronized (LOCK) {
            Files.createDirectories(outDir);
            Nd4j.getRandom().setSeed(seed);
            UInt8Array trainImages = ImageData.subset(bundle.train(), budget.subset(), seed);
            UInt8Array testImages = bundle.test();
            List<String> ids = bundle.testIds();
            if (ids.size() != testImages.count()) {
                throw new IOException("bundle has " + ids.size() + " test Ids for " + testImages.count() + " test images");
            }
            ImageShape shape = ImageData.shapeOf(trainImages);
            BaselineModel model = Models.build(tier, shape, seed);
            INDArray x = model.prepare(trainImages);
            Random shuffle = new Random(seed);
            double[] losses = new double[budget.epochs()];
            long start = System.nanoTime();
            for (int e = 0; e < budget.epochs(); e++) {
                int[] order = ImageData.permutation((int) x.size(0), shuffle);
                losses[e] = model.fitEpoch(ImageData.shuffled(x, order), budget.batchSize());
                double elapsed = (System.nanoTime() - start) / 1e9;
                listener.epochDone(tier, e + 1, budget.epochs(), losses[e], elapsed / (e + 1) * (budget.epochs() - e - 1));
            }
            model.finishTraining(x, budget.batchSize());
            double seconds = (System.nanoTime() - start) / 1e9;
            INDArray test = model.prepare(testImages);
            double[] scores = model.score(test);
            Path submission = writeSubmission(outDir.resolve(SUBMISSION), ids, scores);
            Path modelFile = model.save(outDir);
            Path curve = drawCurve(outDir, tier, losses);
            Path grid = Charts.reconstructionGrid(outDir.resolve(GRID), model, test, scores, shape, 8);
            return new Result(tier, submission, modelFile, curve, grid, losses, seconds, model.trainableParams(),
                    trainImages.count());
        }
    }

    /**
     * Draws {@link #CURVE} in {@code outDir} from the losses so far; the file is replaced in one step, so a reader
     * never sees half a picture ({@code holdout baseline train --progress-json} redraws it after every epoch).
     */
    public static Path drawCurve(Path outDir, Tier tier, double[] losses) throws IOException {
        Path tmp = Charts.trainingCurve(outDir.resolve("training-curve.tmp.png"), tier, losses);
        return Files.move(tmp, outDir.resolve(CURVE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code Id,Predicted}; {@link Double#toString} keeps every bit of the score. */
    static Path writeSubmission(Path file, List<String> ids, double[] scores) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Id,Predicted\n");
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isFinite(scores[i])) {
                    throw new IOException("score of test image " + ids.get(i) + " is " + scores[i] + " (training diverged?)");
                }
                w.write(ids.get(i) + "," + scores[i] + "\n");
            }
        }
        return file;
    }
}
