package org.holdout.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.holdout.npy.UInt8Array;

/**
 * An opened, verified competition bundle (format in DESIGN.md): train.npy, test.npy, sample_submission.csv,
 * solution.csv, bundle.json. Test Ids are the decimal indices "0".."M-1" in test.npy order.
 * A supervised bundle also has train_labels.npy (0/1 per training image, 1 = anomaly).
 */
public interface Bundle {

    String TRAIN = "train.npy";
    String TEST = "test.npy";
    String SAMPLE_SUBMISSION = "sample_submission.csv";
    String SOLUTION = "solution.csv";
    String MANIFEST = "bundle.json";
    String TRAIN_LABELS = "train_labels.npy";

    /** Opens a bundle folder, verifying hashes and shapes; the message of the exception names the file. */
    static Bundle open(Path dir) throws IOException {
        return BundleReader.open(dir);
    }

    Path dir();

    BundleManifest manifest();

    UInt8Array train() throws IOException;

    UInt8Array test() throws IOException;

    /** The 0/1 labels of train.npy (1 = anomaly) for a supervised bundle; empty otherwise. */
    Optional<UInt8Array> trainLabels() throws IOException;

    default Path sampleSubmission() {
        return dir().resolve(SAMPLE_SUBMISSION);
    }

    default Path solution() {
        return dir().resolve(SOLUTION);
    }

    /** Test Ids in test.npy order. */
    List<String> testIds();
}
