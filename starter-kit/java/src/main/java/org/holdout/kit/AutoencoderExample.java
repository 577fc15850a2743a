package org.holdout.kit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.holdout.npy.Npy;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A fully-connected autoencoder trained on the normal training images only; a test image's anomaly score is its
 * reconstruction error (mean squared, per pixel), since the model learned to rebuild normal images only.
 * Reads {@code train.npy} and {@code test.npy} with the same reader the Holdout server uses ({@code org.holdout.npy}).
 *
 * <pre>mvn -q compile exec:java -Dexec.args="--data .. --out submission.csv [--epochs 10] [--code 32]"</pre>
 */
public final class AutoencoderExample {
    private AutoencoderExample() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(".");
        Path out = Path.of("submission.csv");
        int epochs = 10;
        int code = 32;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--code" -> code = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; the options are --data DIR --out FILE --epochs N --code N");
            }
        }
        UInt8Array train = Npy.readUInt8(data.resolve("train.npy"));
        UInt8Array test = Npy.readUInt8(data.resolve("test.npy"));
        System.out.println("train.npy: " + Arrays.toString(train.shape()) + ", test.npy: " + Arrays.toString(test.shape()));
        if (train.itemSize() != test.itemSize()) {
            throw new IllegalArgumentException("train and test images differ in size");
        }
        INDArray x = flat(train);
        INDArray y = flat(test);
        MultiLayerNetwork net = autoencoder(train.itemSize(), code);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = 0;
            for (long from = 0; from < x.rows(); from += 128) {
                INDArray batch = x.get(NDArrayIndex.interval(from, Math.min(x.rows(), from + 128)), NDArrayIndex.all());
                net.fit(batch, batch);
                loss += net.score() * batch.rows();
            }
            System.out.printf(java.util.Locale.ROOT, "epoch %d of %d: training loss %.6f%n", epoch, epochs, loss / x.rows());
        }
        INDArray error = net.output(y, false).subi(y);
        double[] scores = error.muli(error).mean(1).toDoubleVector();
        List<String> ids = ids(data, test.count());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("Id,Predicted\n");
            for (int i = 0; i < scores.length; i++) {
                w.write(ids.get(i) + "," + scores[i] + "\n");
            }
        }
        System.out.println("wrote " + out + ": " + scores.length + " rows (higher = more anomalous). There are no"
                + " labels here, so no score: check it with holdout_kit.py and upload it to see its public score.");
    }

    static MultiLayerNetwork autoencoder(int pixels, int code) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(pixels).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(code).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(code).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(256).nOut(pixels)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** N images as an N×(H·W·C) matrix of pixels scaled to [0, 1]. */
    static INDArray flat(UInt8Array images) {
        float[] v = new float[images.count() * images.itemSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = images.get(i) / 255f;
        }
        return Nd4j.create(v, new long[] {images.count(), images.itemSize()}, 'c');
    }

    /** The Ids of sample_submission.csv in its order when it lists one per test image, else 0..count-1. */
    static List<String> ids(Path data, int count) throws IOException {
        Path sample = data.resolve("sample_submission.csv");
        List<String> ids = new ArrayList<>();
        if (Files.isRegularFile(sample)) {
            List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    ids.add(line.substring(0, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
                }
            }
        }
        if (ids.size() != count) {
            ids.clear();
            for (int i = 0; i < count; i++) {
                ids.add(Integer.toString(i));
            }
        }
        return ids;
    }
}
