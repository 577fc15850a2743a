package org.holdout.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.holdout.npy.Npy;
import org.holdout.npy.UInt8Array;

/**
 * Writes a bundle folder: every file goes to a temporary folder beside the target, which is then moved into
 * place, so a failed build never leaves half a bundle. Refuses a non-empty target unless told to replace it, and
 * refuses a solution whose Public or Private split has no AUC (no rows, or only one label).
 */
public final class BundleWriter {

    /** What sample_submission.csv predicts for every Id. */
    static final String SAMPLE_PREDICTION = "0.5";

    private BundleWriter() {
    }

    /** Writes {@code contents} to {@code out}; {@code replace} allows a non-empty {@code out}. Returns the manifest written. */
    public static BundleManifest write(BundleContents contents, Path out, boolean replace, Progress progress) throws IOException {
        checkShapes(contents);
        Map<String, Map<String, Integer>> labelCounts = labelCounts(contents);
        checkSplit(labelCounts, "public", "Public", contents);
        checkSplit(labelCounts, "private", "Private", contents);
        out = out.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BundleException(out + ": exists and is not a folder");
        }
        if (!isEmptyOrMissing(out)) {
            if (!replace) throw new BundleException(out + ": folder is not empty; use --force to replace it");
            if (!Files.isRegularFile(out.resolve(Bundle.MANIFEST))) {
                throw new BundleException(out + ": folder is not empty and holds no " + Bundle.MANIFEST
                        + ", so it is not a bundle; refusing to replace it even with --force");
            }
        }
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".tmp-");
        try {
            progress.expect(contents.train().data().length + (long) contents.test().data().length);
            Map<String, String> hashes = new TreeMap<>();
            hashes.put(Bundle.TRAIN, writeNpy(tmp.resolve(Bundle.TRAIN), contents.train(), progress));
            hashes.put(Bundle.TEST, writeNpy(tmp.resolve(Bundle.TEST), contents.test(), progress));
            if (contents.supervised()) {
                hashes.put(Bundle.TRAIN_LABELS, writeNpy(tmp.resolve(Bundle.TRAIN_LABELS), trainLabels(contents), progress));
            }
            hashes.put(Bundle.SAMPLE_SUBMISSION, writeText(tmp.resolve(Bundle.SAMPLE_SUBMISSION), sampleSubmission(contents)));
            hashes.put(Bundle.SOLUTION, writeText(tmp.resolve(Bundle.SOLUTION), solution(contents)));
            int[] shape = contents.test().shape();
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, contents.name(), contents.source(),
                    contents.seed(), shape[1], shape[2], shape[3], contents.classNames(), contents.normalClasses(),
                    contents.publicFraction(), contents.supervised(), contents.anomalyFraction(), contents.train().count(),
                    contents.test().count(), classCounts(contents), labelCounts, hashes);
            Files.write(tmp.resolve(Bundle.MANIFEST), manifestJson(manifest));
            moveIntoPlace(tmp, out);
            return manifest;
        } finally {
            deleteTree(tmp);
        }
    }

    static byte[] manifestJson(BundleManifest manifest) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = json.writeValueAsString(manifest).replace("\r\n", "\n") + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void checkShapes(BundleContents c) throws BundleException {
        int[] train = c.train().shape();
        int[] test = c.test().shape();
        if (train.length != 4 || test.length != 4) {
            throw new BundleException("images must be N×H×W×C, got train " + Arrays.toString(train) + " and test " + Arrays.toString(test));
        }
        if (!Arrays.equals(Arrays.copyOfRange(train, 1, 4), Arrays.copyOfRange(test, 1, 4))) {
            throw new BundleException("train images are " + Arrays.toString(Arrays.copyOfRange(train, 1, 4))
                    + " but test images are " + Arrays.toString(Arrays.copyOfRange(test, 1, 4)) + " (H, W, C must match)");
        }
        if (train[0] == 0) throw new BundleException("the training set is empty");
        if (!c.supervised()) {
            for (int cls : c.trainClasses()) {
                if (c.isAnomaly(cls)) {
                    throw new BundleException("the training set holds an anomaly (class " + c.classNames().get(cls)
                            + ") but the bundle is not supervised");
                }
            }
        }
    }

    private static void checkSplit(Map<String, Map<String, Integer>> counts, String key, String usage, BundleContents c)
            throws BundleException {
        int normal = counts.get(key).get("normal");
        int anomaly = counts.get(key).get("anomaly");
        String why = normal + anomaly == 0 ? "has no rows"
                : anomaly == 0 ? "has only normal rows (" + normal + ") and no anomalies"
                : normal == 0 ? "has only anomalies (" + anomaly + ") and no normal rows" : null;
        if (why != null) {
            throw new BundleException("solution refused: the " + usage + " split " + why + ", so it has no AUC (test set: "
                    + c.test().count() + " images, public fraction " + c.publicFraction() + ")");
        }
    }

    private static Map<String, Map<String, Integer>> labelCounts(BundleContents c) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String split : List.of("train", "test", "public", "private")) {
            counts.put(split, new LinkedHashMap<>(Map.of()));
            counts.get(split).put("normal", 0);
            counts.get(split).put("anomaly", 0);
        }
        for (int cls : c.trainClasses()) {
            counts.get("train").merge(c.isAnomaly(cls) ? "anomaly" : "normal", 1, Integer::sum);
        }
        for (int i = 0; i < c.testClasses().length; i++) {
            String label = c.isAnomaly(c.testClasses()[i]) ? "anomaly" : "normal";
            counts.get("test").merge(label, 1, Integer::sum);
            counts.get(c.testPublic()[i] ? "public" : "private").merge(label, 1, Integer::sum);
        }
        return counts;
    }

    private static Map<String, Map<String, Integer>> classCounts(BundleContents c) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String split : List.of("train", "test", "public", "private")) {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            c.classNames().forEach(n -> perClass.put(n, 0));
            counts.put(split, perClass);
        }
        for (int cls : c.trainClasses()) {
            counts.get("train").merge(c.classNames().get(cls), 1, Integer::sum);
        }
        for (int i = 0; i < c.testClasses().length; i++) {
            String name = c.classNames().get(c.testClasses()[i]);
            counts.get("test").merge(name, 1, Integer::sum);
            counts.get(c.testPublic()[i] ? "public" : "private").merge(name, 1, Integer::sum);
        }
        return counts;
    }

    private static UInt8Array trainLabels(BundleContents c) {
        byte[] labels = new byte[c.trainClasses().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (c.isAnomaly(c.trainClasses()[i]) ? 1 : 0);
        }
        return new UInt8Array(new int[] {labels.length}, labels);
    }

    private static String sampleSubmission(BundleContents c) {
        StringBuilder s = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < c.test().count(); i++) {
            s.append(i).append(',').append(SAMPLE_PREDICTION).append('\n');
        }
        return s.toString();
    }

    private static String solution(BundleContents c) {
        StringBuilder s = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < c.test().count(); i++) {
            s.append(i).append(',').append(c.isAnomaly(c.testClasses()[i]) ? 1 : 0).append(',')
                    .append(c.testPublic()[i] ? "Public" : "Private").append('\n');
        }
        return s.toString();
    }

    private static String writeNpy(Path file, UInt8Array array, Progress progress) throws IOException {
        MessageDigest md = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), md)) {
            Npy.write(new CountingStream(out, progress), array);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String writeText(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        return Sha256.of(bytes);
    }

    private static boolean isEmptyOrMissing(Path dir) throws IOException {
        if (!Files.exists(dir)) return true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void moveIntoPlace(Path tmp, Path out) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = out.resolveSibling("." + out.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            Files.move(out, old);
        }
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) Files.move(old, out);
            throw e instanceof FileAlreadyExistsException ? new BundleException(out + ": appeared while the bundle was written") : e;
        }
        if (old != null) deleteTree(old);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reports bytes written to a {@link Progress}. */
    private static final class CountingStream extends FilterOutputStream {
        private static final int CHUNK = 1 << 20;
        private final Progress progress;

        CountingStream(OutputStream out, Progress progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int at = off, end = off + len; at < end; at += CHUNK) {
                int n = Math.min(CHUNK, end - at);
                out.write(b, at, n);
                progress.add(n);
            }
        }
    }
}
