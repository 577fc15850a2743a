package org.holdout.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.util.ModelSerializer;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A {@link MultiLayerNetwork} autoencoder as a baseline: trained on x → x, scored by per-image MSE. */
public final class Autoencoder implements BaselineModel {
    private final MultiLayerNetwork net;
    private final boolean convolutional;

    public Autoencoder(MultiLayerNetwork net, boolean convolutional) {
        this.net = net;
        this.convolutional = convolutional;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    @Override
    public INDArray prepare(UInt8Array images) {
        return convolutional ? ImageData.padded(images) : ImageData.flat(images);
    }

    @Override
    public double fitEpoch(INDArray train, int batchSize) {
        long n = train.size(0);
        double sum = 0;
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray batch = rows(train, from, to);
            net.fit(batch, batch);
            sum += dataLoss(batch) * (to - from);
        }
        return sum / n;
    }

    /** DL4J's score adds the weight-decay term, and CnnLossLayer sums over pixels: report the plain mean MSE. */
    private double dataLoss(INDArray batch) {
        double loss = net.score() - net.calcRegularizationScore(true);
        return convolutional ? loss / (batch.size(2) * batch.size(3)) : loss;
    }

    @Override
    public double[] score(INDArray images) {
        long n = images.size(0);
        double[] scores = new double[(int) n];
        int at = 0;
        for (long from = 0; from < n; from += 500) {
            INDArray batch = rows(images, from, Math.min(n, from + 500));
            INDArray err = net.output(batch, false).subi(batch);
            INDArray perImage = err.muli(err).reshape(batch.size(0), -1).mean(1);
            for (double v : perImage.toDoubleVector()) {
                scores[at++] = v;
            }
        }
        return scores;
    }

    @Override
    public INDArray reconstruct(INDArray images) {
        return net.output(images, false);
    }

    /** DL4J keeps BatchNorm's running mean and variance among the parameters; PyTorch's count leaves them out. */
    @Override
    public long trainableParams() {
        long count = 0;
        for (Layer layer : net.getLayers()) {
            for (var e : layer.paramTable().entrySet()) {
                String key = e.getKey();
                boolean runningStat = key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                if (!runningStat) {
                    count += e.getValue().length();
                }
            }
        }
        return count;
    }

    @Override
    public Path save(Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        return file;
    }

    static INDArray rows(INDArray a, long from, long to) {
        return a.rank() == 2
                ? a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
