package org.holdout.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.holdout.npy.UInt8Array;

/**
 * Builds a bundle from Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images, 28×28
 * grayscale, 10 classes, read from the four official IDX {@code .gz} files.
 */
public final class FashionMnist {

    /** The classes whose images are normal unless {@code --normal} says otherwise. */
    public static final List<Integer> DEFAULT_NORMAL_CLASSES = List.of(5, 7, 9);
    public static final double DEFAULT_ANOMALY_FRACTION = 0.02;
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String ENV_DIR = "HOLDOUT_FASHION_MNIST";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final String DOWNLOAD_BASE = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    /**
     * SHA-256 of the official {@code .gz} files (their MD5s are the ones in the Fashion-MNIST README). Debian's
     * package holds the same compressed data with the gzip name and time stripped, so its files hash differently.
     */
    public static final Map<String, String> OFFICIAL_GZ_SHA256 = Map.of(
            TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");
    /** SHA-256 of the decompressed IDX files, the same for the official and the Debian files. */
    public static final Map<String, String> IDX_SHA256 = Map.of(
            TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    private static final String INSTALL_HINT = "install Fashion-MNIST with 'sudo apt-get install dataset-fashion-mnist' "
            + "(or './holdout setup'), or give a folder with the four official files (--source DIR or " + ENV_DIR + ")";

    private FashionMnist() {
    }

    /** What to build. {@code anomalyFraction} matters only when {@code supervised}. */
    public record Options(Path source, List<Integer> normalClasses, long seed, double publicFraction, boolean supervised,
            double anomalyFraction, String name) {

        public Options {
            normalClasses = normalClasses.stream().distinct().sorted().toList();
            for (int c : normalClasses) {
                if (c < 0 || c >= CLASS_NAMES.size()) throw new IllegalArgumentException("normal class " + c + " is not one of 0..9");
            }
            if (normalClasses.isEmpty() || normalClasses.size() == CLASS_NAMES.size()) {
                throw new IllegalArgumentException("normal classes must be some, but not all, of 0..9");
            }
            if (!(anomalyFraction >= 0 && anomalyFraction <= 1)) {
                throw new IllegalArgumentException("anomaly fraction must be between 0 and 1, got " + anomalyFraction);
            }
        }
    }

    /** The source folder: {@code flag} if given, else the environment variable, else Debian's folder. */
    public static Path sourceDir(Path flag, Map<String, String> env) {
        if (flag != null) return flag;
        String fromEnv = env.get(ENV_DIR);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : DEBIAN_DIR;
    }

    /** A default bundle name, e.g. {@code fashion-mnist-normal-8}. */
    public static String defaultName(List<Integer> normal, boolean supervised) {
        StringBuilder s = new StringBuilder("fashion-mnist-normal");
        normal.stream().sorted().forEach(c -> s.append('-').append(c));
        return supervised ? s.append("-supervised").toString() : s.toString();
    }

    /** Reads the four files and assembles the bundle. */
    public static BundleContents build(Options o, Progress progress) throws IOException {
        Path dir = o.source();
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new BundleException("Fashion-MNIST not found: " + dir.resolve(f) + " is missing; " + INSTALL_HINT);
            }
        }
        progress.expect(70_000L * 28 * 28);
        UInt8Array trainImages = checked(() -> Idx.readImages(dir.resolve(TRAIN_IMAGES), progress));
        int[] trainLabels = checked(() -> Idx.readLabels(dir.resolve(TRAIN_LABELS)));
        UInt8Array testImages = checked(() -> Idx.readImages(dir.resolve(TEST_IMAGES), progress));
        int[] testLabels = checked(() -> Idx.readLabels(dir.resolve(TEST_LABELS)));
        checkSet(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), trainImages, trainLabels, 60_000);
        checkSet(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), testImages, testLabels, 10_000);

        int[] trainPick;
        Double anomalyFraction = null;
        if (o.supervised()) {
            List<Integer> anomalous = IntStream.range(0, CLASS_NAMES.size()).boxed()
                    .filter(c -> !o.normalClasses().contains(c)).toList();
            int[] normal = BundleAssembly.indicesOf(trainLabels, o.normalClasses());
            int[] anomalies = BundleAssembly.sampleEachClass(trainLabels, anomalous, o.anomalyFraction(), o.seed(), "train-anomalies");
            trainPick = IntStream.concat(IntStream.of(normal), IntStream.of(anomalies)).toArray();
            SeededRandom.of(o.seed(), "train-order").shuffle(trainPick);
            anomalyFraction = o.anomalyFraction();
        } else {
            trainPick = BundleAssembly.indicesOf(trainLabels, o.normalClasses());
        }
        UInt8Array train = BundleAssembly.select(trainImages, trainPick);
        int[] trainClasses = IntStream.of(trainPick).map(i -> trainLabels[i]).toArray();
        String name = o.name() != null ? o.name() : defaultName(o.normalClasses(), o.supervised());
        BundleAssembly.Design design = new BundleAssembly.Design(name, "fashion-mnist", o.seed(), CLASS_NAMES,
                o.normalClasses(), o.publicFraction(), o.supervised(), anomalyFraction);
        return BundleAssembly.assemble(design, train, trainClasses, testImages, testLabels, true);
    }

    /**
     * Downloads the four official files into {@code dir} from {@code baseUrl} (normally {@link #DOWNLOAD_BASE}),
     * skipping files already there and intact, and checks each against its pinned SHA-256.
     */
    public static void download(Path dir, String baseUrl, Progress progress) throws IOException {
        Files.createDirectories(dir);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String f : FILES) {
            Path target = dir.resolve(f);
            if (Files.isRegularFile(target) && matchesPins(target, f)) continue;
            URI uri = URI.create(baseUrl + f);
            Path tmp = Files.createTempFile(dir, "." + f, ".part");
            try {
                HttpResponse<Path> response;
                try {
                    response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                            HttpResponse.BodyHandlers.ofFile(tmp));
                } catch (IOException e) {
                    throw new BundleException("could not download " + uri + " (" + describe(e) + "); without a network, "
                            + INSTALL_HINT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BundleException("download of " + uri + " was interrupted", e);
                }
                if (response.statusCode() != 200) {
                    throw new BundleException("could not download " + uri + ": HTTP " + response.statusCode() + "; " + INSTALL_HINT);
                }
                if (!matchesPins(tmp, f)) {
                    throw new BundleException("downloaded " + uri + " but its SHA-256 " + Sha256.of(tmp) + " is not the pinned "
                            + OFFICIAL_GZ_SHA256.get(f) + "; the file was damaged or changed upstream");
                }
                progress.add(Files.size(tmp));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** True when the file is the official one, or holds exactly the official data in another gzip wrapper (Debian's). */
    static boolean matchesPins(Path file, String name) throws IOException {
        if (OFFICIAL_GZ_SHA256.get(name).equals(Sha256.of(file))) return true;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            var md = Sha256.digest();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return IDX_SHA256.get(name).equals(HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) return "timed out";
        if (e instanceof ConnectException) {
            return e.getCause() instanceof UnresolvedAddressException ? "host not found" : "cannot connect";
        }
        if (e instanceof UnknownHostException) return "host not found";
        return e.getMessage() == null || e.getMessage().isBlank() ? "network error" : e.getMessage();
    }

    private static void checkSet(Path imagesFile, Path labelsFile, UInt8Array images, int[] labels, int expected)
            throws BundleException {
        if (images.count() != expected) {
            throw new BundleException(imagesFile + ": holds " + images.count() + " images, Fashion-MNIST has " + expected + "; " + INSTALL_HINT);
        }
        if (labels.length != expected) {
            throw new BundleException(labelsFile + ": holds " + labels.length + " labels, Fashion-MNIST has " + expected + "; " + INSTALL_HINT);
        }
        int[] shape = images.shape();
        if (shape[1] != 28 || shape[2] != 28) {
            throw new BundleException(imagesFile + ": images are " + shape[1] + "×" + shape[2] + ", Fashion-MNIST's are 28×28; " + INSTALL_HINT);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new BundleException(labelsFile + ": label " + labels[i] + " at index " + i + " is not a class 0..9; " + INSTALL_HINT);
            }
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T checked(IoSupplier<T> read) throws IOException {
        try {
            return read.get();
        } catch (BundleException e) {
            throw new BundleException(e.getMessage() + "; " + INSTALL_HINT, e);
        }
    }
}
