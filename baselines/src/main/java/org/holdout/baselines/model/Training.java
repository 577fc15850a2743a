package org.holdout.baselines.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
                // U(±1/sqrt(fan_in)), PyTorch's default for Linear and Conv weights
                .weightInit(WeightInit.UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }
}
