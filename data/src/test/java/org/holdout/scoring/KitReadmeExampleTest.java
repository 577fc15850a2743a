package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The starter kit README's worked example (the course slides' five rows) is what the scorer computes. */
class KitReadmeExampleTest {
    @Test
    void theWorkedExamplesAucIsTheScorers() throws Exception {
        String readme = Files.readString(Path.of("..", "starter-kit", "README.md"));
        Matcher row = Pattern.compile("\\| (\\d) \\| (\\d+) \\| ([01]) \\((?:normal|anomaly)\\) \\|").matcher(readme);
        StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
        StringBuilder upload = new StringBuilder("Id,Predicted\n");
        int rows = 0;
        while (row.find()) {
            solution.append(row.group(1)).append(',').append(row.group(3)).append(",Public\n");
            upload.append(row.group(1)).append(',').append(row.group(2)).append('\n');
            rows++;
        }
        assertThat(rows).isEqualTo(5);
        assertThat(upload.toString()).isEqualTo("Id,Predicted\n0,11383\n1,256676\n2,862365\n3,152435\n4,848171\n");
        Score s = Scorer.score(Solution.parse(solution.toString().getBytes(StandardCharsets.UTF_8)),
                upload.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(s.publicAuc()).isEqualTo(5.0 / 6.0);
        assertThat(readme).contains("**AUC = 5/6 = " + String.format(Locale.ROOT, "%.4f", s.publicAuc()) + "**");
    }
}
