package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.holdout.baselines.model.BatchNormConvAutoencoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Tag;

/**
 * The conv autoencoders' back-propagated gradients (DL4J's Conv, Deconv and BatchNorm layers) against central
 * finite differences of their loss, in double precision: what the fidelity runs rely on when they compare
 * trainings with PyTorch's.
 */
@Tag("slow")
class GradientCheckTest {
    private static final int BATCH = 8;

    @ParameterizedTest
    @ValueSource(strings = {"medium", "strong", "strong-relu-first"})
    void gradients_equal_finite_differences(String model) {
        ImageShape shape = new ImageShape(16, 16, 1);
        Autoencoder built = switch (model) {
            case "medium" -> (Autoencoder) Models.build(Tier.MEDIUM, shape, 0);
            case "strong" -> (Autoencoder) Models.build(Tier.STRONG, shape, 0);
            default -> BatchNormConvAutoencoder.build(shape, 0, true);
        };
        MultiLayerNetwork net = built.network().convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 1, 16, 16).muli(2).subi(1);
        net.setInput(x);
        net.setLabels(x);
        net.computeGradientAndScore();
        // DL4J sums the loss gradient over the batch and lets the updater divide by its size
        INDArray analytic = net.gradient().gradient().dup().divi(BATCH);
        INDArray params = net.params();
        Random pick = new Random(3);
        long offset = 0;
        int checked = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            long n = e.getValue().length();
            String key = e.getKey();
            boolean runningStat = key.endsWith(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                    || key.endsWith(BatchNormalizationParamInitializer.GLOBAL_VAR)
                    || key.endsWith(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            for (int k = 0; !runningStat && k < Math.min(n, 6); k++) {
                long i = offset + pick.nextInt((int) n);
                double numeric = (lossWith(net, params, i, 1e-6, x) - lossWith(net, params, i, -1e-6, x)) / 2e-6;
                double a = analytic.getDouble(i);
                // 1e-7: the finite differences' own noise (a loss summed over 8·256 values, steps of 1e-6); it also
                // covers the biases before BatchNorm, whose gradient is zero (the normalisation removes them)
                assertThat(Math.abs(numeric - a))
                        .as("%s %s[%d]: analytic %g, numeric %g", model, key, i - offset, a, numeric)
                        .isLessThan(1e-4 * (Math.abs(numeric) + Math.abs(a)) + 1e-7);
                checked++;
            }
            offset += n;
        }
        assertThat(checked).isGreaterThan(30);
    }

    private static double lossWith(MultiLayerNetwork net, INDArray params, long i, double delta, INDArray x) {
        double original = params.getDouble(i);
        params.putScalar(i, original + delta);
        net.setParams(params);
        // the data term only: DL4J's score also holds the weight-decay term, which AdamW applies outside the gradient
        double loss = net.score(new DataSet(x, x), true) - net.calcRegularizationScore(true);
        params.putScalar(i, original);
        net.setParams(params);
        return loss;
    }
}
