package org.holdout.competition;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.holdout.bundle.Bundle;
import org.holdout.config.ServerConfig;

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

    public static String missingMessage(Path dir) {
        return "The Fashion-MNIST data is missing (looked for " + String.join(", ", IDX_FILES) + " in " + dir + ").\n"
                + "Install it with:\n"
                + "    sudo ./holdout setup\n"
                + "or:\n"
                + "    sudo apt-get install dataset-fashion-mnist\n"
                + "or put the four files in a folder and set " + ServerConfig.envName("fashion.mnist.dir")
                + "=<folder>. Nothing was installed.";
    }

    /** The existing competition, or a new one built from Fashion-MNIST. */
    public static Competition ensure(ServerConfig config, CompetitionRepository competitions, Clock clock)
            throws IOException, DataMissingException {
        var existing = competitions.first();
        if (existing.isPresent()) {
            return existing.get();
        }
        Path bundleDir = config.dataDir().resolve("competitions").resolve(SLUG);
        if (!Files.isRegularFile(bundleDir.resolve(Bundle.MANIFEST))) {
            for (String f : IDX_FILES) {
                if (!Files.isRegularFile(config.fashionMnistDir().resolve(f))) {
                    throw new DataMissingException(missingMessage(config.fashionMnistDir()));
                }
            }
            Files.createDirectories(bundleDir.getParent());
            buildBundle(config.fashionMnistDir(), bundleDir);
        }
        return competitions.insert(SLUG, TITLE, bundleDir, config.timeZone(), config.dailyLimit(), null,
                clock.instant());
    }

    /** Calls the data module's Fashion-MNIST builder. */
    static void buildBundle(Path idxDir, Path out) throws IOException {
        try {
            Class<?> builder = Class.forName("org.holdout.bundle.FashionMnist");
            for (Method m : builder.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("build") && p.length == 2
                        && p[0] == Path.class && p[1] == Path.class) {
                    m.invoke(null, idxDir, out);
                    return;
                }
            }
        } catch (ClassNotFoundException e) {
            // fall through: this build has no builder yet
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("building the Fashion-MNIST bundle failed: " + cause.getMessage(), cause);
        }
        throw new IOException("this build has no Fashion-MNIST bundle builder (org.holdout.bundle.FashionMnist)");
    }
}
