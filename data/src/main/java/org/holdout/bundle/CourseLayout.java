package org.holdout.bundle;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.holdout.npy.Npy;
import org.holdout.npy.NpyArray;
import org.holdout.npy.NpyFormatException;
import org.holdout.npy.NpyHeader;
import org.holdout.npy.UInt8Array;

/**
 * Imports the course's own files: {@code trainingset.npy} (N×H×W×C uint8, normal images), {@code testingset.npy}
 * (M×H×W×C) and the test labels (1 = anomaly) as a {@code .npy} of 0/1, a CSV {@code Id,Expected}, or one label
 * per line. Grayscale sets stored as N×H×W get C = 1.
 */
public final class CourseLayout {
    public static final List<String> CLASS_NAMES = List.of("normal", "anomaly");

    private CourseLayout() {
    }

    /** What to import; {@code keepOrder} keeps the course's test order (and so its Ids) instead of shuffling. */
    public record Options(Path train, Path test, Path labels, long seed, double publicFraction, boolean keepOrder, String name) {
    }

    public static BundleContents build(Options o, Progress progress) throws IOException {
        progress.expect(Files.size(o.train()) + Files.size(o.test()));
        UInt8Array train = images(o.train());
        progress.add(train.data().length);
        UInt8Array test = images(o.test());
        progress.add(test.data().length);
        int[] trainShape = train.shape();
        int[] testShape = test.shape();
        if (!Arrays.equals(Arrays.copyOfRange(trainShape, 1, 4), Arrays.copyOfRange(testShape, 1, 4))) {
            throw new BundleException(o.test() + ": images are " + Arrays.toString(Arrays.copyOfRange(testShape, 1, 4)) + " but "
                    + o.train().getFileName() + " holds " + Arrays.toString(Arrays.copyOfRange(trainShape, 1, 4)) + " (H, W, C)");
        }
        int[] labels = readLabels(o.labels(), test.count());
        String source = "course: " + o.train().getFileName() + ", " + o.test().getFileName() + ", " + o.labels().getFileName();
        String name = o.name() != null ? o.name() : "course";
        BundleAssembly.Design design = new BundleAssembly.Design(name, source, o.seed(), CLASS_NAMES, List.of(0),
                o.publicFraction(), false, null);
        return BundleAssembly.assemble(design, train, new int[train.count()], test, labels, !o.keepOrder());
    }

    /** What {@link #check} found: the images' count and H, W, C of each set. */
    public record Checked(int trainCount, int testCount, int[] image) {
    }

    /**
     * Checks the course's files without reading the images: each {@code .npy} header (uint8, N×H×W×C or N×H×W), that
     * its size matches its shape, that both sets have the same H, W, C, and the labels (read whole, they are small:
     * one per test image, 0 or 1, at least 2 of each so that both splits have an AUC). Throws what {@link #build} or
     * {@link BundleWriter#write} would throw for the same files, naming the file.
     */
    public static Checked check(Path train, Path test, Path labels) throws IOException {
        int[] trainShape = imageHeader(train);
        int[] testShape = imageHeader(test);
        if (!Arrays.equals(Arrays.copyOfRange(trainShape, 1, 4), Arrays.copyOfRange(testShape, 1, 4))) {
            throw new BundleException(test + ": images are " + Arrays.toString(Arrays.copyOfRange(testShape, 1, 4)) + " but "
                    + train.getFileName() + " holds " + Arrays.toString(Arrays.copyOfRange(trainShape, 1, 4)) + " (H, W, C)");
        }
        int[] read = readLabels(labels, testShape[0]);
        long anomalies = Arrays.stream(read).filter(l -> l == 1).count();
        if (anomalies < 2 || read.length - anomalies < 2) {
            throw new BundleException(labels + ": " + anomalies + " anomalies and " + (read.length - anomalies)
                    + " normal images; the Public and the Private split each need both, so at least 2 of each");
        }
        return new Checked(trainShape[0], testShape[0], Arrays.copyOfRange(trainShape, 1, 4));
    }

