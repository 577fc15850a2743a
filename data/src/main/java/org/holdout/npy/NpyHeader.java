package org.holdout.npy;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header of a {@code .npy} file: dtype descriptor, memory order and shape, plus where the data starts.
 * Parses the Python-literal dictionary numpy writes ({@code {'descr': '<i8', 'fortran_order': False, 'shape': (3,), }}).
 */
public record NpyHeader(String descr, boolean fortranOrder, int[] shape, int dataOffset) {

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values the shape holds. */
    public long count() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes per value, from the descriptor ({@code <i8} → 8). */
    public int itemBytes() {
        return Integer.parseInt(descr.substring(2));
    }

    /** Type kind: {@code u} unsigned, {@code i} signed, {@code f} float, {@code b} bool. */
    public char kind() {
        return descr.charAt(1);
    }

    public ByteOrder byteOrder() {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && descr.equals(h.descr) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return descr.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + descr + ", shape " + Arrays.toString(shape) + (fortranOrder ? ", fortran order" : "") + "]";
    }

    /** Parses the dictionary text; throws IllegalArgumentException with a message that says what is wrong. */
    static NpyHeader parse(String dict, int dataOffset) {
        Parser p = new Parser(dict);
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> {
                    if (p.peek('[')) throw new IllegalArgumentException("structured dtypes are not supported");
                    descr = p.string();
                }
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.tuple();
                default -> throw new IllegalArgumentException("unknown header key '" + key + "'");
            }
            if (!p.peek('}')) p.expect(',');
        }
        if (descr == null || fortran == null || shape == null) {
            throw new IllegalArgumentException("header lacks descr, fortran_order or shape: " + dict.strip());
        }
        if (!descr.matches("[<>|=][uifb][0-9]+")) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "' (only plain numbers are read)");
        }
        if (descr.endsWith("1") && descr.length() == 3) {
            descr = "|" + descr.substring(1);
        } else if (descr.charAt(0) == '=') {
            descr = (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<") + descr.substring(1);
        }
        return new NpyHeader(descr, fortran, shape, dataOffset);
    }

    /** The dictionary as numpy's {@code np.save} writes it, before padding. */
    String toDict() {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",), }" : "), }").toString();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        boolean peek(char c) {
            skipSpace();
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c) {
            if (!peek(c)) throw new IllegalArgumentException("malformed header, expected '" + c + "' at " + pos + ": " + s.strip());
            pos++;
        }

        String string() {
            skipSpace();
            char q = pos < s.length() ? s.charAt(pos) : 0;
            if (q != '\'' && q != '"') throw new IllegalArgumentException("malformed header, expected a string at " + pos + ": " + s.strip());
            int end = s.indexOf(q, pos + 1);
            if (end < 0) throw new IllegalArgumentException("malformed header, unterminated string: " + s.strip());
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        boolean bool() {
            skipSpace();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw new IllegalArgumentException("malformed header, fortran_order is not True or False: " + s.strip());
        }

        int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peek(')')) {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == 'L')) pos++;
                String num = s.substring(start, pos).replace("L", "");
                if (num.isEmpty()) throw new IllegalArgumentException("malformed shape in header: " + s.strip());
                long d = Long.parseLong(num);
                if (d > Integer.MAX_VALUE) throw new IllegalArgumentException("dimension " + d + " is too large");
                dims.add((int) d);
                if (!peek(')')) expect(',');
            }
            pos++;
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
