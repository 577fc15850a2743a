package org.holdout.starterkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The files of the starter kit as a student gets them, by their path in the zip: the README template (its
 * {@code {{…}}} placeholders are filled per competition by the server), the two Python files and the Java example
 * with the project's {@code .npy} reader.
 */
public final class KitFiles {
    /** The README template, whose placeholders the server fills. */
    public static final String README = "README.md";

    private static final String NPY = "java/src/main/java/org/holdout/npy/";

    /** Every file, in the order of the zip. */
    public static final List<String> FILES = List.of(README, "holdout_kit.py", "example_numpy.py", "java/pom.xml",
            "java/src/main/java/org/holdout/kit/AutoencoderExample.java", NPY + "Npy.java", NPY + "NpyArray.java",
            NPY + "NpyFormatException.java", NPY + "NpyHeader.java", NPY + "UInt8Array.java");

    private KitFiles() {
    }

    /** The bytes of one of {@link #FILES}. */
    public static byte[] read(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("not a file of the starter kit: " + name);
        }
        try (InputStream in = KitFiles.class.getResourceAsStream("files/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the starter kit's " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
