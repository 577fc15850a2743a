package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer key cache: read once, read again when the file is replaced (as a rescore replaces it: a rename). */
class SolutionsTest {
    @Test
    void aReplacedKeyIsReadAgainAndAnUnchangedOneIsNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("solution.csv"), "Id,Expected,Usage\n0,0,Public\n1,1,Public\n");
        Path c = dir.resolve("solution.csv");
        Solutions solutions = new Solutions();
        var first = solutions.of(c);
        assertThat(solutions.of(c)).isSameAs(first);
        Path next = Files.writeString(dir.resolve("solution.csv.next"),
                "Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,1,Private\n");
        Files.move(next, dir.resolve("solution.csv"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(solutions.of(c).size()).isEqualTo(3);
    }
}
