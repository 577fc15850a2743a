package org.holdout.starterkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kit's Python tests ({@code starter-kit/tests/}: the conformance corpus through {@code holdout_kit.py check},
 * the numpy example) run with the machine's {@code python3}, so {@code mvn verify} runs them and fails with them.
 */
class PythonTestsTest {
    static boolean hasPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    @Test
    void theKitsPythonTestsPass() throws Exception {
        Assumptions.assumeTrue(hasPython(), "python3 is not installed (./holdout setup --test installs it)");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "discover", "-s", "tests", "-v")
                .directory(Path.of(".").toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("test_every_file_gets_the_servers_exact_message.* \\.\\.\\. ok")
                .containsPattern("\\nOK");
    }
}
