package org.holdout.baselines;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.holdout.baselines.model.BatchNormConvAutoencoder;
import org.holdout.baselines.model.Ocgan;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Not a test: {@code java ... Experiment MODEL CLASSES EPOCHS BATCH SUBSET SEED [everyN] [testCount]} trains one
 * model on a Fashion-MNIST one-class split and prints the test AUC every N epochs, scored as {@code train} would
 * score after that epoch (used to choose the default budgets and for the fidelity runs). {@code -Ddiag=true} adds,
 * for the boss, the AUC through the running BatchNorm averages and the training-image reconstruction MSE;
 * {@code -Dstrong.reluFirst=true} trains strong as Conv→ReLU→BN.
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
        BaselineModel model = tier == Tier.STRONG && Boolean.getBoolean("strong.reluFirst")
                ? BatchNormConvAutoencoder.build(ImageData.shapeOf(trainImages), seed, true)
                : Models.build(tier, ImageData.shapeOf(trainImages), seed);
        if (Boolean.getBoolean("bndecay") && model instanceof Autoencoder ae) {
            decayBatchNormScaleAndShift(ae.network());
        }
        INDArray x = model.prepare(trainImages);
        INDArray xt = model.prepare(testImages);
        Random shuffle = new Random(seed);
        double trainSeconds = 0;
        for (int e = 1; e <= epochs; e++) {
            long s = System.nanoTime();
            double loss = model.fitEpoch(ImageData.shuffled(x, ImageData.permutation((int) x.size(0), shuffle)), batch);
            trainSeconds += (System.nanoTime() - s) / 1e9;
            if (e % every == 0 || e == epochs) {
                // score as train would after this epoch, then go on training from the state before
                String diag = "";
                java.util.Map<String, INDArray> running = null;
                if (model instanceof Ocgan o) {
                    running = o.runningStatistics();
                    if (Boolean.getBoolean("diag")) {
                        INDArray probe = x.get(NDArrayIndex.interval(0, Math.min(2000, x.size(0))), NDArrayIndex.all(),
                                NDArrayIndex.all(), NDArrayIndex.all());
                        Ocgan.Parts r = o.parts(xt);
                        diag = String.format(" | running statistics: auc %.6f recon %.4f, train-image mse %.5f"
                                + " (training pass %.5f)", Auc.of(r.combined(Ocgan.CLASSIFIER_WEIGHT), anomaly),
                                Auc.of(r.reconstructionError(), anomaly), mean(o.parts(probe).reconstructionError()),
                                o.trainingModeReconstructionError(probe, batch));
                    }
                }
                model.finishTraining(x, batch);
                String extra = "";
                double auc;
                if (model instanceof Ocgan o) {
                    Ocgan.Parts p = o.parts(xt);
                    auc = Auc.of(p.combined(Ocgan.CLASSIFIER_WEIGHT), anomaly);
                    extra = String.format(" recon %.4f cls %.4f", Auc.of(p.reconstructionError(), anomaly),
                            Auc.of(p.combined(1e6), anomaly));
                    o.restoreRunningStatistics(running);
                } else {
                    auc = Auc.of(model.score(xt), anomaly);
                    if (Boolean.getBoolean("diag") && model instanceof Autoencoder ae) {
                        diag = preciseBatchNorm(ae, x, xt, anomaly);
                    }
                }
                System.out.printf("%s %s epoch %d loss %.8f auc %.6f%s train %.1fs%s%n", tier.id(), a[1], e, loss, auc,
                        extra, trainSeconds, diag);
            }
        }
        System.out.printf("total %.1fs peakRSS see /proc%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Two other ways to score the autoencoder: (1) every BatchNorm layer's running mean and variance replaced by the
     * exact statistics of the training images under the current weights (PyTorch averages the variance, DL4J log10
     * std), checked by comparing the eval-mode output on the training images with one training-mode pass over all of
     * them; (2) through the batch statistics of test batches of 128, as a model left in training mode would score.
     * Parameters are restored afterwards, so training goes on as without the diagnosis.
     */
    private static String preciseBatchNorm(Autoencoder ae, INDArray x, INDArray xt, boolean[] anomaly) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = ae.network();
        INDArray saved = net.params().dup();
        double runningTrainMse = mean(ae.score(x));

        double[] batchScores = new double[(int) xt.size(0)];
        for (long from = 0; from < xt.size(0); from += 128) {
            INDArray b = Autoencoder.rows(xt, from, Math.min(xt.size(0), from + 128));
            INDArray err = net.output(b, true).subi(b);
            double[] perImage = err.muli(err).reshape(b.size(0), -1).mean(1).toDoubleVector();
            System.arraycopy(perImage, 0, batchScores, (int) from, perImage.length);
        }
        double batchAuc = Auc.of(batchScores, anomaly);
        net.setParams(saved);

        java.util.List<INDArray> acts = net.feedForward(x, true);
        INDArray trainingPass = acts.get(acts.size() - 1).dup();
        net.setParams(saved);
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) continue;
            INDArray in = acts.get(i);
            INDArray v = in.var(false, 0, 2, 3);
            layer.setParam("mean", in.mean(0, 2, 3).reshape(layer.getParam("mean").shape()));
            if (layer.paramTable().containsKey("log10stdev")) {
                INDArray logStd = org.nd4j.linalg.ops.transforms.Transforms.log(
                        org.nd4j.linalg.ops.transforms.Transforms.sqrt(v, true), 10, false);
                layer.setParam("log10stdev", logStd.reshape(layer.getParam("log10stdev").shape()));
            } else {
                layer.setParam("var", v.reshape(layer.getParam("var").shape()));
            }
        }
        INDArray evalPass = net.output(x, false);
        double maxDiff = org.nd4j.linalg.ops.transforms.Transforms.abs(evalPass.sub(trainingPass)).maxNumber().doubleValue();
        double auc = Auc.of(ae.score(xt), anomaly);
        double trainMse = mean(ae.score(x));
        net.setParams(saved);
        return String.format(" | precise BN: auc %.6f, train mse %.5f (running %.5f), eval-vs-training-pass max diff"
                + " %.2e | test-batch statistics: auc %.6f", auc, trainMse, runningTrainMse, maxDiff, batchAuc);
    }

    /**
     * PyTorch's AdamW over {@code model.parameters()} also decays BatchNorm's scale and shift; DL4J's BatchNormalization
     * takes no regularization in 1.0.0-M2.1. This does it by hand after every step: p -= lr·wd·p.
     */
    private static void decayBatchNormScaleAndShift(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        double keep = 1 - 1e-3 * 0.01;
        net.addListeners(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
                    if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                        layer.getParam("gamma").muli(keep);
                        layer.getParam("beta").muli(keep);
                    }
                }
            }
        });
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }
}
