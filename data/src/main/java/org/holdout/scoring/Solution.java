package org.holdout.scoring;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The hidden answer key, {@code Id,Expected,Usage} (Kaggle's format; Expected 1 = anomaly; Usage Public or
 * Private). Read once and reused for every upload. CONTRACT STUB: implemented by the scoring work.
 */
public final class Solution {
    private Solution() {
    }

    public static Solution read(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int size() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
