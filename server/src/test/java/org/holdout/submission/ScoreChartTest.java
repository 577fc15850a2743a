package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.submission.ScoreChart;
import org.holdout.testing.Client;
import org.holdout.testing.Pngs;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreChartTest {
    private static final int SIMPLE = 0x868e96;
    private static final int STRONG = 0xe8590c;
    private static final int SCORE = 0x3b5bdb;

    @Test
    void theChartDrawsTheScoresAndADashedLinePerBaseline() throws Exception {
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("simple", 0.6);
        baselines.put("strong", 0.9);
        BufferedImage with = Pngs.decode(ScoreChart.png(List.of(0.55, 0.7, 0.65), baselines, ScoreChart.Size.WIDE));
        BufferedImage without = Pngs.decode(ScoreChart.png(List.of(0.55, 0.7, 0.65), Map.of(), ScoreChart.Size.WIDE));
        BufferedImage baselinesOnly = Pngs.decode(ScoreChart.png(List.of(), baselines, ScoreChart.Size.WIDE));

        assertThat(with.getWidth()).isEqualTo(720);
        assertThat(with.getHeight()).isEqualTo(320);
        assertThat(pixels(with, SIMPLE)).isGreaterThan(200);
        assertThat(pixels(with, STRONG)).isGreaterThan(200);
        assertThat(pixels(without, SIMPLE)).isZero();
        assertThat(pixels(without, STRONG)).isZero();
        assertThat(pixels(with, SCORE)).isGreaterThan(50);
        assertThat(pixels(baselinesOnly, SCORE)).isZero();
    }

    @Test
    void aStudentSeesTheirOwnScoresChartOnlyOnceTheyHaveAPublicScore(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "100"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Client staff = server.login("staff", Role.STAFF);

            assertThat(ann.getBytes("/submissions/chart.png").statusCode()).isEqualTo(404);
            assertThat(ann.get("/submissions").body()).doesNotContain("score-chart");

            assertThat(ann.uploadApi("bad.csv", TinyCompetition.missingId()).statusCode()).isEqualTo(422);
            assertThat(ann.getBytes("/submissions/chart.png").statusCode()).isEqualTo(404);

            assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ann.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);
            HttpResponse<String> put = staff.api("PUT", "/api/staff/baselines/simple", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"public\":0.5,\"private\":0.4}"), "application/json");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            assertThat(ann.get("/submissions").body()).contains("id=\"score-chart\"", "src=\"/submissions/chart.png\"");
            HttpResponse<byte[]> chart = ann.getBytes("/submissions/chart.png");
            assertThat(chart.statusCode()).isEqualTo(200);
            assertThat(chart.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
            assertThat(chart.headers().firstValue("Cache-Control")).contains("private, no-store");
            BufferedImage image = Pngs.decode(chart.body());
            assertThat(image.getWidth()).isEqualTo(720);
            assertThat(pixels(image, SCORE)).isGreaterThan(50);
            assertThat(pixels(image, SIMPLE)).isGreaterThan(100);
            assertThat(pixels(image, STRONG)).isZero();
            BufferedImage phone = Pngs.decode(ann.getBytes("/submissions/chart.png?size=phone").body());
            assertThat(phone.getWidth()).isEqualTo(400);
            assertThat(phone.getHeight()).isEqualTo(440);

            assertThat(new Client(server.url()).getBytes("/submissions/chart.png").statusCode()).isNotEqualTo(200);
            assertThat(staff.getBytes("/submissions/chart.png").statusCode()).isEqualTo(403);
        }
    }


    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
