package org.holdout.code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Whether a student's code upload is a zip the server may keep and staff may unpack, checked entry by entry straight
 * from its bytes, nothing unpacked to disk: the zip's directory must be readable and every entry must be where it
 * says; names must be relative paths that stay in their folder (no leading {@code /}, no drive letter, no {@code ..}, no
 * backslash, no control character); no symbolic links, no encrypted entries, only stored or deflated data; at most
 * {@link Limits#maxEntries} entries. Every entry is inflated, in a fixed buffer, to measure what it really unpacks to
 * (the sizes in the headers are not trusted): the whole at most {@link Limits#maxTotalBytes}, and an entry past its
 * first MiB at most {@link Limits#maxRatio} times the compressed bytes it has read, so a zip bomb is refused after a MiB
 * or so. A report is an entry named {@code *.pdf} whose bytes start with {@code %PDF-}.
 */
public final class CodeZipRules {
    /** Limits of one code zip. */
    public record Limits(int maxEntries, long maxTotalBytes, int maxRatio) {
    }

    public static final Limits DEFAULT = new Limits(10_000, 1L << 30, 200);
    /** An entry may unpack to this much before its compression ratio is judged (small files compress unevenly). */
    static final long RATIO_FLOOR = 1L << 20;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int MAX_DIRECTORY = 64 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int SHOWN = 80;

    private CodeZipRules() {
    }

    /** Random access to the bytes of the zip being checked. */
    public interface Source {
        long size() throws IOException;

        /** Reads up to {@code len} bytes at {@code position}; fewer only at the end. */
        int read(long position, byte[] into, int off, int len) throws IOException;
    }

    /** A zip held in memory (tests, small files). */
    public static Source of(byte[] bytes) {
        return new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(long position, byte[] into, int off, int len) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(len, bytes.length - position);
                System.arraycopy(bytes, (int) position, into, off, n);
                return n;
            }
        };
    }

    /**
     * What the check found: the number of entries, the report entry if there is one, the bytes it all unpacks to, notes
     * for the student that refuse nothing, and the problem that refuses the zip (null: accepted).
     */
    public record Checked(int entries, String report, long unpackedBytes, List<CodeRefusal> notes,
                          CodeRefusal refusal) {
        public boolean ok() {
            return refusal == null;
        }

        /** The refusal in English, or null. */
        public String problem() {
            return refusal == null ? null : refusal.english();
        }

        public boolean hasReport() {
            return report != null;
        }
    }

    private static final class Refused extends Exception {
        final CodeRefusal refusal;

        Refused(CodeRefusal.Key key, Object... args) {
            super(null, null, false, false);
            this.refusal = CodeRefusal.of(key, args);
        }
    }

    private record Entry(String name, String shown, byte[] rawName, int flags, int method, long crc,
                         long compressed, long size, long localOffset) {
        boolean directory() {
            return name.endsWith("/");
        }
    }

    public static Checked check(Source zip, Limits limits) throws IOException {
        List<CodeRefusal> notes = new ArrayList<>();
        try {
            List<Entry> entries = directory(zip, limits);
            long unpacked = 0;
            String report = null;
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(Comparator.comparingLong(Entry::localOffset));
            long previousEnd = 0;
            Entry previous = null;
            for (Entry e : byOffset) {
                long dataStart = localData(zip, e);
                if (dataStart < previousEnd) {
                    throw new Refused(CodeRefusal.Key.SHARED_DATA, previous.shown(), e.shown());
                }
                previousEnd = dataStart + e.compressed();
                previous = e;
                Inflated in = inflate(zip, e, dataStart, limits, unpacked);
                unpacked += in.size();
                boolean pdfName = !e.directory() && e.name().toLowerCase(Locale.ROOT).endsWith(".pdf");
                if (pdfName && in.startsLikePdf()) {
                    report = report == null ? e.name() : report;
                } else if (pdfName && !macMetadata(e.name())) {
                    notes.add(CodeRefusal.of(CodeRefusal.Key.NOT_PDF, e.shown()));
                }
            }
            return new Checked(entries.size(), report, unpacked, notes, null);
        } catch (Refused r) {
            return new Checked(0, null, 0, notes, r.refusal);
        }
    }

    /** The entries of the zip's central directory, each name checked. */
    private static List<Entry> directory(Source zip, Limits limits) throws IOException, Refused {
        long size = zip.size();
        if (size == 0) {
            throw new Refused(CodeRefusal.Key.FILE_EMPTY);
        }
        if (size < 22) {
            throw new Refused(CodeRefusal.Key.TOO_SHORT, size);
        }
        int tailLength = (int) Math.min(size, 22 + 65_535);
        byte[] tail = readFully(zip, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (i32(tail, i) == EOCD && i + 22 + u16(tail, i + 20) <= tailLength) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            byte[] head = readFully(zip, 0, 4);
            throw new Refused(i32(head, 0) == LOCAL ? CodeRefusal.Key.CUT_OFF : CodeRefusal.Key.NOT_ZIP);
        }
        long eocdAt = size - tailLength + eocd;
        if (u16(tail, eocd + 4) != 0 || u16(tail, eocd + 6) != 0) {
            throw new Refused(CodeRefusal.Key.SPLIT);
        }
        long count = u16(tail, eocd + 10);
        long dirSize = u32(tail, eocd + 12);
        long dirOffset = u32(tail, eocd + 16);
        long dirEnd = eocdAt;
        if (count == 0xFFFF || dirSize == 0xFFFFFFFFL || dirOffset == 0xFFFFFFFFL) {
            if (eocdAt < 20) {
                throw damaged(CodeRefusal.Key.ZIP64_MISSING);
            }
            byte[] locator = readFully(zip, eocdAt - 20, 20);
            if (i32(locator, 0) == ZIP64_LOCATOR) {
                long at = i64(locator, 8);
                if (at < 0 || at > eocdAt - 20 - 56) {
                    throw damaged(CodeRefusal.Key.ZIP64_OUTSIDE);
                }
                byte[] z = readFully(zip, at, 56);
                if (i32(z, 0) != ZIP64_EOCD) {
                    throw damaged(CodeRefusal.Key.ZIP64_MISPLACED);
                }
                count = i64(z, 32);
                dirSize = i64(z, 40);
                dirOffset = i64(z, 48);
                dirEnd = at;
            }
        }
        if (count > limits.maxEntries()) {
            throw new Refused(CodeRefusal.Key.TOO_MANY, String.format(Locale.ROOT, "%,d", count),
                    String.format(Locale.ROOT, "%,d", limits.maxEntries()));
        }
        if (count == 0) {
            throw new Refused(CodeRefusal.Key.NO_FILES);
        }
        if (dirOffset < 0 || dirSize < 0 || dirOffset + dirSize > dirEnd) {
            throw damaged(CodeRefusal.Key.DIRECTORY_OUTSIDE);
        }
        if (dirSize > MAX_DIRECTORY) {
            throw new Refused(CodeRefusal.Key.DIRECTORY_TOO_LARGE, MAX_DIRECTORY >> 20);
        }
        byte[] dir = readFully(zip, dirOffset, (int) dirSize);
        List<Entry> out = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > dir.length || i32(dir, p) != CENTRAL) {
                throw damaged(CodeRefusal.Key.DIRECTORY_SHORT, count, i);
            }
            int madeBy = u16(dir, p + 4);
            int flags = u16(dir, p + 8);
            int method = u16(dir, p + 10);
            long crc = u32(dir, p + 16);
            long compressed = u32(dir, p + 20);
            long uncompressed = u32(dir, p + 24);
            int nameLength = u16(dir, p + 28);
            int extraLength = u16(dir, p + 30);
            int commentLength = u16(dir, p + 32);
            long attributes = u32(dir, p + 38);
            long offset = u32(dir, p + 42);
            int next = p + 46 + nameLength + extraLength + commentLength;
            if (next > dir.length) {
                throw damaged(CodeRefusal.Key.DIRECTORY_ENTRY_PAST, i + 1);
            }
            byte[] raw = Arrays.copyOfRange(dir, p + 46, p + 46 + nameLength);
            String name = name(raw, (flags & 0x800) != 0, i + 1);
            String shown = shown(name);
            long[] wide = zip64(dir, p + 46 + nameLength, extraLength, uncompressed, compressed, offset);
            Entry e = new Entry(name, shown, raw, flags, method, crc, wide[1], wide[0], wide[2]);
            checkName(e);
            boolean unix = (madeBy >> 8) == 3;
            if (unix && ((attributes >>> 16) & 0xF000) == 0xA000) {
                throw new Refused(CodeRefusal.Key.SYMLINK, shown);
            }
            if ((flags & 0x41) != 0 || method == 99) {
                throw new Refused(CodeRefusal.Key.ENCRYPTED, shown);
            }
            if (method != 0 && method != 8) {
                throw new Refused(CodeRefusal.Key.METHOD, shown, method);
            }
            out.add(e);
            p = next;
        }
        return out;
    }

    private static void checkName(Entry e) throws Refused {
        String n = e.name();
        String s = e.shown();
        if (n.isEmpty()) {
            throw new Refused(CodeRefusal.Key.EMPTY_NAME);
        }
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw new Refused(CodeRefusal.Key.CONTROL, s, String.format("U+%04X", (int) ch));
            }
        }
        if (n.indexOf('\\') >= 0) {
            throw new Refused(CodeRefusal.Key.BACKSLASH, s);
        }
        if (n.startsWith("/")) {
            throw new Refused(CodeRefusal.Key.ABSOLUTE, s);
        }
        if (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0))) {
            throw new Refused(CodeRefusal.Key.DRIVE, s);
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..")) {
                throw new Refused(CodeRefusal.Key.UP, s);
            }
        }
    }

    private static String name(byte[] raw, boolean utf8, long index) throws Refused {
        if (!utf8) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(CodeRefusal.Key.NAME_NOT_UTF8, index);
        }
    }

    /** The ZIP64 extra field's sizes and offset where the 32-bit fields say "see ZIP64". */
    private static long[] zip64(byte[] dir, int at, int length, long size, long compressed, long offset)
            throws Refused {
        long[] out = {size, compressed, offset};
        int end = at + length;
        for (int p = at; p + 4 <= end; ) {
            int id = u16(dir, p);
            int len = u16(dir, p + 2);
            if (id == 0x0001) {
                int q = p + 4;
                int stop = Math.min(end, q + len);
                for (int k = 0; k < 3; k++) {
                    if (out[k] == 0xFFFFFFFFL) {
                        if (q + 8 > stop) {
                            throw damaged(CodeRefusal.Key.ZIP64_CUT);
                        }
                        out[k] = i64(dir, q);
                        q += 8;
                    }
                }
                break;
            }
            p += 4 + len;
        }
        if (out[0] < 0 || out[1] < 0 || out[2] < 0) {
            throw damaged(CodeRefusal.Key.NEGATIVE_SIZE);
        }
        return out;
    }

    /** Where an entry's data starts, after its local header, which must agree with the directory. */
    private static long localData(Source zip, Entry e) throws IOException, Refused {
        byte[] h = readFully(zip, e.localOffset(), 30);
        if (h.length < 30 || i32(h, 0) != LOCAL) {
            throw damaged(CodeRefusal.Key.NOT_WHERE_SAID, e.shown());
        }
        if ((u16(h, 6) & 0x41) != 0) {
            throw new Refused(CodeRefusal.Key.ENCRYPTED, e.shown());
        }
        int nameLength = u16(h, 26);
        byte[] localName = readFully(zip, e.localOffset() + 30, nameLength);
        if (!Arrays.equals(localName, e.rawName())) {
            throw new Refused(CodeRefusal.Key.TWO_NAMES, e.shown(), shown(new String(localName,
                    StandardCharsets.ISO_8859_1)));
        }
        long start = e.localOffset() + 30 + nameLength + u16(h, 28);
        if (start + e.compressed() > zip.size()) {
            throw damaged(CodeRefusal.Key.PAST_END, e.shown());
        }
        return start;
    }

    private record Inflated(long size, boolean startsLikePdf) {
    }

    /** Unpacks one entry into a fixed buffer, counting, checking its CRC-32, keeping only its first bytes. */
    private static Inflated inflate(Source zip, Entry e, long start, Limits limits, long unpackedBefore)
            throws IOException, Refused {
        CRC32 crc = new CRC32();
        byte[] in = new byte[CHUNK];
        byte[] out = new byte[CHUNK];
        byte[] head = new byte[PDF.length];
        long produced = 0;
        long fed = 0;
        if (e.method() == 0) {
            if (e.compressed() != e.size()) {
                throw damaged(CodeRefusal.Key.STORED_SIZES, e.shown());
            }
            while (fed < e.compressed()) {
                int n = zip.read(start + fed, in, 0, (int) Math.min(CHUNK, e.compressed() - fed));
                if (n <= 0) {
                    throw damaged(CodeRefusal.Key.DATA_EARLY, e.shown());
                }
                produced = counted(e, in, n, produced, fed + n, crc, head, limits, unpackedBefore, false);
                fed += n;
            }
        } else {
            Inflater inflater = new Inflater(true);
            try {
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        if (fed >= e.compressed()) {
                            throw damaged(CodeRefusal.Key.COMPRESSED_EARLY, e.shown());
                        }
                        int n = zip.read(start + fed, in, 0, (int) Math.min(CHUNK, e.compressed() - fed));
                        if (n <= 0) {
                            throw damaged(CodeRefusal.Key.DATA_EARLY, e.shown());
                        }
                        fed += n;
                        inflater.setInput(in, 0, n);
                    }
                    int n = inflater.inflate(out);
                    if (n == 0 && inflater.needsDictionary()) {
                        throw damaged(CodeRefusal.Key.DICTIONARY, e.shown());
                    }
                    produced = counted(e, out, n, produced, inflater.getBytesRead(), crc, head, limits,
                            unpackedBefore, true);
                }
            } catch (DataFormatException x) {
                throw damaged(CodeRefusal.Key.BROKEN, e.shown(), x.getMessage());
            } finally {
                inflater.end();
            }
        }
        if (produced != e.size()) {
            throw damaged(CodeRefusal.Key.SIZE_MISMATCH, e.shown(), produced, e.size());
        }
        if (crc.getValue() != e.crc()) {
            throw damaged(CodeRefusal.Key.CRC, e.shown());
        }
        return new Inflated(produced, produced >= PDF.length && Arrays.equals(head, PDF));
    }

    private static long counted(Entry e, byte[] b, int n, long produced, long read, CRC32 crc, byte[] head,
                                Limits limits, long unpackedBefore, boolean compressed) throws Refused {
        if (produced < head.length) {
            System.arraycopy(b, 0, head, (int) produced, (int) Math.min(n, head.length - produced));
        }
        crc.update(b, 0, n);
        long now = produced + n;
        if (unpackedBefore + now > limits.maxTotalBytes()) {
            throw new Refused(CodeRefusal.Key.UNPACKS_TOO_LARGE, human(limits.maxTotalBytes()), e.shown());
        }
        if (compressed && now > RATIO_FLOOR && now > (long) limits.maxRatio() * Math.max(1, read)) {
            throw new Refused(CodeRefusal.Key.BOMB, e.shown(), limits.maxRatio());
        }
        return now;
    }

    /** macOS's Finder adds {@code __MACOSX/} and {@code ._name} files of metadata beside the real ones. */
    private static boolean macMetadata(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || base.startsWith("._");
    }

    private static Refused damaged(CodeRefusal.Key what, Object... args) {
        return new Refused(CodeRefusal.Key.DAMAGED, CodeRefusal.of(what, args));
    }

    private static String shown(String name) {
        StringBuilder b = new StringBuilder("\"");
        String n = name.length() <= SHOWN ? name : name.substring(0, SHOWN) + "…";
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    private static byte[] readFully(Source zip, long at, int length) throws IOException {
        byte[] b = new byte[length];
        int got = 0;
        while (got < length) {
            int n = zip.read(at + got, b, got, length - got);
            if (n <= 0) {
                return Arrays.copyOf(b, got);
            }
            got += n;
        }
        return b;
    }

    private static int u16(byte[] b, int at) {
        return at + 2 > b.length ? 0 : (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int i32(byte[] b, int at) {
        return at + 4 > b.length ? 0 : u16(b, at) | u16(b, at + 2) << 16;
    }

    private static long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFFFFFFL;
    }

    private static long i64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
