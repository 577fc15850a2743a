package org.holdout.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Python snippets with Debian's numpy (/usr/bin/python3; the python3 on PATH may lack numpy). */
public final class Numpy {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private Numpy() {
    }

    /** Skips the calling test when /usr/bin/python3 has no numpy (CI installs python3-numpy). */
    public static void assumeAvailable() {
        if (available == null) {
            try {
                available = Files.isExecutable(PYTHON) && exec("import numpy", Path.of(".")).exit == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "/usr/bin/python3 with numpy (Debian python3-numpy) is not installed");
    }

    /** Runs {@code script} in {@code dir}; fails the test unless it exits 0; returns its stdout. */
    public static String run(String script, Path dir) throws IOException {
        assumeAvailable();
        Result r = exec(script, dir);
        assertThat(r.exit).as("python failed:\n%s\n%s", script, r.output).isZero();
        return r.output.strip();
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(String script, Path dir) throws IOException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
