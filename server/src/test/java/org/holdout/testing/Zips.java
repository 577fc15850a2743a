package org.holdout.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Zips made for tests: real ones from {@link ZipOutputStream}, and crafted ones patched byte by byte. */
public final class Zips {
    public static final byte[] PDF = "%PDF-1.7\n% a tiny report\n".getBytes(StandardCharsets.US_ASCII);

    private Zips() {
    }

    /** A zip of name → content, deflated. */
    public static byte[] of(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip of a few text files named {@code name} → content. */
    public static byte[] ofText(String... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put(nameThenContent[i], nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return of(m);
    }

    /** A student's code: two Python files and, if asked, a report PDF. */
    public static byte[] code(boolean withReport, String marker) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("hw/train.py", ("import numpy as np\n# " + marker + "\n").getBytes(StandardCharsets.UTF_8));
        m.put("hw/predict.py", "print('Id,Predicted')\n".getBytes(StandardCharsets.UTF_8));
        if (withReport) {
            m.put("hw/report.pdf", PDF);
        }
        return of(m);
    }

    /** Where the central-directory header of the entry called {@code name} starts. */
    public static int central(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2 && u16(zip, i + 28) == n.length
                    && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + n.length), n)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no entry " + name);
    }

    /** Where the local header of the entry called {@code name} starts. */
    public static int local(byte[] zip, String name) {
        return (int) u32(zip, central(zip, name) + 42);
    }

    /** Makes the entry a Unix symbolic link, as {@code zip --symlinks} writes one. */
    public static byte[] symlink(byte[] zip, String name) {
        byte[] z = zip.clone();
        int c = central(z, name);
        z[c + 5] = 3;
        put32(z, c + 38, 0xA1FFL << 16);
        return z;
    }

    /** Sets the "encrypted" flag of the entry in both its headers. */
    public static byte[] encrypted(byte[] zip, String name) {
        byte[] z = zip.clone();
        int c = central(z, name);
        int l = local(z, name);
        z[c + 8] |= 1;
        z[l + 6] |= 1;
        return z;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    public static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }

    public static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    public static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v & 0xffff));
        put16(b, at + 2, (int) ((v >> 16) & 0xffff));
    }

    public static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /** Every entry of {@code zip} by name, in order. */
    public static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
