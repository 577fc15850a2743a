package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.holdout.account.Secrets;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.holdout.scoring.SolutionChange;
import org.holdout.submission.UploadStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a rescore's preview spends its time on, at the size the brief names: reading a corrected 10,000-row key
 * against the current one, then reading 1,000 different uploads of 10,000 rows from the upload store and scoring
 * each. Prints the time (docs/benchmarks.md, "Rescoring"). The files are written without the store's fsync, which
 * only the setup would pay.
 */
@Tag("slow")
class RescoreSpeedTest {
    private static final int ROWS = 10_000;
    private static final int UPLOADS = 1_000;

    @Test
    void aThousandUploadsOfTenThousandRowsAreRescoredInSeconds(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        StringBuilder key = new StringBuilder("Id,Expected,Usage\n");
        StringBuilder fixed = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < ROWS; i++) {
            int label = r.nextInt(10) < 3 ? 1 : 0;
            String usage = i % 2 == 0 ? "Public" : "Private";
            key.append(i).append(',').append(label).append(',').append(usage).append('\n');
            fixed.append(i).append(',').append(i == 17 ? 1 - label : label).append(',').append(usage).append('\n');
        }
        Solution current = Solution.parse(key.toString().getBytes(StandardCharsets.UTF_8));
        UploadStore store = new UploadStore(dir);
        List<String> shas = new ArrayList<>();
        for (int u = 0; u < UPLOADS; u++) {
            StringBuilder sb = new StringBuilder("Id,Predicted\n");
            for (int i = 0; i < ROWS; i++) {
                sb.append(i).append(',').append(r.nextInt(1_000_000)).append('\n');
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            String sha = Secrets.sha256Hex(bytes);
            Files.createDirectories(store.path(sha).getParent());
            Files.write(store.path(sha), bytes);
            shas.add(sha);
        }
        long start = System.nanoTime();
        SolutionChange change = Solution.readReplacement(new ByteArrayInputStream(fixed.toString()
                .getBytes(StandardCharsets.UTF_8)), current);
        double sum = 0;
        for (String sha : shas) {
            sum += Scorer.score(change.replacement(), store.read(sha).orElseThrow()).publicAuc();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "rescore: %d uploads of %d rows read and scored in %.2f s (mean AUC %.4f)%n",
                UPLOADS, ROWS, seconds, sum / UPLOADS);
        assertThat(change.labelsChanged()).isEqualTo(1);
        assertThat(seconds).as("synchronous is fine only while it takes seconds").isLessThan(30);
    }
}
