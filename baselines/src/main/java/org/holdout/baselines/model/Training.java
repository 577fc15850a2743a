package org.holdout.baselines.model;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.holdout.baselines.Autoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;

/** The reference's optimiser for every model: AdamW, lr 1e-3, weight decay 0.01 (decoupled), seeded. */
final class Training {
    static final double LEARNING_RATE = 1e-3;
    static final double WEIGHT_DECAY = 0.01;

    private Training() {
    }

    static NeuralNetConfiguration.Builder adamW(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(LEARNING_RATE))
                // applyLR=true: p -= lr·wd·p after the Adam step, which is AdamW (PyTorch decays biases too)
                .weightDecay(WEIGHT_DECAY, true)
                .weightDecayBias(WEIGHT_DECAY, true)
                .weightInit(WeightInit.UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** The network of {@code conf}, its parameters drawn as {@link #seededInit} does, as an autoencoder. */
    static Autoencoder autoencoder(MultiLayerConfiguration conf, long seed, boolean convolutional) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new Autoencoder(seededInit(net, seed), convolutional);
    }

    /**
     * Re-draws every weight and bias from U(±1/sqrt(fan_in)) with {@code java.util.Random(seed)}: PyTorch's
     * default for Linear, Conv2d and ConvTranspose2d (fan_in of a transposed conv = out channels·k·k), and,
     * unlike DL4J's own initialisation in 1.0.0-M2.1, the same in every JVM for the same seed.
     */
    private static MultiLayerNetwork seededInit(MultiLayerNetwork net, long seed) {
        Random random = new Random(seed);
        for (Layer layer : net.getLayers()) {
            INDArray w = layer.paramTable().get("W");
            INDArray b = layer.paramTable().get("b");
            if (w == null) {
                continue;
            }
            long[] s = w.shape();
            long fanIn;
            if (s.length == 2) {
                fanIn = s[0];
            } else if (layer.conf().getLayer() instanceof Deconvolution2D d) {
                fanIn = d.getNOut() * s[2] * s[3];
            } else {
                fanIn = w.length() / s[0];
            }
            double bound = 1.0 / Math.sqrt(fanIn);
            fill(w, bound, random);
            if (b != null) {
                fill(b, bound, random);
            }
        }
        return net;
    }

    private static void fill(INDArray a, double bound, Random random) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        a.assign(org.nd4j.linalg.factory.Nd4j.create(v, a.shape(), a.ordering()));
    }
}
