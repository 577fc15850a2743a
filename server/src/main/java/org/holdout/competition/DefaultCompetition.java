package org.holdout.competition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.FashionMnist;
import org.holdout.bundle.Progress;

/** The competition {@code holdout serve} creates on first start: Fashion-MNIST, built into the data folder. */
public final class DefaultCompetition {
    public static final String SLUG = "fashion-mnist";
    public static final String TITLE = "Fashion-MNIST anomaly detection";
    public static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private DefaultCompetition() {
    }

    /** Thrown when the Fashion-MNIST files are not there; the message says exactly what to run. */
    public static final class DataMissingException extends Exception {
        public DataMissingException(String message) {
            super(message);
        }
    }

    /** Where the default competition comes from, and the settings it starts with. */
    public record Source(Path dataDir, Path fashionMnistDir, String fashionMnistVariable, java.time.ZoneId timeZone,
                         int dailyLimit) {
    }

    public static String missingMessage(Path dir, String variable) {
        return "The Fashion-MNIST data is missing (looked for " + String.join(", ", IDX_FILES) + " in " + dir + ").\n"
                + "Install it with:\n"
                + "    sudo ./holdout setup\n"
                + "or:\n"
                + "    sudo apt-get install dataset-fashion-mnist\n"
                + "or put the four files in a folder and set " + variable
                + "=<folder>. Nothing was installed.";
    }

    /** The existing competition, or a new one built from Fashion-MNIST. */
    public static Competition ensure(Source config, CompetitionRepository competitions, Clock clock,
                                     Consumer<String> say) throws IOException, DataMissingException {
        var existing = competitions.first();
        if (existing.isPresent()) {
            return existing.get();
        }
        Path bundleDir = config.dataDir().resolve("competitions").resolve(SLUG);
        if (!Files.isRegularFile(bundleDir.resolve(Bundle.MANIFEST))) {
            for (String f : IDX_FILES) {
                if (!Files.isRegularFile(config.fashionMnistDir().resolve(f))) {
                    throw new DataMissingException(missingMessage(config.fashionMnistDir(), config.fashionMnistVariable()));
                }
            }
            Files.createDirectories(bundleDir.getParent());
            say.accept("Building the default competition from " + config.fashionMnistDir() + " (once)...");
            buildBundle(config.fashionMnistDir(), bundleDir, secretSeed());
        }
        return competitions.insert(SLUG, TITLE, bundleDir, config.timeZone(), config.dailyLimit(), null,
                clock.instant());
    }

    /**
     * A seed drawn for this server alone: with the published default seed anyone could rebuild the answer key. It
     * is kept only in the bundle's {@code bundle.json}, which is never served.
     */
    static long secretSeed() {
        return new SecureRandom().nextLong();
    }

    /** Builds the default bundle with the data module's Fashion-MNIST builder and its default design. */
    static void buildBundle(Path idxDir, Path out, long seed) throws IOException {
        FashionMnist.Options options = new FashionMnist.Options(idxDir, FashionMnist.DEFAULT_NORMAL_CLASSES,
                seed, BundleAssembly.DEFAULT_PUBLIC_FRACTION, false,
                FashionMnist.DEFAULT_ANOMALY_FRACTION, SLUG);
        try (Progress progress = Progress.terminal("Building the Fashion-MNIST competition")) {
            BundleWriter.write(FashionMnist.build(options, progress), out, false, progress);
        }
    }
}
