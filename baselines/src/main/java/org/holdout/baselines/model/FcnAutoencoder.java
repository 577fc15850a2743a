package org.holdout.baselines.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.holdout.baselines.Autoencoder;
import org.holdout.baselines.ImageShape;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The simple baseline: a fully-connected autoencoder on the flattened image, scored by reconstruction MSE. */
public final class FcnAutoencoder {
    private FcnAutoencoder() {
    }

    public static Autoencoder build(ImageShape shape, long seed) {
        int in = shape.pixels();
        //in -> 128 -> 64 -> 12 -> 3 -> 12 -> 64 -> 128 -> in, ReLU, Tanh out (3,176,419 params on 64x64x3)
        MultiLayerConfiguration conf = Training.adamW(seed)
                .list()
                .layer(dense(in, 128))
                .layer(dense(128, 64))
                .layer(dense(64, 12))
                .layer(dense(12, 3))
                .layer(dense(3, 12))
                .layer(dense(12, 64))
                .layer(dense(64, 128))
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(128).nOut(in).activation(Activation.TANH).build())
                .build();
        return Training.autoencoder(conf, seed, false);
    }

    private static DenseLayer dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
    }
}
