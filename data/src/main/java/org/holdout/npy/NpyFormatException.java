package org.holdout.npy;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a readable {@code .npy} array; the message names the file and what is wrong. */
public class NpyFormatException extends IOException {

    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
