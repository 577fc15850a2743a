package org.holdout.starterkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kit holds: exactly the module's files, the project's own .npy reader, and a Java example that compiles. */
class KitFilesTest {
    @Test
    void theKitHoldsExactlyTheFilesOfTheModule() throws IOException {
        TreeSet<String> onDisk = new TreeSet<>(List.of("README.md", "holdout_kit.py", "example_numpy.py"));
        try (Stream<Path> java = Files.walk(Path.of("java"))) {
            java.filter(Files::isRegularFile).filter(p -> !p.startsWith(Path.of("java", "target")))
                    .forEach(p -> onDisk.add(p.toString().replace('\\', '/')));
        }
        TreeSet<String> listed = KitFiles.FILES.stream().filter(f -> !f.contains("/org/holdout/npy/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(onDisk);
        for (String name : KitFiles.FILES) {
            if (!name.contains("/org/holdout/npy/")) {
                assertThat(KitFiles.read(name)).as(name).isEqualTo(Files.readAllBytes(Path.of(name)));
            }
        }
    }

    @Test
    void theJavaExampleReadsNpyFilesWithTheProjectsOwnReader() throws IOException {
        Path reader = Path.of("..", "data", "src", "main", "java", "org", "holdout", "npy");
        TreeSet<String> project;
        try (Stream<Path> files = Files.list(reader)) {
            project = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        TreeSet<String> inKit = KitFiles.FILES.stream().filter(f -> f.contains("/org/holdout/npy/"))
                .map(f -> f.substring(f.lastIndexOf('/') + 1)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inKit).isEqualTo(project);
        for (String name : project) {
            assertThat(KitFiles.read("java/src/main/java/org/holdout/npy/" + name)).as(name)
                    .isEqualTo(Files.readAllBytes(reader.resolve(name)));
        }
    }

    /** Compiled against this build's Deeplearning4j (test scope, the baselines' version), not with a Maven run. */
    @Test
    void theJavaExampleCompilesAgainstDeeplearning4j(@TempDir Path dir) throws IOException {
        compile(dir);
        assertThat(dir.resolve("classes/org/holdout/kit/AutoencoderExample.class")).exists();
    }

    /** The example trains on a tiny set and writes a file of one finite score per test image, Ids in order. */
    @Test
    @Tag("slow")
    void theJavaExampleWritesASubmission(@TempDir Path dir) throws Exception {
        Path classes = compile(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        Random r = new Random(7);
        byte[] train = new byte[20 * 16];
        byte[] test = new byte[6 * 16];
        r.nextBytes(train);
        r.nextBytes(test);
        Files.write(data.resolve("train.npy"), npy(train, 20));
        Files.write(data.resolve("test.npy"), npy(test, 6));
        Path out = dir.resolve("submission.csv");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + Path.of("target", "javacpp").toAbsolutePath(),
                "-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "org.holdout.kit.AutoencoderExample", "--data", data.toString(), "--out", out.toString(),
                "--epochs", "2", "--code", "4").redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).contains("train.npy: [20, 4, 4, 1], test.npy: [6, 4, 4, 1]", "epoch 2 of 2",
                "wrote " + out + ": 6 rows");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("Id,Predicted");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertThat(f[0]).isEqualTo(String.valueOf(i - 1));
            assertThat(Double.parseDouble(f[1])).isFinite().isNotNegative();
        }
    }

    private static Path compile(Path dir) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String name : KitFiles.FILES) {
            if (name.endsWith(".java")) {
                Path p = dir.resolve("src").resolve(name);
                Files.createDirectories(p.getParent());
                Files.write(p, KitFiles.read(name));
                sources.add(p);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(problems, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, problems, List.of("--release", "17", "-Xlint:none", "-d",
                    dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path")), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as(problems.getDiagnostics().toString()).isTrue();
        }
        return dir.resolve("classes");
    }

    /** A uint8 N×4×4×1 array in numpy's .npy format 1.0. */
    private static byte[] npy(byte[] data, int n) {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ", 4, 4, 1), }";
        int pad = (64 - (10 + header.length() + 1) % 64) % 64;
        byte[] h = (header + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + h.length + data.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }

    @Test
    void theJavaExampleUsesThisBuildsDeeplearning4jVersion() throws IOException {
        String pom = Files.readString(Path.of("java", "pom.xml"));
        assertThat(pom).contains("<dl4j.version>" + System.getProperty("dl4j.version") + "</dl4j.version>")
                .contains("<javacpp.platform>linux-x86_64</javacpp.platform>").doesNotContain("<parent>");
    }
}
