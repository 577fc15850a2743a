package org.holdout.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.Sha256;

/**
 * A generated 40-image competition: Ids 0-19 public (8 anomalies), 20-39 private (7 anomalies), 4x4x1 images.
 * Written directly in the bundle format so server tests never need Fashion-MNIST.
 */
public final class TinyCompetition {
    public static final int ROWS = 40;

    private TinyCompetition() {
    }

    public static boolean anomaly(int id) {
        return id < 20 ? id % 5 == 1 || id % 5 == 3 : id % 3 == 0 && id < 41 && (id - 20) / 3 < 7;
    }

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.npy"), npy(new byte[10 * 16], 10));
        byte[] test = new byte[ROWS * 16];
        new Random(1).nextBytes(test);
        Files.write(dir.resolve("test.npy"), npy(test, ROWS));
        StringBuilder sample = new StringBuilder("Id,Predicted\n");
        StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < ROWS; i++) {
            sample.append(i).append(",0.5\n");
            solution.append(i).append(',').append(anomaly(i) ? 1 : 0).append(',')
                    .append(i < 20 ? "Public" : "Private").append('\n');
        }
        Files.writeString(dir.resolve("sample_submission.csv"), sample);
        Files.writeString(dir.resolve("solution.csv"), solution);
        return dir;
    }

    /** {@link #write} plus the bundle.json that makes it a bundle that verifies ({@code holdout bundle verify}). */
    public static Path writeVerified(Path dir) throws IOException {
        write(dir);
        return writeManifest(dir);
    }

    /** The bundle.json of the files {@link #write} wrote into {@code dir}, with their SHA-256 as they are now. */
    public static Path writeManifest(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : List.of("train.npy", "test.npy", "sample_submission.csv", "solution.csv")) {
            files.put(name, Sha256.of(dir.resolve(name)));
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "tiny", "TinyCompetition", 1,
                4, 4, 1, List.of("normal", "anomaly"), List.of(0), 0.5, false, null, 10, ROWS, Map.of(), Map.of(),
                files);
        new ObjectMapper().writeValue(dir.resolve("bundle.json").toFile(), manifest);
        return dir;
    }

    /** A valid submission whose scores depend on {@code seed}: anomalies get higher scores with some noise. */
    public static byte[] submission(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < ROWS; i++) {
            double base = anomaly(i) ? 0.6 : 0.4;
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.6f", base + r.nextGaussian() * 0.25))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A file the scorer refuses: Id 7 is missing. */
    public static byte[] missingId() {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < ROWS; i++) {
            if (i != 7) {
                sb.append(i).append(",0.5\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] npy(byte[] data, int n) {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ", 4, 4, 1), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + h.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, out, 0, 8);
        out[8] = (byte) (h.length & 0xFF);
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }
}
