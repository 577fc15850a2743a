package org.holdout.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A course's own files, small: {@code trainingset.npy} (10 normal 4×4 images), {@code testingset.npy} (40 images)
 * and {@code labels.csv} with {@link TinyCompetition#anomaly}'s labels; and broken variants of each.
 */
public final class CourseFiles {
    private CourseFiles() {
    }

    public static byte[] train() {
        return npy("|u1", new int[] {10, 4, 4}, new byte[10 * 16]);
    }

    public static byte[] test() {
        byte[] images = new byte[TinyCompetition.ROWS * 16];
        new Random(3).nextBytes(images);
        return npy("|u1", new int[] {TinyCompetition.ROWS, 4, 4}, images);
    }

    /** {@code Id,Expected} for Ids 0..rows-1, labels of {@link TinyCompetition#anomaly}. */
    public static byte[] labels(int rows) {
        StringBuilder sb = new StringBuilder("Id,Expected\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(TinyCompetition.anomaly(i) ? 1 : 0).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A .npy file of {@code descr} and {@code shape} holding {@code data} as it is. */
    public static byte[] npy(String descr, int[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims.toString().strip()
                + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length,
            (byte) (header.length >> 8)});
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A zip of {@code dir}'s files under the entry names {@code prefix + name}, plus extra raw entries. */
    public static byte[] zip(Path dir, String prefix, String... extraNames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry(prefix + f.getFileName()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
            for (String name : extraNames) {
                z.putNextEntry(new ZipEntry(name));
                z.write("x".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
