package org.holdout.npy;

import java.nio.ByteBuffer;

/** A numeric {@code .npy} array of any plain dtype (labels, scores), values read on demand. */
public record NpyArray(NpyHeader header, ByteBuffer data) {

    /** Number of values. */
    public int size() {
        return (int) header.count();
    }

    public int[] shape() {
        return header.shape();
    }

    /** Value at a flat (C-order) index as a double. */
    public double getDouble(int i) {
        int at = i * header.itemBytes();
        return switch (header.kind()) {
            case 'f' -> header.itemBytes() == 4 ? data.getFloat(at) : data.getDouble(at);
            default -> getLong(i);
        };
    }

    /** Value at a flat index as a long; floats must hold a whole number. */
    public long getLong(int i) {
        int at = i * header.itemBytes();
        char kind = header.kind();
        if (kind == 'f') {
            double v = getDouble(i);
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                throw new ArithmeticException("value " + v + " at index " + i + " is not a whole number");
            }
            return (long) v;
        }
        boolean unsigned = kind == 'u' || kind == 'b';
        return switch (header.itemBytes()) {
            case 1 -> unsigned ? data.get(at) & 0xFFL : data.get(at);
            case 2 -> unsigned ? data.getShort(at) & 0xFFFFL : data.getShort(at);
            case 4 -> unsigned ? data.getInt(at) & 0xFFFFFFFFL : data.getInt(at);
            default -> data.getLong(at);
        };
    }
}
