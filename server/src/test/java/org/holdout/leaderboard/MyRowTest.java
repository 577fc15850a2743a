package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leaderboard's link to the student's own row: an anchor, so it works without JavaScript. */
class MyRowTest {
    @Test
    void aRankedStudentGetsALinkToTheirRowAndNobodyElseDoes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "100"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Client ben = server.login("ben", Role.STUDENT);
            Client cid = server.login("cid", Role.STUDENT);
            Client staff = server.login("staff", Role.STAFF);
            assertThat(ann.uploadApi("a.csv", TinyCompetition.submission(1)).statusCode()).isEqualTo(201);
            assertThat(ben.uploadApi("b.csv", TinyCompetition.submission(2)).statusCode()).isEqualTo(201);

            String annPage = ann.get("/leaderboard").body();
            String benPage = ben.get("/leaderboard").body();
            assertThat(annPage).contains("<span>ANN</span>", "<span>BEN</span>");
            int annRank = annPage.indexOf("<span>ANN</span>") < annPage.indexOf("<span>BEN</span>") ? 1 : 2;
            assertThat(annPage).contains("<a href=\"#me\">Jump to my row (#" + annRank + ")</a>");
            assertThat(benPage).contains("<a href=\"#me\">Jump to my row (#" + (3 - annRank) + ")</a>");
            assertThat(annPage.split("id=\"me\"", -1)).hasSize(2);
            assertThat(annPage).containsPattern("<tr id=\"me\" class=\"mine\">\\s*<td class=\"num\">" + annRank
                    + "</td>\\s*<td><span>ANN</span>");
            assertThat(ann.get("/c/" + server.competition().slug() + "/leaderboard").body()).contains("href=\"#me\"");

            assertThat(cid.get("/leaderboard").body()).doesNotContain("#me", "id=\"me\"");
            assertThat(staff.get("/leaderboard").body()).doesNotContain("#me", "id=\"me\"");
        }
    }
}
