package org.holdout.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One trainable baseline: what the shared training loop, the scorer and the image grid need from it. */
public interface BaselineModel {

    /** The images as this model sees them (flattened, or NCHW padded with -1), scaled to [-1, 1]. */
    INDArray prepare(UInt8Array images);

    /** One pass over {@code train} (rows already shuffled) in mini-batches; returns the mean reconstruction MSE. */
    double fitEpoch(INDArray train, int batchSize);

    /** After the last epoch, before scoring: a model may settle state that training leaves behind. */
    default void finishTraining(INDArray train, int batchSize) {
    }

    /** Anomaly score per image of {@code images} (prepared), higher = more anomalous. */
    double[] score(INDArray images);

    /** Reconstructions of {@code images} (prepared), in the same layout. */
    INDArray reconstruct(INDArray images);

    /** Trainable parameters, counted like PyTorch's {@code requires_grad} parameters. */
    long trainableParams();

    /** Writes the model into {@code dir}; returns the file. */
    Path save(Path dir) throws IOException;
}
