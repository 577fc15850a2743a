package org.holdout.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * This manifest for a bundle whose solution.csv was replaced (a rescore): its SHA-256 and the normal/anomaly
     * counts of the test set and of each part; {@code partCounts} is {public normal, public anomaly, private normal,
     * private anomaly}. The class counts stay: a corrected label says nothing about an image's class.
     */
    public BundleManifest withSolution(String sha256, int[] partCounts) {
        Map<String, String> hashes = new TreeMap<>(files);
        hashes.put(Bundle.SOLUTION, sha256);
        Map<String, Map<String, Integer>> labels = new LinkedHashMap<>(labelCounts == null ? Map.of()
                : labelCounts);
        labels.put("test", counts(partCounts[0] + partCounts[2], partCounts[1] + partCounts[3]));
        labels.put("public", counts(partCounts[0], partCounts[1]));
        labels.put("private", counts(partCounts[2], partCounts[3]));
        return new BundleManifest(formatVersion, name, source, seed, height, width, channels, classNames,
                normalClasses, publicFraction, supervised, anomalyFraction, trainCount, testCount, classCounts, labels,
                hashes);
    }

    private static Map<String, Integer> counts(int normal, int anomaly) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("normal", normal);
        m.put("anomaly", anomaly);
        return m;
    }

    /** Reads a bundle.json without verifying the files it lists. */
    public static BundleManifest read(Path file) throws IOException {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(file.toFile(), BundleManifest.class);
    }

    /** The bundle.json text of this manifest, as the bundle builder writes it. */
    public byte[] toJson() throws IOException {
        return BundleWriter.manifestJson(this);
    }

    /** Names of the normal classes, in class order. */
    public List<String> normalClassNames() {
        return normalClasses.stream().map(classNames::get).toList();
    }
}
