package org.holdout.baselines.model;

import static org.holdout.baselines.model.ConvAutoencoder.conv;
import static org.holdout.baselines.model.ConvAutoencoder.deconv;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.holdout.baselines.Autoencoder;
import org.holdout.baselines.ImageShape;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The strong baseline: the medium conv autoencoder with BatchNorm (then ReLU) after every layer but the last.
 * 240 of its trainable parameters are BatchNorm's gamma and beta; DL4J also stores the running mean and
 * variance as parameters, which {@link Autoencoder#trainableParams()} leaves out, as PyTorch does.
 */
public final class BatchNormConvAutoencoder {
    private BatchNormConvAutoencoder() {
    }

    public static Autoencoder build(ImageShape shape, long seed) {
        return build(shape, seed, false);
    }

    /**
     * {@code reluFirst}: Conv→ReLU→BN, the other reading of "BatchNorm after every layer", kept for the fidelity
     * runs in docs/baselines.md; the baseline is Conv→BN→ReLU.
     */
    public static Autoencoder build(ImageShape shape, long seed, boolean reluFirst) {
        int c = shape.channels();
        Activation conv = reluFirst ? Activation.RELU : Activation.IDENTITY;
        Activation bn = reluFirst ? Activation.IDENTITY : Activation.RELU;
        //Conv 4x4 s2 p1 c -> 12 -> 24 -> 48, Deconv 48 -> 24 -> 12 -> c; BN+ReLU after all but the last, Tanh out (47,595 params at c=3)
        MultiLayerConfiguration conf = Training.adamW(seed)
                .list()
                .layer(conv(c, 12, conv)).layer(batchNorm(12, bn))
                .layer(conv(12, 24, conv)).layer(batchNorm(24, bn))
                .layer(conv(24, 48, conv)).layer(batchNorm(48, bn))
                .layer(deconv(48, 24, conv)).layer(batchNorm(24, bn))
                .layer(deconv(24, 12, conv)).layer(batchNorm(12, bn))
                .layer(deconv(12, c, Activation.TANH))
                .layer(new CnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(shape.paddedHeight(), shape.paddedWidth(), c))
                .build();
        return Training.autoencoder(conf, seed, true);
    }

    // PyTorch's BatchNorm2d defaults: eps 1e-5, momentum 0.1 (DL4J decay 0.9)
    private static BatchNormalization batchNorm(int channels, Activation activation) {
        return new BatchNormalization.Builder().nOut(channels).eps(1e-5).decay(0.9)
                .activation(activation).build();
    }
}
