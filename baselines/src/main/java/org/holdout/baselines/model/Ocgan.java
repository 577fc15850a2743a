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
 *   <li>encoder E: three 4×4 stride-2 convolutions (16, 32, 64 channels, LeakyReLU 0.2), a linear layer to a
 *       16-d latent code, Tanh, so codes live in [-1, 1]^16;</li>
 *   <li>decoder G: linear 16 → 64·(H/8)·(W/8), ReLU, three 4×4 stride-2 transposed convolutions (32, 16, C), Tanh.
 *       G decodes E(x) (the autoencoder) and doubles as a generator of images from codes u ~ U(-1, 1)^16;</li>
 *   <li>image classifier C: three convolutions and a linear layer to one logit; it learns to tell real normal
 *       images (1) from generated images G(u) and from noise images (0);</li>
 *   <li>latent discriminator D: 16 → 128 → 128 → 1; it learns u (1) from E(x) (0), which pushes the codes of
 *       normal images to fill the whole latent box, so that every code decodes to a normal-looking image.</li>
 * </ul>
 *
 * <p>One training step on a batch x: C and D minimise their binary cross-entropies (AdamW 2e-4, β1 0.5) on
 * real, generated and noise images and on prior and encoded codes; E and G minimise
 * MSE(G(E(x)), x) + 0.1·[BCE(C(G(u)), 1) + BCE(D(E(x)), 1)] (AdamW 1e-3), i.e. reconstruct well while
 * generating images C takes for normal and codes D takes for prior samples. Both updates come from one
 * forward/backward pass: stop-gradient nodes keep each loss away from the other side's parameters (the
 * reference alternates the two steps; here they are simultaneous).
 *
 * <p>Anomaly score of an image: z(reconstruction MSE) + 0.5·z(−C(x)), each part standardised over the
 * scored set. An anomaly reconstructs badly (the decoder only knows normal images) and looks unlike a
 * normal image to C. No BatchNorm (the reference has it): its running statistics would need a second graph.
 */
public final class Ocgan implements BaselineModel {
    public static final int LATENT = 16;
    public static final double CLASSIFIER_WEIGHT = 0.5;
    static final double ADVERSARIAL_WEIGHT = 0.1;
    static final int NOISE_IMAGES = 32;
    private static final double AE_LR = 1e-3;
    private static final double DISC_LR = 2e-4;

    private final ImageShape shape;
    private final SameDiff sd = SameDiff.create();
    private final Random random;
    private final List<String> aeParams = new ArrayList<>();
    private final List<String> discParams = new ArrayList<>();
    private final Map<String, SDVariable> frozen = new HashMap<>();
    private final Map<String, AdamUpdater> updaters = new HashMap<>();
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

        //E: conv 4x4 s2 c->16->32->64 LeakyReLU 0.2, linear -> 16, Tanh
        param(aeParams, "e1", 4, 4, c, 16);
        param(aeParams, "e2", 4, 4, 16, 32);
        param(aeParams, "e3", 4, 4, 32, 64);
        param(aeParams, "e4", flat, LATENT);
        //G: linear 16 -> 64*(H/8)*(W/8) ReLU, deconv 4x4 s2 64->32->16->c, ReLU, Tanh out
        param(aeParams, "g1", LATENT, flat);
        deconvParam(aeParams, "g2", 64, 32);
        deconvParam(aeParams, "g3", 32, 16);
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

        SDVariable z = encode(x);
        SDVariable xr = decode(z).rename("xr");
        SDVariable recon = sd.math().squaredDifference(xr, x).mean("recon", 1, 2, 3);
        SDVariable reconLoss = recon.mean("reconLoss");
        SDVariable gu = decode(u);

        SDVariable logit = classify(x, false).reshape(-1).rename("logit");
        SDVariable lossC = softplus(logit.neg()).add(softplus(classify(stop(gu), false))).add(softplus(classify(noise, false)));
        SDVariable lossD = softplus(discriminate(u, false).neg()).add(softplus(discriminate(stop(z), false)));
        SDVariable adversarial = softplus(classify(gu, true).neg()).add(softplus(discriminate(z, true).neg()));
        SDVariable total = reconLoss.add(adversarial.mul(ADVERSARIAL_WEIGHT)).add(lossC).add(lossD).rename("total");
        sd.setLossVariables(total);

        for (String p : aeParams) {
            updaters.put(p, adam(p, new Adam(AE_LR)));
        }
        for (String p : discParams) {
            updaters.put(p, adam(p, new Adam(DISC_LR, 0.5, 0.999, 1e-8)));
        }
    }

    private SDVariable encode(SDVariable x) {
        SDVariable h = sd.nn().leakyRelu(conv(x, "e1", false), 0.2);
        h = sd.nn().leakyRelu(conv(h, "e2", false), 0.2);
        h = sd.nn().leakyRelu(conv(h, "e3", false), 0.2);
        return sd.math().tanh(dense(sd.reshape(h, -1, 64L * (ph / 8) * (pw / 8)), "e4", false));
    }

    private SDVariable decode(SDVariable z) {
        SDVariable h = sd.nn().relu(dense(z, "g1", false), 0);
        h = sd.reshape(h, -1, 64, ph / 8, pw / 8);
        h = sd.nn().relu(deconv(h, "g2"), 0);
        h = sd.nn().relu(deconv(h, "g3"), 0);
        return sd.math().tanh(deconv(h, "g4"));
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
        List<String> all = new ArrayList<>(aeParams);
        all.addAll(discParams);
        List<String> outputs = List.of("reconLoss");
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray batch = train.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Map<String, INDArray> feed = Map.of("x", batch, "u", prior((int) (to - from)), "noise", noiseImages());
            OutAndGrad og = sd.calculateGradientsAndOutputs(feed, outputs, all);
            step(og.getGradients());
            sum += og.getOutputs().get("reconLoss").getDouble(0) * (to - from);
        }
        return sum / n;
    }

    private void step(Map<String, INDArray> gradients) {
        for (String p : aeParams) {
            apply(p, gradients.get(p), AE_LR);
        }
        for (String p : discParams) {
            apply(p, gradients.get(p), DISC_LR);
        }
        iteration++;
    }

    // AdamW: the Adam step, then the decoupled decay p -= lr·wd·p
    private void apply(String name, INDArray gradient, double lr) {
        INDArray p = sd.getVariable(name).getArr();
        updaters.get(name).applyUpdater(gradient, iteration, 0);
        p.muli(1 - lr * Training.WEIGHT_DECAY).subi(gradient);
    }

    private INDArray prior(int n) {
        float[] v = new float[n * LATENT];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return Nd4j.create(v, new long[] {n, LATENT}, 'c');
    }

    /** Half uniform pixel noise, half coarse (H/4 × W/4) noise blown up 4×: neither looks like a normal image. */
    private INDArray noiseImages() {
        int plane = ph * pw;
        float[] v = new float[NOISE_IMAGES * c * plane];
        for (int i = 0; i < NOISE_IMAGES; i++) {
            boolean coarse = i >= NOISE_IMAGES / 2;
            int cw = pw / 4;
            float[] cells = new float[c * (ph / 4) * cw];
            for (int k = 0; k < cells.length; k++) {
                cells[k] = random.nextFloat() * 2 - 1;
            }
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        int at = ((i * c + ch) * ph + y) * pw + x;
                        v[at] = coarse ? cells[(ch * (ph / 4) + y / 4) * cw + x / 4] : random.nextFloat() * 2 - 1;
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
