package org.holdout.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.FashionMnist;
import org.holdout.bundle.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdout bundle fashion-mnist}: a bundle from the four Fashion-MNIST IDX files. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = {"Build a bundle from Fashion-MNIST: train = the normal classes' training images, test = all 10,000 "
                + "test images shuffled with the seed.",
                "Files are read from --source, else $" + FashionMnist.ENV_DIR + ", else " + "/usr/share/datasets/fashion-mnist "
                        + "(Debian package dataset-fashion-mnist)."})
class BundleFashionMnistCommand extends BundleBuildCommand {

    @Option(names = "--normal", split = ",", paramLabel = "CLASS", description = "Normal class numbers 0-9, comma separated "
            + "(default: ${DEFAULT-VALUE}; 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, "
            + "7 Sneaker, 8 Bag, 9 Ankle boot).")
    List<Integer> normal = FashionMnist.DEFAULT_NORMAL_CLASSES;

    @Option(names = "--source", paramLabel = "DIR", description = "Folder with the four .gz files.")
    Path source;

    @Option(names = "--supervised", description = "Labelled, imbalanced training set: the normal classes plus a share "
            + "of every anomalous class's training images, labelled in train_labels.npy.")
    boolean supervised;

    @Option(names = "--anomaly-fraction", paramLabel = "F", description = "With --supervised: share of each anomalous "
            + "class's training images put in the training set (default: ${DEFAULT-VALUE}).")
    double anomalyFraction = FashionMnist.DEFAULT_ANOMALY_FRACTION;

    @Option(names = "--download", description = "Fetch the four official files first (into --source, $" + FashionMnist.ENV_DIR
            + " or ~/.cache/holdout/fashion-mnist) and check their pinned SHA-256 sums.")
    boolean download;

    @Option(names = "--download-url", paramLabel = "URL", description = "Base URL to download from (default: ${DEFAULT-VALUE}).")
    String downloadUrl = FashionMnist.DOWNLOAD_BASE;

    @Override
    BundleContents build(Progress progress) throws IOException {
        FashionMnist.Options options = new FashionMnist.Options(sourceDir(), normal, seed, publicFraction, supervised,
                anomalyFraction, name);
        if (download) {
            FashionMnist.download(options.source(), downloadUrl.endsWith("/") ? downloadUrl : downloadUrl + "/", progress);
        }
        return FashionMnist.build(options, progress);
    }

    private Path sourceDir() {
        if (download && source == null && System.getenv(FashionMnist.ENV_DIR) == null) {
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("holdout").resolve("fashion-mnist");
        }
        return FashionMnist.sourceDir(source, System.getenv());
    }

    @Override
    String task() {
        return "fashion-mnist";
    }
}
