package org.holdout.npy;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads and writes numpy's {@code .npy} format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 * Writes version 1.0 byte for byte as {@code numpy.save} does; reads versions 1.0, 2.0 and 3.0, C order only.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** numpy leaves room for the first dimension to grow to this many digits, so headers can be rewritten in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Set<Integer> ITEM_SIZES = Set.of(1, 2, 4, 8);

    private Npy() {
    }

    /** Reads the header only. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readHeader(file, in);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file, "no such file");
        }
    }

    /** Reads a uint8 ({@code |u1}) array of any shape. */
    public static UInt8Array readUInt8(Path file) throws IOException {
        NpyHeader h = readHeader(file);
        if (!h.descr().equals("|u1")) {
            throw new NpyFormatException(file, "dtype is '" + h.descr() + "', expected uint8 ('|u1')");
        }
        return new UInt8Array(h.shape(), readData(file, h));
    }

    /** Reads a numeric array of any plain dtype (u, i, f, b; 1 to 8 bytes). */
    public static NpyArray read(Path file) throws IOException {
        NpyHeader h = readHeader(file);
        ByteBuffer data = ByteBuffer.wrap(readData(file, h)).order(h.byteOrder());
        return new NpyArray(h, data);
    }

    /** Writes a uint8 array as version 1.0, creating or replacing the file. */
    public static void write(Path file, UInt8Array array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, array);
        }
    }

    /** Writes a uint8 array as version 1.0. */
    public static void write(OutputStream out, UInt8Array array) throws IOException {
        out.write(header("|u1", array.shape()));
        out.write(array.data());
    }

    /** The complete version 1.0 preamble (magic, version, length, padded dictionary) numpy writes for this dtype and shape. */
    static byte[] header(String descr, int[] shape) {
        StringBuilder dict = new StringBuilder(new NpyHeader(descr, false, shape, 0).toDict());
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length()));
        }
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        dict.append(" ".repeat((ALIGN - unpadded % ALIGN) % ALIGN)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    private static NpyHeader readHeader(Path file, InputStream in) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new NpyFormatException(file, "not a .npy file (no \\x93NUMPY magic at the start)");
        }
        int major = pre[6];
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + pre[7]);
        };
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) throw new NpyFormatException(file, "truncated header");
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        if (headerLength > 1 << 20) throw new NpyFormatException(file, "header length " + headerLength + " is implausible");
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) throw new NpyFormatException(file, "truncated header");
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h;
        try {
            h = NpyHeader.parse(dict, 8 + lengthBytes + (int) headerLength);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, e.getMessage());
        }
        if (h.fortranOrder()) {
            throw new NpyFormatException(file, "array is in Fortran order; save it in C order "
                    + "(numpy.save(f, numpy.ascontiguousarray(a)))");
        }
        if (!ITEM_SIZES.contains(h.itemBytes()) || (h.kind() == 'f' && h.itemBytes() < 4) || (h.kind() == 'b' && h.itemBytes() != 1)) {
            throw new NpyFormatException(file, "unsupported dtype '" + h.descr() + "'");
        }
        if (h.count() * h.itemBytes() > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(file, "array of shape " + Arrays.toString(h.shape()) + " is larger than 2 GB");
        }
        return h;
    }

    private static byte[] readData(Path file, NpyHeader h) throws IOException {
        long expected = h.count() * h.itemBytes();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = ch.size() - h.dataOffset();
            if (available != expected) {
                throw new NpyFormatException(file, (available < expected ? "truncated: " : "trailing bytes: ") + "shape "
                        + Arrays.toString(h.shape()) + " of " + h.descr() + " needs " + expected + " bytes of data, the file has " + available);
            }
            byte[] data = new byte[(int) expected];
            ByteBuffer buf = ByteBuffer.wrap(data);
            ch.position(h.dataOffset());
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) throw new EOFException(file + ": unexpected end of file");
            }
            return data;
        }
    }
}
