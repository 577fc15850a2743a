package org.holdout.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.holdout.bundle.BundleManifest;

/** The few lines that describe a bundle after it is built or verified. */
final class BundleSummary {
    private BundleSummary() {
    }

    static void print(BundleManifest m, PrintWriter out) {
        Map<String, Map<String, Integer>> labels = m.labelCounts();
        out.printf("  source: %s, seed %d%n", m.source(), m.seed());
        out.printf("  images: %d×%d×%d; normal classes: %s%n", m.height(), m.width(), m.channels(),
                String.join(", ", m.normalClassNames()));
        out.printf("  train: %d images%s%n", m.trainCount(), m.supervised()
                ? " (supervised: " + count(labels, "train", "anomaly") + " labelled anomalies, in " + org.holdout.bundle.Bundle.TRAIN_LABELS + ")"
                : " (normal only)");
        out.printf("  test: %d images (%d normal, %d anomalies)%n", m.testCount(), count(labels, "test", "normal"),
                count(labels, "test", "anomaly"));
        out.printf("  public: %d rows (%d anomalies); private: %d rows (%d anomalies)%n",
                count(labels, "public", "normal") + count(labels, "public", "anomaly"), count(labels, "public", "anomaly"),
                count(labels, "private", "normal") + count(labels, "private", "anomaly"), count(labels, "private", "anomaly"));
    }

    private static int count(Map<String, Map<String, Integer>> labels, String split, String label) {
        return labels.getOrDefault(split, Map.of()).getOrDefault(label, 0);
    }
}
