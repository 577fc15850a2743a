package org.holdout.npy;

import java.util.Arrays;

/** A C-ordered uint8 tensor, as numpy stores it: {@code shape} = N×H×W×C for image sets. */
public record UInt8Array(int[] shape, byte[] data) {

    public UInt8Array {
        long expected = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            expected *= d;
        }
        if (expected != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + expected
                    + " values, data has " + data.length);
        }
        shape = shape.clone();
    }

    /** Length of the first axis (number of images). */
    public int count() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Values per item of the first axis (H·W·C for images). */
    public int itemSize() {
        return count() == 0 ? 0 : data.length / count();
    }

    /** Unsigned value at a flat index. */
    public int get(int flatIndex) {
        return data[flatIndex] & 0xFF;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt8Array other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UInt8Array" + Arrays.toString(shape);
    }
}
