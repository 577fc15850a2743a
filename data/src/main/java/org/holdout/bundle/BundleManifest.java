package org.holdout.bundle;

import java.util.List;
import java.util.Map;

/**
 * The contents of bundle.json. CONTRACT STUB: the data work may add fields; these accessors stay.
 * {@code files} maps each file name to its lower-case hex SHA-256.
 */
public record BundleManifest(
        String name,
        String source,
        long seed,
        int height,
        int width,
        int channels,
        List<String> classNames,
        List<Integer> normalClasses,
        double publicFraction,
        boolean supervised,
        Map<String, String> files) {
}
