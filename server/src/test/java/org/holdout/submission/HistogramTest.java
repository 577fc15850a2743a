package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.Pngs;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** My submissions: a histogram of each scored file's own values, to its owner only. */
class HistogramTest {
    private static final int BAR = 0x3b5bdb;

    @Test
    void eachScoredSubmissionHasAHistogramOfItsOwnValuesForItsOwnerOnly(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "100"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Client bob = server.login("bob", Role.STUDENT);
            Client staff = server.login("staff", Role.STAFF);

            long scored = id(ann.uploadApi("a.csv", TinyCompetition.submission(1)));
            long refused = id(ann.uploadApi("bad.csv", TinyCompetition.missingId()));
            long constant = id(ann.uploadApi("half.csv", constantFile()));

            HttpResponse<byte[]> png = ann.getBytes("/submissions/" + scored + "/histogram.png");
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
            BufferedImage wide = Pngs.decode(png.body());
            assertThat(wide.getWidth()).isEqualTo(720);
            assertThat(bluePixels(wide)).isGreaterThan(500);
            BufferedImage phone = Pngs.decode(ann.getBytes("/submissions/" + scored + "/histogram.png?size=phone").body());
            assertThat(phone.getWidth()).isEqualTo(400);
            assertThat(ann.getBytes("/c/" + server.competition().slug() + "/submissions/" + scored + "/histogram.png")
                    .statusCode()).isEqualTo(200);

            assertThat(ann.getBytes("/submissions/" + refused + "/histogram.png").statusCode()).isEqualTo(404);
            assertThat(bob.getBytes("/submissions/" + scored + "/histogram.png").statusCode()).isEqualTo(404);
            assertThat(ann.getBytes("/submissions/99999/histogram.png").statusCode()).isEqualTo(404);
            assertThat(ann.getBytes("/submissions/x/histogram.png").statusCode()).isEqualTo(404);
            assertThat(staff.getBytes("/submissions/" + scored + "/histogram.png").statusCode()).isEqualTo(403);
            assertThat(new Client(server.url()).getBytes("/submissions/" + scored + "/histogram.png").statusCode())
                    .isNotEqualTo(200);

            String page = ann.get("/submissions").body();
            assertThat(page).contains("id=\"histogram-" + scored + "\"", "src=\"/submissions/" + scored
                    + "/histogram.png\"", "Histogram of this file&#39;s scores: 40 values from ",
                    "All 40 scores are equal (0.5): this file ranks nothing, so its AUC is 0.5");
            assertThat(page).doesNotContain("id=\"histogram-" + refused + "\"");
            assertThat(bob.get("/submissions").body()).doesNotContain("histogram-" + scored);

            String zh = ann.http.send(HttpRequest.newBuilder(URI.create(ann.base + "/submissions"))
                    .header("Accept-Language", "zh-TW").build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(zh).contains("全部 40 個分數都相同（0.5）", "第 " + scored + " 號上傳檔中 40 個 Predicted 值的直方圖");

            assertThat(Pngs.decode(ann.getBytes("/submissions/" + constant + "/histogram.png").body()).getWidth())
                    .isEqualTo(720);
        }
    }

    private static byte[] constantFile() {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < TinyCompetition.ROWS; i++) {
            sb.append(i).append(",0.5\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long id(HttpResponse<String> r) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int bluePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == BAR) {
                    n++;
                }
            }
        }
        return n;
    }
}
