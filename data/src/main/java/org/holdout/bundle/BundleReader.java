package org.holdout.bundle;

import java.io.IOException;
import java.nio.file.Path;

/** CONTRACT STUB: opens and verifies a bundle folder. */
final class BundleReader {
    private BundleReader() {
    }

    static Bundle open(Path dir) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
