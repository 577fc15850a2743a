package org.holdout.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The contents of bundle.json. {@code files} maps each file name to its lower-case hex SHA-256.
 * {@code classCounts} maps a split ({@code train}, {@code test}, {@code public}, {@code private}) to the number of
 * images per class name; {@code labelCounts} maps a split to its {@code normal} and {@code anomaly} counts.
 * {@code anomalyFraction} is set for supervised bundles only: the share of each anomalous class's training
 * images that went into train.npy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        int formatVersion,
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
        Double anomalyFraction,
        int trainCount,
        int testCount,
        Map<String, Map<String, Integer>> classCounts,
        Map<String, Map<String, Integer>> labelCounts,
        Map<String, String> files) {

    /** The bundle format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The original contract's fields; counts left empty. */
    public BundleManifest(String name, String source, long seed, int height, int width, int channels,
            List<String> classNames, List<Integer> normalClasses, double publicFraction, boolean supervised,
            Map<String, String> files) {
        this(FORMAT_VERSION, name, source, seed, height, width, channels, classNames, normalClasses, publicFraction,
                supervised, null, 0, 0, Map.of(), Map.of(), files);
    }

    /** Names of the normal classes, in class order. */
    public List<String> normalClassNames() {
        return normalClasses.stream().map(classNames::get).toList();
    }
}
