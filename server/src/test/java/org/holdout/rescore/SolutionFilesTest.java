package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.Sha256;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a bundle's solution.csv: nothing lost, the bundle verifies after, and a start after a crash finishes the
 * replacement the database committed and discards one it did not.
 */
class SolutionFilesTest {
    private static final Instant AT = Instant.parse("2026-03-01T04:05:06.789Z");

    @TempDir
    Path dir;

    private byte[] corrected() throws Exception {
        String old = Files.readString(dir.resolve(Bundle.SOLUTION));
        return old.replaceFirst("\n0,0,Public\n", "\n0,1,Public\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void commitKeepsTheOldKeyAndTheBundleVerifiesWithTheNewHash() throws Exception {
        TinyCompetition.writeVerified(dir);
        byte[] old = Files.readAllBytes(dir.resolve(Bundle.SOLUTION));
        byte[] next = corrected();
        SolutionFiles.prepare(dir, next, new int[] {11, 9, 13, 7});
        assertThat(Files.readAllBytes(dir.resolve(Bundle.SOLUTION))).as("unchanged until the commit").isEqualTo(old);
        Bundle.open(dir);

        assertThat(SolutionFiles.commit(dir, AT)).isEqualTo("solution.csv.replaced-20260301T040506.789Z");
        assertThat(Files.readAllBytes(dir.resolve("solution.csv.replaced-20260301T040506.789Z"))).isEqualTo(old);
        assertThat(Files.readAllBytes(dir.resolve(Bundle.SOLUTION))).isEqualTo(next);
        BundleManifest m = Bundle.open(dir).manifest();
        assertThat(m.files().get(Bundle.SOLUTION)).isEqualTo(Sha256.of(next));
        assertThat(m.labelCounts().get("test")).isEqualTo(Map.of("normal", 24, "anomaly", 16));
        assertThat(m.name()).isEqualTo("tiny");
        assertThat(SolutionFiles.keptName(dir, AT)).as("a second one the same millisecond")
                .isEqualTo("solution.csv.replaced-20260301T040506.789Z-2");
    }

    @Test
    void aStartFinishesACommittedReplacementAndDiscardsAnUncommittedOne() throws Exception {
        TinyCompetition.writeVerified(dir);
        byte[] old = Files.readAllBytes(dir.resolve(Bundle.SOLUTION));
        byte[] next = corrected();
        SolutionFiles.prepare(dir, next, new int[] {11, 9, 13, 7});
        assertThat(SolutionFiles.recover(dir, null, null)).as("the database has no rescore").isFalse();
        assertThat(Files.readAllBytes(dir.resolve(Bundle.SOLUTION))).isEqualTo(old);
        assertThat(dir.resolve(Bundle.SOLUTION + SolutionFiles.NEXT)).doesNotExist();
        assertThat(dir.resolve(Bundle.MANIFEST + SolutionFiles.NEXT)).doesNotExist();
        Bundle.open(dir);

        SolutionFiles.prepare(dir, next, new int[] {11, 9, 13, 7});
        assertThat(SolutionFiles.recover(dir, Sha256.of(old), AT)).as("an older rescore's key").isFalse();
        assertThat(Files.readAllBytes(dir.resolve(Bundle.SOLUTION))).isEqualTo(old);

        SolutionFiles.prepare(dir, next, new int[] {11, 9, 13, 7});
        assertThat(SolutionFiles.recover(dir, Sha256.of(next), AT)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve(Bundle.SOLUTION))).isEqualTo(next);
        assertThat(Bundle.open(dir).manifest().files().get(Bundle.SOLUTION)).isEqualTo(Sha256.of(next));

        // a crash between the two renames: the key is in place, its bundle.json still waits
        SolutionFiles.prepare(dir, old, new int[] {12, 8, 13, 7});
        Files.move(dir.resolve(Bundle.SOLUTION + SolutionFiles.NEXT), dir.resolve(Bundle.SOLUTION),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(SolutionFiles.recover(dir, Sha256.of(old), AT)).isTrue();
        assertThat(Bundle.open(dir).manifest().files().get(Bundle.SOLUTION)).isEqualTo(Sha256.of(old));
    }
}
