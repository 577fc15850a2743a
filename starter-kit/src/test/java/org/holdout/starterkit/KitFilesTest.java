package org.holdout.starterkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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
        assertThat(dir.resolve("classes/org/holdout/kit/AutoencoderExample.class")).exists();
    }

    @Test
    void theJavaExampleUsesThisBuildsDeeplearning4jVersion() throws IOException {
        String pom = Files.readString(Path.of("java", "pom.xml"));
        assertThat(pom).contains("<dl4j.version>" + System.getProperty("dl4j.version") + "</dl4j.version>")
                .contains("<javacpp.platform>linux-x86_64</javacpp.platform>").doesNotContain("<parent>");
    }
}
