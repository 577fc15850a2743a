package org.holdout.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFoldersTest {

    @TempDir
    Path root;

    private static void image(Path file, int w, int h, int type, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) img.getRaster().setSample(x, y, 0, value);
                else img.setRGB(x, y, (value << 16) | ((255 - value) << 8) | 7);
            }
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, file.toString().endsWith(".jpg") ? "jpg" : "png", file.toFile())).isTrue();
    }

    /** Gray PNGs whose pixel value tells which file they came from; one RGB PNG and one JPEG of another size. */
    @BeforeEach
    void folders() throws IOException {
        for (int i = 0; i < 4; i++) image(root.resolve("train/normal/n" + i + ".png"), 6, 4, BufferedImage.TYPE_BYTE_GRAY, 10 + i);
        for (int i = 0; i < 3; i++) image(root.resolve("test/normal/t" + i + ".png"), 6, 4, BufferedImage.TYPE_BYTE_GRAY, 100 + i);
        image(root.resolve("test/abnormal/a0.png"), 12, 8, BufferedImage.TYPE_INT_RGB, 200);
        image(root.resolve("test/abnormal/a1.jpg"), 3, 2, BufferedImage.TYPE_INT_RGB, 220);
        image(root.resolve("test/abnormal/a2.png"), 6, 4, BufferedImage.TYPE_BYTE_GRAY, 240);
        Files.writeString(root.resolve("test/normal/.DS_Store"), "hidden files are skipped");
    }

    private BundleContents build(int h, int w, int channels, long seed) throws IOException {
        return ImageFolders.build(new ImageFolders.Options(root, h, w, channels, seed, 0.5, null), Progress.NONE);
    }

    @Test
    void takesTheFirstTrainingImagesShapeAndKeepsGrayValuesExactly() throws IOException {
        BundleContents c = build(0, 0, 0, 1);
        assertThat(c.train().shape()).containsExactly(4, 4, 6, 1);
        assertThat(c.test().shape()).containsExactly(6, 4, 6, 1);
        for (int i = 0; i < 4; i++) assertThat(c.train().get(i * 24 + 5)).as("train image %d in name order", i).isEqualTo(10 + i);
        java.util.List<Integer> normal = new java.util.ArrayList<>();
        java.util.List<Integer> abnormal = new java.util.ArrayList<>();
        for (int row = 0; row < 6; row++) (c.testClasses()[row] == 0 ? normal : abnormal).add(c.test().get(row * 24));
        assertThat(normal).containsExactlyInAnyOrder(100, 101, 102);
        assertThat(abnormal).as("RGB (200, 55, 7) as luma is 93; the gray anomaly stays 240").contains(93, 240).hasSize(3);
    }

    @Test
    void resizesAndConvertsToTheRequestedShape() throws IOException {
        BundleContents c = build(8, 8, 3, 1);
        assertThat(c.train().shape()).containsExactly(4, 8, 8, 3);
        assertThat(c.test().shape()).containsExactly(6, 8, 8, 3);
        for (int row = 0; row < 6; row++) {
            if (c.test().get(row * 192) == 200) {
                assertThat(new int[] {c.test().get(row * 192 + 1), c.test().get(row * 192 + 2)}).containsExactly(55, 7);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBundle() throws IOException {
        BundleWriter.write(build(0, 0, 0, 3), root.resolve("out/a"), false, Progress.NONE);
        BundleWriter.write(build(0, 0, 0, 3), root.resolve("out/b"), false, Progress.NONE);
        for (String f : new String[] {"train.npy", "test.npy", "solution.csv", "bundle.json"}) {
            assertThat(Files.mismatch(root.resolve("out/a").resolve(f), root.resolve("out/b").resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(Bundle.open(root.resolve("out/a")).manifest().classNames()).containsExactly("normal", "abnormal");
    }

    @Test
    void anUndecodableFileIsNamed() throws IOException {
        Files.writeString(root.resolve("test/abnormal/broken.png"), "not a png");
        assertThatThrownBy(() -> build(0, 0, 0, 1)).isInstanceOf(BundleException.class)
                .hasMessageContaining(root.resolve("test/abnormal/broken.png").toString());
        BundleWriter.deleteTree(root.resolve("test/normal"));
        assertThatThrownBy(() -> build(0, 0, 0, 1)).hasMessageContaining("test/normal: missing; an image-folder source needs");
    }
}
