package org.holdout.baselines.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.holdout.baselines.BaselineModel;
import org.holdout.baselines.ImageData;
import org.holdout.baselines.ImageShape;
import org.holdout.npy.UInt8Array;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The boss baseline: a one-class model in the spirit of OCGAN (Perera, Nallapati and Xiang, CVPR 2019), the
 * "lite" variant of the PyTorch reference run, written in SameDiff.
 *
 * <p>Four networks share one graph:
 * <ul>
 *   <li>encoder E: three 4×4 stride-2 convolutions (16, 32, 64 channels), each followed by BatchNorm and
 *       LeakyReLU 0.2, a linear layer to a 16-d latent code, Tanh, so codes live in [-1, 1]^16;</li>
 *   <li>decoder G: linear 16 → 64·(H/8)·(W/8), BatchNorm, ReLU, then 4×4 stride-2 transposed convolutions to 32
 *       and 16 channels (each BatchNorm, ReLU) and to C channels, Tanh. G decodes E(x) (the autoencoder) and
 *       doubles as a generator of images from codes u ~ U(-1, 1)^16;</li>
 *   <li>image classifier C (no BatchNorm): three convolutions and a linear layer to one logit; it learns to tell
 *       real normal images (1) from generated images G(u) and from noise images (0);</li>
 *   <li>latent discriminator D: 16 → 128 → 128 → 1; it learns u (1) from E(x) (0), which pushes the codes of
 *       normal images to fill the whole latent box, so that every code decodes to a normal-looking image.</li>
 * </ul>
 *
 * <p>Training alternates two steps per batch x, as the reference:
 * <ol>
 *   <li>C and D take an AdamW step (lr 2e-4, β 0.5/0.999) on their binary cross-entropies: C on x (1), G(u) and
 *       32 noise images (0), D on u (1) and E(x) (0); G(u) and E(x) are constants here;</li>
 *   <li>then, with the updated C and D, E and G take an AdamW step (lr 1e-3) on
 *       MSE(G(E(x)), x) + 0.1·[BCE(C(G(u)), 1) + BCE(D(E(x)), 1)]: reconstruct well while generating images C
 *       takes for normal and codes D takes for prior samples.</li>
 * </ol>
 * Both steps differentiate one loss, the sum of all terms, each for its own parameter set: stop-gradient nodes
 * (on G(u) and E(x) in C's and D's terms, on C's and D's weights in the adversarial terms) keep every term's
 * gradient on the side that owns it. BatchNorm works as PyTorch's: training passes normalise with the batch's
 * statistics (G(E(x)) and G(u) are separate batches) and move the running mean and variance by momentum 0.1;
 * scoring and reconstructions use a separate inference branch of the graph with fixed statistics: after training,
 * those of the training images under the final weights ({@link #finishTraining}).
 *
 * <p>Anomaly score of an image: z(reconstruction MSE) + 0.5·z(−C(x)), each part standardised over the
 * scored set. An anomaly reconstructs badly (the decoder only knows normal images) and looks unlike a
 * normal image to C.
 */
public final class Ocgan implements BaselineModel {
    public static final int LATENT = 16;
    public static final double CLASSIFIER_WEIGHT = 0.5;
    static final double ADVERSARIAL_WEIGHT = 0.1;
    static final int NOISE_IMAGES = 32;
    private static final double AE_LR = 1e-3;
    private static final double DISC_LR = 2e-4;
    private static final double BN_EPS = 1e-5;
    private static final double BN_MOMENTUM = 0.1;

    private final ImageShape shape;
    private final SameDiff sd = SameDiff.create();
    private final Random random;
    private final List<String> aeParams = new ArrayList<>();
    private final List<String> discParams = new ArrayList<>();
    private final Map<String, SDVariable> frozen = new HashMap<>();
    private final Map<String, AdamUpdater> updaters = new HashMap<>();
    /** Per training pass (x = E(x), z = G(E(x)), u = G(u)), its BatchNorm layers in forward order. */
    private final Map<String, List<String>> batchStats = new HashMap<>();
    /** Values per channel and image a BatchNorm layer averages over (H·W of its input, 1 for the linear one). */
    private final Map<String, Integer> bnPositions = new HashMap<>();
    private final int ph;
    private final int pw;
    private final int c;
    private int iteration;

    private Ocgan(ImageShape shape, long seed) {
        this.shape = shape;
        this.random = new Random(seed);
        this.ph = shape.paddedHeight();
        this.pw = shape.paddedWidth();
        this.c = shape.channels();
    }

    /** Builds the graph with seeded weights for images of {@code shape} (padded to a multiple of 8). */
    public static Ocgan build(ImageShape shape, long seed) {
        Ocgan m = new Ocgan(shape, seed);
        m.define();
        m.quietly(m.sd::createGradFunction);
        return m;
    }

    /** SameDiff 1.0.0-M2.1 prints a line per differentiated op to System.out; drop this thread's output meanwhile. */
    private void quietly(Runnable action) {
        synchronized (System.class) {
            PrintStream original = System.out;
            Thread self = Thread.currentThread();
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    if (Thread.currentThread() != self) {
                        original.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (Thread.currentThread() != self) {
                        original.write(b, off, len);
                    }
                }
            }, true));
            try {
                action.run();
            } finally {
                System.setOut(original);
            }
        }
    }

    private void define() {
        int flat = 64 * (ph / 8) * (pw / 8);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, c, ph, pw);
        SDVariable u = sd.placeHolder("u", DataType.FLOAT, -1, LATENT);
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, c, ph, pw);

        //E: conv 4x4 s2 c->16->32->64 BN LeakyReLU 0.2, linear -> 16, Tanh
        param(aeParams, "e1", 4, 4, c, 16);
        batchNormParam("e1", ph / 2 * (pw / 2), 1, 16, 1, 1);
        param(aeParams, "e2", 4, 4, 16, 32);
        batchNormParam("e2", ph / 4 * (pw / 4), 1, 32, 1, 1);
        param(aeParams, "e3", 4, 4, 32, 64);
        batchNormParam("e3", ph / 8 * (pw / 8), 1, 64, 1, 1);
        param(aeParams, "e4", flat, LATENT);
        //G: linear 16 -> 64*(H/8)*(W/8) BN ReLU, deconv 4x4 s2 64->32->16 BN ReLU, ->c Tanh
        param(aeParams, "g1", LATENT, flat);
        batchNormParam("g1", 1, 1, flat);
        deconvParam(aeParams, "g2", 64, 32);
        batchNormParam("g2", ph / 4 * (pw / 4), 1, 32, 1, 1);
        deconvParam(aeParams, "g3", 32, 16);
        batchNormParam("g3", ph / 2 * (pw / 2), 1, 16, 1, 1);
        deconvParam(aeParams, "g4", 16, c);
        //C: conv 4x4 s2 c->16->32->64 LeakyReLU 0.2, linear -> 1 logit
        param(discParams, "c1", 4, 4, c, 16);
        param(discParams, "c2", 4, 4, 16, 32);
        param(discParams, "c3", 4, 4, 32, 64);
        param(discParams, "c4", flat, 1);
        //D: 16 -> 128 -> 128 -> 1, LeakyReLU 0.2
        param(discParams, "d1", LATENT, 128);
        param(discParams, "d2", 128, 128);
        param(discParams, "d3", 128, 1);

        SDVariable z = encode(x, "x");
        SDVariable xrTrain = decode(z, "z");
        SDVariable reconLoss = sd.math().squaredDifference(xrTrain, x).mean("reconLoss");
        SDVariable gu = decode(u, "u");

        SDVariable logit = classify(x, false).reshape(-1).rename("logit");
        SDVariable lossC = softplus(logit.neg()).add(softplus(classify(stop(gu), false)))
                .add(softplus(classify(noise, false)));
        SDVariable lossD = softplus(discriminate(u, false).neg()).add(softplus(discriminate(stop(z), false)));
        SDVariable adversarial = softplus(classify(gu, true).neg()).add(softplus(discriminate(z, true).neg()));
        // one loss for both steps: the stop-gradients make d(total)/d(C,D) = d(lossC+lossD) and d(total)/d(E,G) = d(lossAE)
        SDVariable total = reconLoss.add(adversarial.mul(ADVERSARIAL_WEIGHT)).add(lossC).add(lossD).rename("total");
        sd.setLossVariables(total);

        SDVariable xr = decode(encode(x, null), null).rename("xr");
        sd.math().squaredDifference(xr, x).mean("recon", 1, 2, 3);

        for (String p : aeParams) {
            updaters.put(p, adam(p, new Adam(AE_LR)));
        }
        for (String p : discParams) {
            updaters.put(p, adam(p, new Adam(DISC_LR, 0.5, 0.999, 1e-8)));
        }
    }

    /** {@code batch} names the training pass whose batch statistics are used; null = inference (running statistics). */
    private SDVariable encode(SDVariable x, String batch) {
        SDVariable h = sd.nn().leakyRelu(batchNorm(conv(x, "e1", false), "e1", batch), 0.2);
        h = sd.nn().leakyRelu(batchNorm(conv(h, "e2", false), "e2", batch), 0.2);
        h = sd.nn().leakyRelu(batchNorm(conv(h, "e3", false), "e3", batch), 0.2);
        return sd.math().tanh(dense(sd.reshape(h, -1, 64L * (ph / 8) * (pw / 8)), "e4", false));
    }

    private SDVariable decode(SDVariable z, String batch) {
        SDVariable h = sd.nn().relu(batchNorm(dense(z, "g1", false), "g1", batch), 0);
        h = sd.reshape(h, -1, 64, ph / 8, pw / 8);
        h = sd.nn().relu(batchNorm(deconv(h, "g2"), "g2", batch), 0);
        h = sd.nn().relu(batchNorm(deconv(h, "g3"), "g3", batch), 0);
        return sd.math().tanh(deconv(h, "g4"));
    }

    /**
     * PyTorch's BatchNorm: in training, normalise with the batch's mean and biased variance (both differentiated
     * through) and publish them as {@code layer_batch_mean}/{@code _var} for the running statistics; at inference,
     * normalise with the running mean and variance.
     */
    private SDVariable batchNorm(SDVariable h, String layer, String batch) {
        SDVariable gamma = sd.getVariable(layer + "Gamma");
        SDVariable beta = sd.getVariable(layer + "Beta");
        if (batch == null) {
            SDVariable scale = sd.math().rsqrt(sd.getVariable(layer + "RunVar").add(BN_EPS)).mul(gamma);
            return h.sub(sd.getVariable(layer + "RunMean")).mul(scale).add(beta);
        }
        int[] axes = gamma.getArr().rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
        SDVariable mean = h.mean(layer + "_" + batch + "_mean", true, axes);
        SDVariable centred = h.sub(mean);
        SDVariable var = sd.math().square(centred).mean(layer + "_" + batch + "_var", true, axes);
        batchStats.computeIfAbsent(batch, k -> new ArrayList<>()).add(layer);
        return centred.mul(sd.math().rsqrt(var.add(BN_EPS)).mul(gamma)).add(beta);
    }

    private SDVariable classify(SDVariable img, boolean frozenWeights) {
        SDVariable h = sd.nn().leakyRelu(conv(img, "c1", frozenWeights), 0.2);
        h = sd.nn().leakyRelu(conv(h, "c2", frozenWeights), 0.2);
        h = sd.nn().leakyRelu(conv(h, "c3", frozenWeights), 0.2);
        return dense(sd.reshape(h, -1, 64L * (ph / 8) * (pw / 8)), "c4", frozenWeights);
    }

    private SDVariable discriminate(SDVariable z, boolean frozenWeights) {
        SDVariable h = sd.nn().leakyRelu(dense(z, "d1", frozenWeights), 0.2);
        h = sd.nn().leakyRelu(dense(h, "d2", frozenWeights), 0.2);
        return dense(h, "d3", frozenWeights);
    }

    private SDVariable softplus(SDVariable logits) {
        return sd.nn().softplus(logits).mean();
    }

    private SDVariable stop(SDVariable v) {
        return new StopGradient(sd, v).outputVariable();
    }

    /** The weight as the adversarial loss sees it: its gradient must reach G and E, not C and D. */
    private SDVariable weight(String name, boolean frozenWeights) {
        SDVariable w = sd.getVariable(name);
        return frozenWeights ? frozen.computeIfAbsent(name, k -> stop(w)) : w;
    }

    private SDVariable conv(SDVariable in, String layer, boolean frozenWeights) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        return sd.cnn().conv2d(in, weight(layer + "W", frozenWeights), weight(layer + "b", frozenWeights), cfg);
    }

    private SDVariable deconv(SDVariable in, String layer) {
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1)
                .isSameMode(false).dataFormat("NCHW").build();
        return sd.cnn().deconv2d(in, sd.getVariable(layer + "W"), sd.getVariable(layer + "b"), cfg);
    }

    private SDVariable dense(SDVariable in, String layer, boolean frozenWeights) {
        return in.mmul(weight(layer + "W", frozenWeights)).add(weight(layer + "b", frozenWeights));
    }

    /** Conv weights [kH, kW, in, out] or dense weights [in, out]; U(±1/sqrt(fan_in)) as PyTorch. */
    private void param(List<String> group, String layer, long... wShape) {
        long out = wShape[wShape.length - 1];
        long fanIn = 1;
        for (int i = 0; i < wShape.length - 1; i++) {
            fanIn *= wShape[i];
        }
        addParam(group, layer, wShape, out, fanIn);
    }

    /** Transposed-conv weights [kH, kW, out, in]. */
    private void deconvParam(List<String> group, String layer, long in, long out) {
        addParam(group, layer, new long[] {4, 4, out, in}, out, 16 * out);
    }

    /** Trained scale 1 and shift 0, running mean 0 and variance 1 (not trained), as PyTorch starts them. */
    private void batchNormParam(String layer, int positions, long... shape) {
        bnPositions.put(layer, positions);
        sd.var(layer + "Gamma", Nd4j.ones(DataType.FLOAT, shape));
        sd.var(layer + "Beta", Nd4j.zeros(DataType.FLOAT, shape));
        sd.var(layer + "RunMean", Nd4j.zeros(DataType.FLOAT, shape));
        sd.var(layer + "RunVar", Nd4j.ones(DataType.FLOAT, shape));
        aeParams.add(layer + "Gamma");
        aeParams.add(layer + "Beta");
    }

    private void addParam(List<String> group, String layer, long[] wShape, long out, long fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        sd.var(layer + "W", uniform(wShape, bound));
        sd.var(layer + "b", uniform(new long[] {out}, bound));
        group.add(layer + "W");
        group.add(layer + "b");
    }

    private INDArray uniform(long[] s, double bound) {
        int n = 1;
        for (long d : s) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, s, 'c');
    }

    private AdamUpdater adam(String param, Adam config) {
        INDArray p = sd.getVariable(param).getArr();
        AdamUpdater up = new AdamUpdater(config);
        up.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true);
        return up;
    }

    @Override
    public INDArray prepare(UInt8Array images) {
        return ImageData.padded(images);
    }

    @Override
    public double fitEpoch(INDArray train, int batchSize) {
        long n = train.size(0);
        double sum = 0;
        List<String> stepTwoOutputs = new ArrayList<>(List.of("reconLoss"));
        for (String pass : List.of("x", "z", "u")) {
            for (String layer : batchStats.get(pass)) {
                stepTwoOutputs.add(layer + "_" + pass + "_mean");
                stepTwoOutputs.add(layer + "_" + pass + "_var");
            }
        }
        for (long from = 0; from < n; from = batchEnd(from, n, batchSize)) {
            long to = batchEnd(from, n, batchSize);
            INDArray batch = train.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Map<String, INDArray> feed = Map.of("x", batch, "u", prior((int) (to - from)), "noise", noiseImages());
            iteration++;
            step(sd.calculateGradients(feed, discParams), discParams, DISC_LR);
            OutAndGrad og = sd.calculateGradientsAndOutputs(feed, stepTwoOutputs, aeParams);
            step(og.getGradients(), aeParams, AE_LR);
            Map<String, INDArray> out = og.getOutputs();
            // PyTorch updates the running statistics on every training-mode forward pass: E saw x in both steps
            // (same weights, same statistics), G saw G(u) in both steps and E(x) in step 2
            for (String pass : List.of("x", "u", "x", "z", "u")) {
                for (String layer : batchStats.get(pass)) {
                    updateRunning(layer, out.get(layer + "_" + pass + "_mean"), out.get(layer + "_" + pass + "_var"),
                            (to - from) * bnPositions.get(layer));
                }
            }
            sum += out.get("reconLoss").getDouble(0) * (to - from);
        }
        return sum / n;
    }

    /** A last batch of one image joins the one before: batch statistics of a single image are undefined. */
    private static long batchEnd(long from, long n, int batchSize) {
        long to = Math.min(n, from + batchSize);
        return n - to == 1 ? n : to;
    }

    private void step(Map<String, INDArray> gradients, List<String> params, double lr) {
        for (String p : params) {
            apply(p, gradients.get(p), lr);
        }
    }

    // AdamW: the Adam step, then the decoupled decay p -= lr·wd·p
    private void apply(String name, INDArray gradient, double lr) {
        INDArray p = sd.getVariable(name).getArr();
        updaters.get(name).applyUpdater(gradient, iteration - 1, 0);
        p.muli(1 - lr * Training.WEIGHT_DECAY).subi(gradient);
    }

    /** running = 0.9·running + 0.1·batch, with the unbiased batch variance, as PyTorch. */
    private void updateRunning(String layer, INDArray mean, INDArray biasedVar, long count) {
        double unbiased = count > 1 ? count / (count - 1.0) : 1;
        sd.getVariable(layer + "RunMean").getArr().muli(1 - BN_MOMENTUM).addi(mean.mul(BN_MOMENTUM));
        sd.getVariable(layer + "RunVar").getArr().muli(1 - BN_MOMENTUM).addi(biasedVar.mul(BN_MOMENTUM * unbiased));
    }

    /** A copy of every BatchNorm layer's running mean and variance. */
    public Map<String, INDArray> runningStatistics() {
        Map<String, INDArray> copy = new HashMap<>();
        for (String layer : bnPositions.keySet()) {
            copy.put(layer + "RunMean", sd.getVariable(layer + "RunMean").getArr().dup());
            copy.put(layer + "RunVar", sd.getVariable(layer + "RunVar").getArr().dup());
        }
        return copy;
    }

    public void restoreRunningStatistics(Map<String, INDArray> saved) {
        saved.forEach((name, value) -> sd.getVariable(name).getArr().assign(value));
    }

    /**
     * Scoring uses BatchNorm statistics recomputed over the training images under the final weights: the running
     * averages lag the fast-moving adversarial training (docs/baselines.md, oc0 after epoch 2: training-image MSE
     * 0.117 through the running statistics, 0.081 through recomputed ones, 0.082 in training passes).
     */
    @Override
    public void finishTraining(INDArray train, int batchSize) {
        recomputeRunningStatistics(train, batchSize);
    }

    /**
     * Replaces the running statistics by the population statistics of {@code images} under the current weights
     * (training-mode passes E(x) and G(E(x)) in batches of {@code batchSize}; nothing is trained).
     */
    public void recomputeRunningStatistics(INDArray images, int batchSize) {
        List<String> outputs = new ArrayList<>();
        for (String pass : List.of("x", "z")) {
            for (String layer : batchStats.get(pass)) {
                outputs.add(layer + "_" + pass + "_mean");
                outputs.add(layer + "_" + pass + "_var");
            }
        }
        Map<String, INDArray> sums = new HashMap<>();
        long n = images.size(0);
        for (long from = 0; from < n; from = batchEnd(from, n, batchSize)) {
            long to = batchEnd(from, n, batchSize);
            INDArray batch = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Map<String, INDArray> out = sd.output(Map.of("x", batch), outputs.toArray(String[]::new));
            double w = (double) (to - from) / n;
            for (String name : outputs) {
                INDArray v = out.get(name);
                // E[x²] per batch = var + mean², so the population variance comes out exact
                INDArray term = name.endsWith("_var")
                        ? v.add(out.get(name.replace("_var", "_mean")).mul(out.get(name.replace("_var", "_mean"))))
                        : v.dup();
                sums.merge(name, term.muli(w), INDArray::addi);
            }
        }
        for (String pass : List.of("x", "z")) {
            for (String layer : batchStats.get(pass)) {
                INDArray mean = sums.get(layer + "_" + pass + "_mean");
                INDArray var = sums.get(layer + "_" + pass + "_var").sub(mean.mul(mean));
                sd.getVariable(layer + "RunMean").getArr().assign(mean);
                sd.getVariable(layer + "RunVar").getArr().assign(var);
            }
        }
    }

    /** Mean reconstruction MSE of {@code images} with training-mode BatchNorm (batch statistics), nothing trained. */
    public double trainingModeReconstructionError(INDArray images, int batchSize) {
        long n = images.size(0);
        double sum = 0;
        for (long from = 0; from < n; from = batchEnd(from, n, batchSize)) {
            long to = batchEnd(from, n, batchSize);
            INDArray batch = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            sum += sd.outputSingle(Map.of("x", batch), "reconLoss").getDouble(0) * (to - from);
        }
        return sum / n;
    }

    private INDArray prior(int n) {
        float[] v = new float[n * LATENT];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return Nd4j.create(v, new long[] {n, LATENT}, 'c');
    }

    /**
     * Half uniform pixel noise, half coarse noise ((H/4)×(W/4) cells blown up 4×: 7×7 on Fashion-MNIST), both at
     * the image's own size inside the -1 padding as the real images, so the padding alone does not give them away.
     */
    private INDArray noiseImages() {
        int h = shape.height();
        int w = shape.width();
        int top = (ph - h) / 2;
        int left = (pw - w) / 2;
        int ch4 = (h + 3) / 4;
        int cw4 = (w + 3) / 4;
        float[] v = new float[NOISE_IMAGES * c * ph * pw];
        java.util.Arrays.fill(v, -1f);
        for (int i = 0; i < NOISE_IMAGES; i++) {
            boolean coarse = i >= NOISE_IMAGES / 2;
            float[] cells = new float[c * ch4 * cw4];
            if (coarse) {
                for (int k = 0; k < cells.length; k++) {
                    cells[k] = random.nextFloat() * 2 - 1;
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int at = ((i * c + ch) * ph + y + top) * pw + x + left;
                        v[at] = coarse ? cells[(ch * ch4 + y / 4) * cw4 + x / 4] : random.nextFloat() * 2 - 1;
                    }
                }
            }
        }
        return Nd4j.create(v, new long[] {NOISE_IMAGES, c, ph, pw}, 'c');
    }

    /** The two parts of the anomaly score, per image. */
    public record Parts(double[] reconstructionError, double[] classifierLogit) {
        /** z(reconstruction error) + weight·z(−logit). */
        public double[] combined(double classifierWeight) {
            double[] r = standardised(reconstructionError, 1);
            double[] l = standardised(classifierLogit, -1);
            double[] out = new double[r.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = r[i] + classifierWeight * l[i];
            }
            return out;
        }

        private static double[] standardised(double[] v, double sign) {
            double mean = 0;
            for (double d : v) {
                mean += d;
            }
            mean /= v.length;
            double var = 0;
            for (double d : v) {
                var += (d - mean) * (d - mean);
            }
            double sd = Math.sqrt(var / v.length);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = sd == 0 ? 0 : sign * (v[i] - mean) / sd;
            }
            return out;
        }
    }

    public Parts parts(INDArray images) {
        long n = images.size(0);
        double[] recon = new double[(int) n];
        double[] logit = new double[(int) n];
        int at = 0;
        for (long from = 0; from < n; from += 500) {
            INDArray batch = images.get(NDArrayIndex.interval(from, Math.min(n, from + 500)), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            Map<String, INDArray> out = sd.output(Map.of("x", batch), "recon", "logit");
            double[] r = out.get("recon").toDoubleVector();
            double[] l = out.get("logit").toDoubleVector();
            System.arraycopy(r, 0, recon, at, r.length);
            System.arraycopy(l, 0, logit, at, l.length);
            at += r.length;
        }
        return new Parts(recon, logit);
    }

    @Override
    public double[] score(INDArray images) {
        return parts(images).combined(CLASSIFIER_WEIGHT);
    }

    @Override
    public INDArray reconstruct(INDArray images) {
        return sd.outputSingle(Map.of("x", images), "xr");
    }

    @Override
    public long trainableParams() {
        long n = 0;
        for (String p : aeParams) {
            n += sd.getVariable(p).getArr().length();
        }
        for (String p : discParams) {
            n += sd.getVariable(p).getArr().length();
        }
        return n;
    }

    @Override
    public Path save(Path dir) throws IOException {
        Path file = dir.resolve("model.sdz");
        sd.save(file.toFile(), false);
        return file;
    }

    public ImageShape shape() {
        return shape;
    }
}
