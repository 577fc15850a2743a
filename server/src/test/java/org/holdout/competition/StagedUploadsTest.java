package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging area: its cap per file, whether the client announced the size or not, and the names it keeps. */
class StagedUploadsTest {
    @TempDir
    Path dir;

    @Test
    void aFileOverTheCapIsRefusedAndNothingOfItIsKept() throws Exception {
        StagedUploads staging = new StagedUploads(dir, 100);
        assertThatThrownBy(() -> staging.put("big.npy", new ByteArrayInputStream(new byte[101]), -1))
                .isInstanceOf(StagedUploads.TooLarge.class)
                .hasMessage("big.npy is larger than the limit of 100 bytes for one file");
        assertThatThrownBy(() -> staging.put("big.npy", new ByteArrayInputStream(new byte[0]), 101))
                .isInstanceOf(StagedUploads.TooLarge.class);
        assertThat(dir.resolve("staging")).isEmptyDirectory();

        StagedUploads.Staged s = staging.put("fits.npy", new ByteArrayInputStream(new byte[100]), -1);
        assertThat(s.bytes()).isEqualTo(100);
        assertThat(staging.get(s.id())).get().extracting(StagedUploads.Staged::name).isEqualTo("fits.npy");
        Path taken = staging.take(s, dir.resolve("build"));
        assertThat(taken).hasFileName("fits.npy").hasSize(100);
        assertThat(staging.get(s.id())).isEmpty();
        assertThat(staging.get("../../etc")).isEmpty();
    }

    @Test
    void namesKeepOnlyTheirLastSegmentAndPlainCharacters() {
        assertThat(StagedUploads.cleanName("trainingset.npy")).isEqualTo("trainingset.npy");
        assertThat(StagedUploads.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(StagedUploads.cleanName("C:\\data\\my labels.csv")).isEqualTo("my_labels.csv");
        assertThat(StagedUploads.cleanName(".hidden")).isEqualTo("hidden");
        assertThat(StagedUploads.cleanName("..")).isEqualTo("file");
        assertThat(StagedUploads.cleanName(null)).isEqualTo("file");
        assertThat(StagedUploads.cleanName("x".repeat(300) + ".npy")).hasSize(100).endsWith(".npy");
    }

    @Test
    void stagedFilesNoBuildTookArePruned() throws Exception {
        StagedUploads staging = new StagedUploads(dir, 100);
        StagedUploads.Staged s = staging.put("a.csv", new ByteArrayInputStream(new byte[3]), 3);
        staging.pruneOlderThan(Files.getLastModifiedTime(dir.resolve("staging").resolve(s.id())).toInstant()
                .plusSeconds(1));
        assertThat(staging.get(s.id())).isEmpty();
    }
}
