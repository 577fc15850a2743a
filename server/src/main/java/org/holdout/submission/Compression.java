package org.holdout.submission;

/** Tells a compressed file by its first bytes, so one sent where a CSV is expected is refused as what it is. */
public final class Compression {
    private Compression() {
    }

    /** The compression format whose magic number starts {@code b} (gzip, zip, bzip2, xz, 7z, zstd), or null. */
    public static String of(byte[] b) {
        if (starts(b, 0x1f, 0x8b)) {
            return "gzip";
        }
        if (starts(b, 'P', 'K', 3, 4) || starts(b, 'P', 'K', 5, 6)) {
            return "zip";
        }
        if (starts(b, 'B', 'Z', 'h')) {
            return "bzip2";
        }
        if (starts(b, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return "xz";
        }
        if (starts(b, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return "7z";
        }
        if (starts(b, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "zstd";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
