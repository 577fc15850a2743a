package org.holdout.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.CourseLayout;
import org.holdout.bundle.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdout bundle course}: a bundle from the course's trainingset.npy, testingset.npy and test labels. */
@Command(name = "course", mixinStandardHelpOptions = true,
        description = "Build a bundle from the course's own files: trainingset.npy (normal images), testingset.npy and "
                + "the test labels (1 = anomaly).")
class BundleCourseCommand extends BundleBuildCommand {

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "N×H×W×C uint8 .npy of normal images.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "M×H×W×C uint8 .npy of test images.")
    Path test;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Test labels, 0 normal / 1 anomaly: "
            + ".npy, CSV with columns Id and Expected, or one label per line.")
    Path labels;

    @Option(names = "--keep-order", description = "Keep the test set's order, so Id i is image i of --test "
            + "(default: shuffle with the seed).")
    boolean keepOrder;

    @Override
    BundleContents build(Progress progress) throws IOException {
        return CourseLayout.build(new CourseLayout.Options(train, test, labels, seed, publicFraction, keepOrder, name), progress);
    }

    @Override
    String task() {
        return "course";
    }
}
