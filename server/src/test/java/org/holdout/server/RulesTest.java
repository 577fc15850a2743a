package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
    @Test
    void rulesMdIsRenderedAsMarkdownWithItsHtmlEscaped(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.md");
        Files.writeString(rules, "## House rules\n\nAt most **5** a day.\n\n<script>alert(1)</script>\n\n"
                + "[x](javascript:alert(2))\n");
        try (TestServer server = new TestServer(dir.resolve("s"), Map.of("rules.file", rules.toString()))) {
            String page = server.login("ann", Role.STUDENT).get("/").body();
            assertThat(page).contains("<h2>House rules</h2>", "<strong>5</strong>", "&lt;script&gt;")
                    .doesNotContain("<script>", "javascript:alert");
        }
    }

    @Test
    void withoutRulesMdTheBuiltInTextNamesTheLimitAndTheTimeZone(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            String page = server.login("ann", Role.STUDENT).get("/").body();
            assertThat(page).contains("At most <strong>3</strong> scored submissions per day", "Asia/Taipei");
        }
    }
}
