package org.holdout.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.holdout.npy.Npy;
import org.holdout.npy.NpyHeader;
import org.holdout.npy.UInt8Array;

/** Opens a bundle folder and verifies it: every SHA-256 in bundle.json, every array's shape, both CSV files. */
final class BundleReader {

    private BundleReader() {
    }

    static Bundle open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new BundleException(dir + ": no such bundle folder");
        BundleManifest m = readManifest(dir.resolve(Bundle.MANIFEST));
        List<String> required = new ArrayList<>(List.of(Bundle.TRAIN, Bundle.TEST, Bundle.SAMPLE_SUBMISSION, Bundle.SOLUTION));
        if (m.supervised()) required.add(Bundle.TRAIN_LABELS);
        for (String name : required) {
            if (!m.files().containsKey(name)) throw new BundleException(dir.resolve(Bundle.MANIFEST) + ": lists no SHA-256 for " + name);
        }
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.getParent().equals(dir.normalize())) {
                throw new BundleException(dir.resolve(Bundle.MANIFEST) + ": file name " + e.getKey() + " leaves the bundle folder");
            }
            if (!Files.isRegularFile(file)) throw new BundleException(file + ": missing (bundle.json lists it)");
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new BundleException(file + ": SHA-256 is " + actual + " but bundle.json says " + e.getValue()
                        + "; the file was changed or damaged");
            }
        }
        int[] image = {m.height(), m.width(), m.channels()};
        checkImages(dir.resolve(Bundle.TRAIN), m.trainCount(), image);
        checkImages(dir.resolve(Bundle.TEST), m.testCount(), image);
        if (m.supervised()) checkTrainLabels(dir.resolve(Bundle.TRAIN_LABELS), m.trainCount());
        checkCsv(dir.resolve(Bundle.SAMPLE_SUBMISSION), "Id,Predicted", m.testCount(), 2);
        int[][] split = checkCsv(dir.resolve(Bundle.SOLUTION), "Id,Expected,Usage", m.testCount(), 3);
        checkSplit(dir.resolve(Bundle.SOLUTION), "Public", split[0]);
        checkSplit(dir.resolve(Bundle.SOLUTION), "Private", split[1]);
        return new VerifiedBundle(dir, m);
    }

    private static BundleManifest readManifest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new BundleException(file + ": missing, so this folder is not a bundle");
        BundleManifest m;
        try {
            m = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(file.toFile(), BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleException(file + ": not valid bundle JSON (" + e.getOriginalMessage() + ")");
        }
        if (m.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new BundleException(file + ": bundle format version " + m.formatVersion() + ", this Holdout reads version "
                    + BundleManifest.FORMAT_VERSION);
        }
        if (m.files() == null || m.classNames() == null || m.normalClasses() == null) {
            throw new BundleException(file + ": lacks files, classNames or normalClasses");
        }
        return m;
    }

    private static void checkImages(Path file, int count, int[] image) throws IOException {
        NpyHeader h = Npy.readHeader(file);
        int[] expected = {count, image[0], image[1], image[2]};
        if (!h.descr().equals("|u1") || !Arrays.equals(h.shape(), expected)) {
            throw new BundleException(file + ": holds " + h.descr() + " " + Arrays.toString(h.shape()) + " but bundle.json says |u1 "
                    + Arrays.toString(expected));
        }
    }

    private static void checkTrainLabels(Path file, int count) throws IOException {
        UInt8Array labels = Npy.readUInt8(file);
        if (!Arrays.equals(labels.shape(), new int[] {count})) {
            throw new BundleException(file + ": shape " + Arrays.toString(labels.shape()) + " but the training set has " + count + " images");
        }
        for (int i = 0; i < count; i++) {
            if (labels.get(i) > 1) throw new BundleException(file + ": label " + labels.get(i) + " at index " + i + " is not 0 or 1");
        }
    }

    private static void checkSplit(Path file, String usage, int[] normalAndAnomaly) throws BundleException {
        if (normalAndAnomaly[0] == 0 || normalAndAnomaly[1] == 0) {
            throw new BundleException(file + ": the " + usage + " split has " + normalAndAnomaly[0] + " normal rows and "
                    + normalAndAnomaly[1] + " anomalies, so it has no AUC");
        }
    }

    /** Checks the header, Ids 0..rows-1 in order and the column count; returns [Public, Private] × [normal, anomaly] counts. */
    private static int[][] checkCsv(Path file, String header, int rows, int columns) throws IOException {
        int[][] split = new int[2][2];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (!header.equals(first)) throw new BundleException(file + ": header is '" + first + "', expected '" + header + "'");
            int row = 0;
            for (String line; (line = in.readLine()) != null; row++) {
                String[] cells = line.split(",", -1);
                if (cells.length != columns || !cells[0].equals(Integer.toString(row))) {
                    throw new BundleException(file + ": line " + (row + 2) + " is '" + line + "', expected Id " + row + " and "
                            + columns + " columns");
                }
                if (columns == 3 && (!cells[1].matches("[01]") || !cells[2].matches("Public|Private"))) {
                    throw new BundleException(file + ": line " + (row + 2) + " needs Expected 0 or 1 and Usage Public or Private");
                }
                if (columns == 3) split[cells[2].equals("Public") ? 0 : 1][cells[1].equals("1") ? 1 : 0]++;
            }
            if (row != rows) throw new BundleException(file + ": " + row + " rows, but test.npy has " + rows + " images");
        }
        return split;
    }

    /** A bundle whose files matched its manifest when opened; arrays are read on demand. */
    private record VerifiedBundle(Path dir, BundleManifest manifest) implements Bundle {

        @Override
        public UInt8Array train() throws IOException {
            return Npy.readUInt8(dir.resolve(TRAIN));
        }

        @Override
        public UInt8Array test() throws IOException {
            return Npy.readUInt8(dir.resolve(TEST));
        }

        @Override
        public Optional<UInt8Array> trainLabels() throws IOException {
            return manifest.supervised() ? Optional.of(Npy.readUInt8(dir.resolve(Bundle.TRAIN_LABELS))) : Optional.empty();
        }

        @Override
        public List<String> testIds() {
            return IntStream.range(0, manifest.testCount()).mapToObj(Integer::toString).toList();
        }
    }
}
