package org.holdout.baselines;

import java.util.Random;
import org.holdout.npy.UInt8Array;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the bundle's uint8 N×H×W×C images into the float arrays the models see, once: pixels scaled to
 * [-1, 1]; either flattened (N × H·W·C, the fully-connected model) or N×C×H'×W' with H', W' rounded up to a
 * multiple of 8 and the border filled with -1 (the conv models, as the PyTorch reference pads 28 to 32).
 */
public final class ImageData {
    private ImageData() {
    }

    public static ImageShape shapeOf(UInt8Array images) {
        int[] s = images.shape();
        if (s.length == 3) {
            return new ImageShape(s[1], s[2], 1);
        }
        if (s.length != 4) {
            throw new IllegalArgumentException("expected N×H×W×C images, got " + images);
        }
        return new ImageShape(s[1], s[2], s[3]);
    }

    /** N × (H·W·C), row-major over H, W, C. */
    public static INDArray flat(UInt8Array images) {
        int n = images.count();
        int size = images.itemSize();
        byte[] data = images.data();
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (data[i] & 0xFF) / 127.5f - 1f;
        }
        return Nd4j.create(out, new long[] {n, size}, 'c');
    }

    /** N×C×H'×W' (NCHW), padded with -1 to a multiple of 8. */
    public static INDArray padded(UInt8Array images) {
        ImageShape s = shapeOf(images);
        int n = images.count();
        int h = s.height(), w = s.width(), c = s.channels();
        int ph = s.paddedHeight(), pw = s.paddedWidth();
        int top = (ph - h) / 2, left = (pw - w) / 2;
        byte[] data = images.data();
        float[] out = new float[n * c * ph * pw];
        java.util.Arrays.fill(out, -1f);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int src = ((i * h + y) * w + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        out[((i * c + ch) * ph + y + top) * pw + x + left] = (data[src + ch] & 0xFF) / 127.5f - 1f;
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {n, c, ph, pw}, 'c');
    }

    /** A seeded random subset of {@code count} images (all of them when count is 0 or too large). */
    public static UInt8Array subset(UInt8Array images, int count, long seed) {
        int n = images.count();
        if (count <= 0 || count >= n) {
            return images;
        }
        int[] order = permutation(n, new Random(seed));
        int size = images.itemSize();
        byte[] out = new byte[count * size];
        int[] idx = java.util.Arrays.copyOf(order, count);
        java.util.Arrays.sort(idx);
        for (int i = 0; i < count; i++) {
            System.arraycopy(images.data(), idx[i] * size, out, i * size, size);
        }
        int[] shape = images.shape();
        shape[0] = count;
        return new UInt8Array(shape, out);
    }

    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows of {@code all} in the order {@code order}: one copy per epoch, batches are then views of it. */
    public static INDArray shuffled(INDArray all, int[] order) {
        long[] shape = all.shape();
        INDArray flat = all.reshape('c', shape[0], all.length() / shape[0]);
        INDArray rows = Nd4j.pullRows(flat, 1, order);
        return rows.reshape('c', shape);
    }

    static INDArray toFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }
}
