package org.holdout.baselines;

import org.holdout.baselines.model.BatchNormConvAutoencoder;
import org.holdout.baselines.model.ConvAutoencoder;
import org.holdout.baselines.model.FcnAutoencoder;
import org.holdout.baselines.model.Ocgan;

/** Which model class each tier is. */
public final class Models {
    private Models() {
    }

    public static BaselineModel build(Tier tier, ImageShape shape, long seed) {
        return switch (tier) {
            case SIMPLE -> FcnAutoencoder.build(shape, seed);
            case MEDIUM -> ConvAutoencoder.build(shape, seed);
            case STRONG -> BatchNormConvAutoencoder.build(shape, seed);
            case BOSS -> Ocgan.build(shape, seed);
        };
    }
}
