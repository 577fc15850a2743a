package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.holdout.baselines.model.Ocgan;
import org.holdout.bundle.Bundle;
import org.holdout.npy.UInt8Array;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Tag;

/** The models on 500 training images of the real default Fashion-MNIST bundle, built by the data module. */
@Tag("slow")
class FashionMnistTrainingTest {
    @TempDir
    static Path tmp;
    static Bundle bundle;

    @BeforeAll
    static void buildBundle() throws IOException {
        bundle = TestBundles.fashionMnist(tmp.resolve("fashion-mnist"));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void loss_goes_down_on_500_training_images(Tier tier) throws IOException {
        UInt8Array train = ImageData.subset(bundle.train(), 500, 0);
        BaselineModel model = Models.build(tier, ImageData.shapeOf(train), 0);
        INDArray x = model.prepare(train);
        double first = model.fitEpoch(x, 50);
        model.fitEpoch(x, 50);
        double third = model.fitEpoch(x, 50);
        assertThat(third).isLessThan(first);
    }

    @Test
    void a_full_run_scores_all_10000_test_images_and_the_scorer_accepts_them() throws Exception {
        BaselineTrainer.Result r = BaselineTrainer.train(Tier.SIMPLE, bundle, tmp.resolve("simple"),
                new TierBudget(2, 64, 500), 0, TrainingListener.NONE);

        assertThat(r.trainImages()).isEqualTo(500);
        Score score = Scorer.score(Solution.read(bundle.solution()), Files.readAllBytes(r.submission()));
        assertThat(score.rows()).isEqualTo(10_000);
        assertThat(score.publicAuc()).isBetween(0.0, 1.0);
        assertThat(score.privateAuc()).isBetween(0.0, 1.0);
    }

    @Test
    void boss_score_uses_both_the_reconstruction_and_the_classifier() throws IOException {
        UInt8Array train = ImageData.subset(bundle.train(), 500, 0);
        Ocgan boss = Ocgan.build(ImageData.shapeOf(train), 0);
        INDArray x = boss.prepare(train);
        for (int e = 0; e < 2; e++) {
            boss.fitEpoch(x, 50);
        }
        Ocgan.Parts parts = boss.parts(boss.prepare(ImageData.subset(bundle.test(), 2000, 0)));

        int[] combined = order(parts.combined(Ocgan.CLASSIFIER_WEIGHT));
        int[] reconstructionOnly = order(parts.combined(0));
        int[] classifierOnly = order(Arrays.stream(parts.classifierLogit()).map(v -> -v).toArray());
        assertThat(combined).isNotEqualTo(reconstructionOnly);
        assertThat(combined).isNotEqualTo(classifierOnly);
        assertThat(rankCorrelation(combined, reconstructionOnly)).isLessThan(0.999);
        assertThat(rankCorrelation(combined, classifierOnly)).isLessThan(0.999);
    }

    private static int[] order(double[] scores) {
        return IntStream.range(0, scores.length).boxed().sorted(Comparator.comparingDouble(i -> scores[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Spearman's rho between two orderings of the same items. */
    private static double rankCorrelation(int[] a, int[] b) {
        int n = a.length;
        int[] rankA = new int[n];
        int[] rankB = new int[n];
        for (int i = 0; i < n; i++) {
            rankA[a[i]] = i;
            rankB[b[i]] = i;
        }
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            d2 += Math.pow(rankA[i] - rankB[i], 2);
        }
        return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
    }
}
