package org.holdout.baselines;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.holdout.baselines.model.Ocgan;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Not a test: {@code java ... Experiment MODEL CLASSES EPOCHS BATCH SUBSET SEED [everyN]} trains one model on a
 * Fashion-MNIST one-class split and prints the test AUC every N epochs (used to choose the default budgets).
 */
public final class Experiment {
    public static void main(String[] a) throws Exception {
        Tier tier = Tier.parse(a[0]);
        Set<Integer> normal = new HashSet<>();
        for (String s : a[1].split(",")) normal.add(Integer.parseInt(s));
        int epochs = Integer.parseInt(a[2]);
        int batch = Integer.parseInt(a[3]);
        int subset = Integer.parseInt(a[4]);
        long seed = Long.parseLong(a[5]);
        int every = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        FashionMnistIdx.Split train = FashionMnistIdx.read(true);
        FashionMnistIdx.Split test = FashionMnistIdx.read(false);
        UInt8Array trainImages = ImageData.subset(train.ofClasses(normal), subset, seed);
        int testCount = a.length > 7 ? Integer.parseInt(a[7]) : 10_000;
        int[] keep = java.util.Arrays.copyOf(ImageData.permutation(10_000, new Random(99)), testCount);
        java.util.Arrays.sort(keep);
        boolean[] anomaly = new boolean[testCount];
        byte[] kept = new byte[testCount * 784];
        for (int i = 0; i < testCount; i++) {
            anomaly[i] = !normal.contains((int) test.labels()[keep[i]]);
            System.arraycopy(test.images().data(), keep[i] * 784, kept, i * 784, 784);
        }
        UInt8Array testImages = new UInt8Array(new int[] {testCount, 28, 28, 1}, kept);
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(seed);
        long t0 = System.nanoTime();
        BaselineModel model = Models.build(tier, ImageData.shapeOf(trainImages), seed);
        INDArray x = model.prepare(trainImages);
        INDArray xt = model.prepare(testImages);
        Random shuffle = new Random(seed);
        double trainSeconds = 0;
        for (int e = 1; e <= epochs; e++) {
            long s = System.nanoTime();
            double loss = model.fitEpoch(ImageData.shuffled(x, ImageData.permutation((int) x.size(0), shuffle)), batch);
            trainSeconds += (System.nanoTime() - s) / 1e9;
            if (e % every == 0 || e == epochs) {
                String extra = "";
                double auc;
                if (model instanceof Ocgan o) {
                    Ocgan.Parts p = o.parts(xt);
                    auc = Auc.of(p.combined(Ocgan.CLASSIFIER_WEIGHT), anomaly);
                    extra = String.format(" recon %.4f cls %.4f", Auc.of(p.reconstructionError(), anomaly),
                            Auc.of(p.combined(1e6), anomaly));
                } else {
                    auc = Auc.of(model.score(xt), anomaly);
                }
                System.out.printf("%s %s epoch %d loss %.8f auc %.6f%s train %.1fs%n", tier.id(), a[1], e, loss, auc,
                        extra, trainSeconds);
                if (model instanceof Ocgan o && Boolean.getBoolean("diag")) {
                    INDArray probe = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(2000, x.size(0))),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.all());
                    double trainMode = o.trainingModeReconstructionError(probe, batch);
                    double running = mean(o.parts(probe).reconstructionError());
                    java.util.Map<String, INDArray> saved = o.runningStatistics();
                    o.recomputeRunningStatistics(x, batch);
                    double precise = mean(o.parts(probe).reconstructionError());
                    Ocgan.Parts p = o.parts(xt);
                    System.out.printf("diag epoch %d train-mse trainmode %.5f running %.5f precise %.5f | precise auc %.6f"
                            + " recon %.4f cls %.4f%n", e, trainMode, running, precise,
                            Auc.of(p.combined(Ocgan.CLASSIFIER_WEIGHT), anomaly), Auc.of(p.reconstructionError(), anomaly),
                            Auc.of(p.combined(1e6), anomaly));
                    o.restoreRunningStatistics(saved);
                }
            }
        }
        System.out.printf("total %.1fs peakRSS see /proc%n", (System.nanoTime() - t0) / 1e9);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }
}
