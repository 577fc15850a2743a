package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.holdout.npy.Npy;
import org.holdout.npy.Numpy;
import org.holdout.npy.UInt8Array;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseLayoutTest {
    static final int[] LABELS = {0, 1, 0, 0, 1, 1, 0, 1, 0, 1};

    @TempDir
    Path dir;
    Path train;
    Path test;

    /** Test image i is filled with the value i, so a bundle row shows which course image it is. */
    @BeforeEach
    void courseFiles() throws IOException {
        train = dir.resolve("trainingset.npy");
        test = dir.resolve("testingset.npy");
        Npy.write(train, new UInt8Array(new int[] {6, 4, 4, 3}, new byte[6 * 48]));
        byte[] images = new byte[LABELS.length * 48];
        for (int i = 0; i < images.length; i++) images[i] = (byte) (i / 48);
        Npy.write(test, new UInt8Array(new int[] {LABELS.length, 4, 4, 3}, images));
    }

    private BundleContents build(Path labels, boolean keepOrder) throws IOException {
        return CourseLayout.build(new CourseLayout.Options(train, test, labels, 5, 0.5, keepOrder, null), Progress.NONE);
    }

    private static void assertLabelsFollowImages(BundleContents c) {
        for (int row = 0; row < c.test().count(); row++) {
            int courseIndex = c.test().get(row * 48);
            assertThat(c.testClasses()[row]).as("row %d (course image %d)", row, courseIndex).isEqualTo(LABELS[courseIndex]);
        }
    }

    @Test
    void importsWithLabelsAsCsvNpyOrOnePerLine() throws IOException {
        StringBuilder csv = new StringBuilder("Id,Expected\n");
        StringBuilder lines = new StringBuilder();
        for (int i = LABELS.length - 1; i >= 0; i--) csv.append(i).append(',').append(LABELS[i]).append('\n');
        for (int label : LABELS) lines.append(label).append('\n');
        byte[] npy = new byte[LABELS.length];
        for (int i = 0; i < npy.length; i++) npy[i] = (byte) LABELS[i];
        Npy.write(dir.resolve("labels.npy"), new UInt8Array(new int[] {npy.length}, npy));
        List<Path> sources = List.of(Files.writeString(dir.resolve("labels.csv"), csv), Files.writeString(dir.resolve("labels.txt"), lines),
                dir.resolve("labels.npy"));
        for (Path labels : sources) {
            BundleContents c = build(labels, false);
            assertThat(c.test().shape()).containsExactly(10, 4, 4, 3);
            assertThat(c.train().count()).isEqualTo(6);
            assertThat(c.classNames()).containsExactly("normal", "anomaly");
            assertLabelsFollowImages(c);
        }
        assertThat(build(sources.get(0), false).test()).as("same seed, same bytes whatever the labels file")
                .isEqualTo(build(sources.get(2), false).test());
        Path out = dir.resolve("bundle");
        BundleWriter.write(build(sources.get(1), false), out, false, Progress.NONE);
        assertThat(Bundle.open(out).manifest().source()).isEqualTo("course: trainingset.npy, testingset.npy, labels.txt");
    }

    @Test
    void readsNumpyWrittenInt64Labels() throws IOException {
        Numpy.run("import numpy as np; np.save('labels.npy', np.array(" + java.util.Arrays.toString(LABELS) + ", dtype=np.int64))", dir);
        assertLabelsFollowImages(build(dir.resolve("labels.npy"), false));
    }

    @Test
    void keepOrderKeepsTheCourseIds() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "0\n1\n0\n0\n1\n1\n0\n1\n0\n1\n");
        BundleContents kept = build(labels, true);
        for (int row = 0; row < 10; row++) assertThat(kept.test().get(row * 48)).isEqualTo(row);
        BundleContents shuffled = build(labels, false);
        assertThat(shuffled.test()).isNotEqualTo(kept.test());
    }

    @Test
    void badLabelsAreNamedByFileAndLine() throws IOException {
        Path shortFile = Files.writeString(dir.resolve("short.txt"), "0\n1\n");
        assertThatThrownBy(() -> build(shortFile, false)).hasMessageContaining("short.txt: 2 labels, but the test set has 10 images");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Id,Expected\n0,1\n1,2\n");
        assertThatThrownBy(() -> build(bad, false)).hasMessageContaining("bad.csv: line 3: label '2' is not 0 or 1");
        Path dup = Files.writeString(dir.resolve("dup.csv"), "Id,Expected\n0,1\n0,0\n");
        assertThatThrownBy(() -> build(dup, false)).hasMessageContaining("dup.csv: line 3: duplicate Id 0");
        Path header = Files.writeString(dir.resolve("header.csv"), "Id,Predicted\n0,1\n");
        assertThatThrownBy(() -> build(header, false)).hasMessageContaining("expected columns Id and Expected");
        Npy.write(test, new UInt8Array(new int[] {10, 4, 4, 1}, new byte[160]));
        Path labels = Files.writeString(dir.resolve("labels.txt"), "0\n1\n0\n0\n1\n1\n0\n1\n0\n1\n");
        assertThatThrownBy(() -> build(labels, false)).hasMessageContaining("testingset.npy: images are [4, 4, 1] but trainingset.npy holds [4, 4, 3]");
    }

    @Test
    void checkFindsWhatBuildWouldRefuseWithoutReadingTheImages() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "0\n1\n0\n0\n1\n1\n0\n1\n0\n1\n");
        CourseLayout.Checked ok = CourseLayout.check(train, test, labels);
        assertThat(ok.trainCount()).isEqualTo(6);
        assertThat(ok.testCount()).isEqualTo(10);
        assertThat(ok.image()).containsExactly(4, 4, 3);

        Path oneAnomaly = Files.writeString(dir.resolve("one.txt"), "0\n1\n0\n0\n0\n0\n0\n0\n0\n0\n");
        assertThatThrownBy(() -> CourseLayout.check(train, test, oneAnomaly))
                .hasMessageContaining("one.txt: 1 anomalies and 9 normal images; the Public and the Private split each"
                        + " need both");
        Path shortFile = Files.writeString(dir.resolve("short.txt"), "0\n1\n");
        assertThatThrownBy(() -> CourseLayout.check(train, test, shortFile))
                .hasMessageContaining("short.txt: 2 labels, but the test set has 10 images");
        byte[] whole = Files.readAllBytes(test);
        Path cut = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> CourseLayout.check(train, cut, labels))
                .hasMessageContaining("cut.npy: truncated: shape [10, 4, 4, 3] of |u1 needs 480 bytes");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 4, 4, 3), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        byte[] floatFile = new byte[10 + header.length() + 6 * 48 * 4];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0}, 0,
                floatFile, 0, 10);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, floatFile, 10, header.length());
        Path floats = Files.write(dir.resolve("floats.npy"), floatFile);
        assertThatThrownBy(() -> CourseLayout.check(floats, test, labels))
                .hasMessageContaining("floats.npy: dtype is '<f4', expected uint8 ('|u1')");
    }
}
