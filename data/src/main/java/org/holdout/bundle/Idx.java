package org.holdout.bundle;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.holdout.npy.UInt8Array;

/**
 * Reads gzipped IDX files, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a
 * big-endian magic {@code 0x0000 08 D} (unsigned bytes, D dimensions), D sizes, then the values in C order.
 */
final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Images as N×H×W×1. */
    static UInt8Array readImages(Path file, Progress progress) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, IMAGES_MAGIC, "images (idx3-ubyte)");
            int n = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            if (n < 0 || h <= 0 || w <= 0 || (long) n * h * w > Integer.MAX_VALUE) {
                throw new BundleException(file + ": implausible size " + n + "×" + h + "×" + w);
            }
            byte[] data = new byte[n * h * w];
            for (int at = 0, chunk = 1 << 20; at < data.length; at += chunk) {
                int len = Math.min(chunk, data.length - at);
                in.readFully(data, at, len);
                progress.add(len);
            }
            checkEnd(file, in, n);
            return new UInt8Array(new int[] {n, h, w, 1}, data);
        } catch (EOFException e) {
            throw truncated(file);
        } catch (ZipException e) {
            throw new BundleException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, LABELS_MAGIC, "labels (idx1-ubyte)");
            int n = in.readInt();
            if (n < 0) throw new BundleException(file + ": implausible label count " + n);
            byte[] data = new byte[n];
            in.readFully(data);
            checkEnd(file, in, n);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data[i] & 0xFF;
            }
            return labels;
        } catch (EOFException e) {
            throw truncated(file);
        } catch (ZipException e) {
            throw new BundleException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(file + ": missing");
        }
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new BundleException(file + ": not a gzip file (" + e.getMessage() + ")");
        }
    }

    private static void checkMagic(Path file, DataInputStream in, int magic, String what) throws IOException {
        int actual = in.readInt();
        if (actual != magic) {
            throw new BundleException(String.format("%s: bad magic number 0x%08x, expected 0x%08x for IDX %s", file, actual, magic, what));
        }
    }

    private static void checkEnd(Path file, InputStream in, int n) throws IOException {
        if (in.read() != -1) throw new BundleException(file + ": has data after the " + n + " items its header announces");
    }

    private static BundleException truncated(Path file) {
        return new BundleException(file + ": truncated (ends before the data its header announces)");
    }
}
