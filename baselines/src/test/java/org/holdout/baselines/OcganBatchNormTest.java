package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.holdout.baselines.model.Ocgan;
import org.holdout.bundle.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class OcganBatchNormTest {
    @TempDir
    Path tmp;

    @Test
    void recomputed_statistics_make_scoring_reconstruct_exactly_as_a_training_pass_over_the_same_images() throws IOException {
        Bundle bundle = TestBundles.tiny(tmp.resolve("bundle"));
        Ocgan model = Ocgan.build(ImageData.shapeOf(bundle.train()), 5);
        INDArray x = model.prepare(bundle.train());
        Random shuffle = new Random(5);
        for (int e = 0; e < 3; e++) {
            model.fitEpoch(ImageData.shuffled(x, ImageData.permutation((int) x.size(0), shuffle)), 16);
        }
        int all = (int) x.size(0);
        double trainingPass = model.trainingModeReconstructionError(x, all);
        Map<String, INDArray> running = model.runningStatistics();

        model.finishTraining(x, all);

        assertThat(model.runningStatistics()).isNotEqualTo(running);
        assertThat(mean(model.parts(x).reconstructionError())).isCloseTo(trainingPass, within(1e-5));
        model.restoreRunningStatistics(running);
        assertThat(model.runningStatistics()).isEqualTo(running);
    }

    @Test
    void batches_of_any_size_give_the_first_layers_population_statistics() throws IOException {
        Bundle bundle = TestBundles.tiny(tmp.resolve("bundle"));
        Ocgan model = Ocgan.build(ImageData.shapeOf(bundle.train()), 6);
        INDArray x = model.prepare(bundle.train());
        model.fitEpoch(x, 16);

        model.recomputeRunningStatistics(x, (int) x.size(0));
        Map<String, INDArray> onePass = model.runningStatistics();
        model.recomputeRunningStatistics(x, 7);
        Map<String, INDArray> batched = model.runningStatistics();

        assertThat(batched.keySet()).isEqualTo(onePass.keySet());
        for (String name : onePass.keySet()) {
            // deeper layers see inputs normalised by batch statistics, which do depend on the batching
            if (name.startsWith("e1")) {
                assertThat(batched.get(name).ravel().toDoubleVector()).containsExactly(onePass.get(name).ravel().toDoubleVector(),
                        within(1e-4));
            }
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
