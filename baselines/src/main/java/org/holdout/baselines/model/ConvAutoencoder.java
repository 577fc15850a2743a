package org.holdout.baselines.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.holdout.baselines.Autoencoder;
import org.holdout.baselines.ImageShape;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The medium baseline: a convolutional autoencoder; each stride-2 layer halves (or doubles) the side, so the
 * input is padded to a multiple of 8. Scored by reconstruction MSE over the padded image.
 */
public final class ConvAutoencoder {
    private ConvAutoencoder() {
    }

    public static Autoencoder build(ImageShape shape, long seed) {
        int c = shape.channels();
        //Conv 4x4 s2 p1 c -> 12 -> 24 -> 48, ReLU; Deconv 4x4 s2 p1 48 -> 24 -> 12 -> c, Tanh (47,355 params at c=3)
        MultiLayerConfiguration conf = Training.adamW(seed)
                .list()
                .layer(conv(c, 12, Activation.RELU))
                .layer(conv(12, 24, Activation.RELU))
                .layer(conv(24, 48, Activation.RELU))
                .layer(deconv(48, 24, Activation.RELU))
                .layer(deconv(24, 12, Activation.RELU))
                .layer(deconv(12, c, Activation.TANH))
                .layer(new CnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(shape.paddedHeight(), shape.paddedWidth(), c))
                .build();
        return Training.autoencoder(conf, seed, true);
    }

    static ConvolutionLayer conv(int in, int out, Activation activation) {
        return new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(in).nOut(out)
                .activation(activation).build();
    }

    static Deconvolution2D deconv(int in, int out, Activation activation) {
        return new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(in).nOut(out)
                .activation(activation).build();
    }
}
