package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.competition.DataPreview;
import org.holdout.npy.Npy;
import org.holdout.npy.UInt8Array;
import org.holdout.testing.Client;
import org.holdout.testing.Pngs;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPreviewTest {
    @Test
    void colourImagesAreDrawnPixelForPixelEnlarged(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * 2 * 3 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 11);
        }
        Path npy = dir.resolve("rgb.npy");
        Npy.write(npy, new UInt8Array(new int[] {3, 2, 3, 3}, data));

        BufferedImage grid = Pngs.decode(DataPreview.png(npy, 16, 2));
        int zoom = 84 / 3;
        int cellW = 3 * zoom + 4;
        int cellH = 2 * zoom + 4;
        assertThat(grid.getWidth()).isEqualTo(2 * cellW - 4);
        assertThat(grid.getHeight()).isEqualTo(2 * cellH - 4);
        for (int img = 0; img < 3; img++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    int p = img * 18 + (y * 3 + x) * 3;
                    int expected = (data[p] & 0xff) << 16 | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff);
                    int px = (img % 2) * cellW + x * zoom + zoom / 2;
                    int py = (img / 2) * cellH + y * zoom + zoom / 2;
                    assertThat(grid.getRGB(px, py) & 0xffffff).as("image %d pixel %d,%d", img, x, y)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(grid.getRGB(cellW + 1, cellH + 1) & 0xffffff).as("the fourth cell stays empty").isEqualTo(0xffffff);
    }

    @Test
    void aFileThatIsNotImagesIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("flat.npy");
        Npy.write(npy, new UInt8Array(new int[] {5}, new byte[5]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataPreview.png(npy, 16, 8))
                .hasMessageContaining("flat.npy").hasMessageContaining("expected uint8 images");
    }

    @Test
    void studentsSeeTheFirstImagesOfTrainAndTestAndNothingElse(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of())) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.get("/data").body()).contains("src=\"/data/preview/train.png\"",
                    "src=\"/data/preview/test.png\"");

            var r = ann.getBytes("/data/preview/test.png");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
            BufferedImage grid = Pngs.decode(r.body());
            int zoom = 84 / 4;
            assertThat(grid.getWidth()).isEqualTo(8 * (4 * zoom + 4) - 4);
            assertThat(grid.getHeight()).isEqualTo(2 * (4 * zoom + 4) - 4);
            byte[] npy = Files.readAllBytes(server.competition().bundleDir().resolve("test.npy"));
            int offset = npy.length - TinyCompetition.ROWS * 16;
            for (int img : new int[] {0, 9, 15}) {
                int left = (img % 8) * (4 * zoom + 4);
                int top = (img / 8) * (4 * zoom + 4);
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int v = npy[offset + img * 16 + y * 4 + x] & 0xff;
                        assertThat(grid.getRGB(left + x * zoom + 3, top + y * zoom + 3) & 0xffffff)
                                .isEqualTo(v << 16 | v << 8 | v);
                    }
                }
            }
            assertThat(ann.getBytes("/data/preview/train.png").statusCode()).isEqualTo(200);

            for (String other : new String[] {"solution.png", "train.npy", "sample_submission.png", "..%2Fsolution.png"}) {
                assertThat(ann.getBytes("/data/preview/" + other).statusCode()).as(other).isEqualTo(404);
            }
            assertThat(new Client(server.url()).getBytes("/data/preview/test.png").statusCode()).isNotEqualTo(200);
        }
    }

}
