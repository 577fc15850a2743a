package org.holdout.baselines;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.holdout.npy.UInt8Array;

/** Throwaway IDX reader for experiments before the data module's bundle builder lands. */
final class FashionMnistIdx {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    record Split(UInt8Array images, byte[] labels) {
        UInt8Array ofClasses(java.util.Set<Integer> classes) {
            int n = 0;
            for (byte b : labels) {
                if (classes.contains((int) b)) n++;
            }
            int size = images.itemSize();
            byte[] out = new byte[n * size];
            int at = 0;
            for (int i = 0; i < labels.length; i++) {
                if (classes.contains((int) labels[i])) {
                    System.arraycopy(images.data(), i * size, out, at * size, size);
                    at++;
                }
            }
            int[] shape = images.shape();
            shape[0] = n;
            return new UInt8Array(shape, out);
        }
    }

    static Split read(boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        byte[] images = body(DIR.resolve(prefix + "-images-idx3-ubyte.gz"), 16);
        byte[] labels = body(DIR.resolve(prefix + "-labels-idx1-ubyte.gz"), 8);
        return new Split(new UInt8Array(new int[] {labels.length, 28, 28, 1}, images), labels);
    }

    private static byte[] body(Path file, int header) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            DataInputStream d = new DataInputStream(in);
            d.skipNBytes(header);
            return d.readAllBytes();
        }
    }
}