    /** The N×H×W×C shape in {@code file}'s header, checked as {@link #images} checks the array. */
    private static int[] imageHeader(Path file) throws IOException {
        NpyHeader h = Npy.readHeader(file);
        if (!h.descr().equals("|u1")) {
            throw new NpyFormatException(file, "dtype is '" + h.descr() + "', expected uint8 ('|u1')");
        }
        long available = Files.size(file) - h.dataOffset();
        long expected = h.count() * h.itemBytes();
        if (available != expected) {
            throw new NpyFormatException(file, (available < expected ? "truncated: " : "trailing bytes: ") + "shape "
                    + Arrays.toString(h.shape()) + " of " + h.descr() + " needs " + expected + " bytes of data, the file has " + available);
        }
        int[] s = h.shape();
        if (s.length == 3) return new int[] {s[0], s[1], s[2], 1};
        if (s.length != 4) {
            throw new BundleException(file + ": shape " + Arrays.toString(s) + ", expected images N×H×W×C (or N×H×W)");
        }
        return s;
    }

    private static UInt8Array images(Path file) throws IOException {
        UInt8Array a = Npy.readUInt8(file);
        int[] s = a.shape();
        if (s.length == 3) return new UInt8Array(new int[] {s[0], s[1], s[2], 1}, a.data());
        if (s.length != 4) {
            throw new BundleException(file + ": shape " + Arrays.toString(s) + ", expected images N×H×W×C (or N×H×W)");
        }
        return a;
    }

    /** Labels 0/1 for test images 0..count-1, from {@code .npy}, a CSV with Id and Expected columns, or one label per line. */
    static int[] readLabels(Path file, int count) throws IOException {
        if (!Files.isRegularFile(file)) throw new BundleException(file + ": no such labels file");
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return npyLabels(file, count);
        }
        List<String> lines;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = in.lines().map(l -> l.replace("\uFEFF", "").strip()).toList();
        }
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isEmpty()) last--;
        lines = lines.subList(0, last);
        if (!lines.isEmpty() && lines.get(0).contains(",")) return csvLabels(file, lines, count);
        if (lines.size() != count) {
            throw new BundleException(file + ": " + lines.size() + " labels, but the test set has " + count + " images");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = label(file, i + 1, lines.get(i));
        }
        return labels;
    }

    private static int[] npyLabels(Path file, int count) throws IOException {
        NpyArray a = Npy.read(file);
        int[] s = a.shape();
        boolean column = s.length == 1 || (s.length == 2 && s[1] == 1);
        if (!column || s[0] != count) {
            throw new BundleException(file + ": shape " + Arrays.toString(s) + ", expected (" + count + ",), one label per test image");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            double v = a.getDouble(i);
            if (v != 0 && v != 1) throw new BundleException(file + ": value " + v + " at index " + i + " is not 0 or 1");
            labels[i] = (int) v;
        }
        return labels;
    }

    private static int[] csvLabels(Path file, List<String> lines, int count) throws BundleException {
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(h -> h.strip().replace("\"", "")).toList();
        int id = header.indexOf("Id");
        int expected = header.indexOf("Expected");
        if (id < 0 || expected < 0) {
            throw new BundleException(file + ": CSV header is '" + lines.get(0) + "', expected columns Id and Expected");
        }
        int[] labels = new int[count];
        Arrays.fill(labels, -1);
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            if (cells.length != header.size()) {
                throw new BundleException(file + ": line " + (row + 1) + " has " + cells.length + " columns, the header " + header.size());
            }
            String idText = cells[id].strip().replace("\"", "");
            int i;
            try {
                i = Integer.parseInt(idText);
            } catch (NumberFormatException e) {
                throw new BundleException(file + ": line " + (row + 1) + ": Id '" + idText + "' is not a test index 0.." + (count - 1));
            }
            if (i < 0 || i >= count) {
                throw new BundleException(file + ": line " + (row + 1) + ": Id " + i + " is not a test index 0.." + (count - 1));
            }
            if (labels[i] >= 0) throw new BundleException(file + ": line " + (row + 1) + ": duplicate Id " + i);
            labels[i] = label(file, row + 1, cells[expected].strip().replace("\"", ""));
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0) throw new BundleException(file + ": no label for Id " + i + " (the test set has " + count + " images)");
        }
        return labels;
    }

    private static int label(Path file, int line, String text) throws BundleException {
        try {
            double v = Double.parseDouble(text);
            if (v == 0 || v == 1) return (int) v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BundleException(file + ": line " + line + ": label '" + text + "' is not 0 or 1");
    }
}
