package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip rules against what a bundle zip must not do: bombs and too many entries. */
class BundleZipTest {
    @TempDir
    Path dir;

    private Path zip(String... entries) throws IOException {
        Path zip = dir.resolve("bundle.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file)) {
            for (String name : entries) {
                z.putNextEntry(new ZipEntry(name));
                z.write(new byte[name.equals("train.npy") ? 1 << 20 : 10]);
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aZipThatUncompressesBeyondTheCapIsStoppedThereAndSaysSo() throws Exception {
        Path into = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> BundleZip.extract(zip("bundle.json", "train.npy"), "bundle.zip", into, 64 * 1024))
                .isInstanceOf(BundleInstall.Refused.class)
                .hasMessage("bundle.zip: uncompresses to more than 65536 bytes; a bundle is at most that large");
        assertThat(Files.size(into.resolve("train.npy"))).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void moreEntriesThanABundleHasAreRefusedBeforeAnyIsRead() throws Exception {
        String[] names = new String[BundleZip.MAX_ENTRIES + 1];
        for (int i = 0; i < names.length; i++) {
            names[i] = "d" + i + "/";
        }
        Path into = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> BundleZip.extract(zip(names), "bundle.zip", into, 1 << 20))
                .hasMessageStartingWith("bundle.zip: has 17 entries, more than 16");
        assertThat(into).isEmptyDirectory();
    }

    @Test
    void twoFoldersOrNoManifestAreRefused() throws Exception {
        Path into = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> BundleZip.extract(zip("a/bundle.json", "b/test.npy"), "x.zip", into, 1 << 20))
                .hasMessage("x.zip: entry b/test.npy is not in the same folder as the others");
        assertThatThrownBy(() -> BundleZip.extract(zip("test.npy"), "x.zip", into, 1 << 20))
                .hasMessageStartingWith("x.zip: holds no bundle.json");
    }
}
