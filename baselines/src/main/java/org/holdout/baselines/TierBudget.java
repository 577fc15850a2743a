package org.holdout.baselines;

/**
 * How long each baseline trains by default: the one place these numbers live ({@code BaselineTrainer.train}
 * and {@code holdout baseline train} both use it). Why these values: docs/baselines.md.
 *
 * @param epochs    passes over the (sub)set of training images
 * @param batchSize images per AdamW step
 * @param subset    train on this many training images, drawn with the seed (0 = all)
 */
public record TierBudget(int epochs, int batchSize, int subset) {

    public TierBudget {
        if (epochs < 1 || batchSize < 1 || subset < 0) {
            throw new IllegalArgumentException("bad budget: epochs " + epochs + ", batch " + batchSize + ", subset " + subset);
        }
    }

    public static TierBudget of(Tier tier) {
        return switch (tier) {
            case SIMPLE -> new TierBudget(4, 128, 1000);
            case MEDIUM -> new TierBudget(5, 64, 2000);
            case STRONG -> new TierBudget(3, 64, 2000);
            case BOSS -> new TierBudget(3, 64, 2000);
        };
    }

    public TierBudget withEpochs(Integer e) {
        return e == null ? this : new TierBudget(e, batchSize, subset);
    }

    public TierBudget withBatchSize(Integer b) {
        return b == null ? this : new TierBudget(epochs, b, subset);
    }

    public TierBudget withSubset(Integer s) {
        return s == null ? this : new TierBudget(epochs, batchSize, s);
    }
}
