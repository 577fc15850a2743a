package org.holdout.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.holdout.bundle.Bundle;

/**
 * Trains one baseline with its documented default budget and writes into {@code outDir}: the model file,
 * {@code submission.csv} (Id,Predicted), the training curve PNG and the reconstruction grid PNG.
 * CONTRACT STUB: implemented by the baselines work; the server calls this in the background on first start.
 */
public final class BaselineTrainer {
    private BaselineTrainer() {
    }

    /** @return the path of the written submission CSV */
    public static Path train(Tier tier, Bundle bundle, Path outDir, TrainingListener listener) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
