package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.web.SecurityHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer carries the security headers; only the static files may be cached. */
class SecurityHeadersTest {

    private static void assertSecure(HttpResponse<?> r, String what) {
        var h = r.headers();
        assertThat(h.firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'", "default-src 'none'", "style-src 'self'")
                .doesNotContain("unsafe"));
        assertThat(h.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(h.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(h.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
    }

    @Test
    void pagesApiAnswersAndErrorsAreNotStoredAndStaticFilesMayBeCached(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client staff = server.login("ta", Role.STAFF);
            Client nobody = new Client(server.url());
            Map<String, HttpResponse<?>> answers = new java.util.LinkedHashMap<>();
            answers.put("login page", nobody.get("/login"));
            answers.put("overview", ann.get("/"));
            answers.put("leaderboard", ann.get("/leaderboard"));
            answers.put("account", ann.get("/account"));
            answers.put("staff", staff.get("/staff"));
            answers.put("redirect to login", nobody.get("/submit"));
            answers.put("404 page", ann.get("/nowhere"));
            answers.put("download", ann.getBytes("/data/train.npy"));
            answers.put("chart", ann.getBytes("/submissions/chart.png"));
            answers.put("api board", ann.apiGet("/api/leaderboard"));
            answers.put("api submissions", ann.apiGet("/api/submissions"));
            answers.put("api 401", nobody.apiGet("/api/submissions"));
            answers.put("api 404", ann.apiGet("/api/nothing"));
            answers.put("login refused", nobody.postForm("/login", Map.of("username", "ann", "password", "x"), true));
            answers.put("headers too large", nobody.http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/leaderboard")).header("X-Big", "x".repeat(20_000)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            answers.forEach((what, r) -> {
                assertSecure(r, what);
                assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValueSatisfying(v ->
                        assertThat(v).contains("no-store"));
            });
            assertThat(answers.get("headers too large").statusCode()).isEqualTo(431);

            HttpResponse<String> css = ann.get("/static/style.css");
            assertSecure(css, "style.css");
            assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        }
    }

    @Test
    void theRuleGivesNoStoreEverywhereButTheStaticFiles() {
        assertThat(SecurityHeaders.forPath("/api/leaderboard")).containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Frame-Options", "DENY");
        assertThat(SecurityHeaders.forPath("/account")).containsEntry("Cache-Control", "no-store");
        assertThat(SecurityHeaders.forPath("/static/style.css")).doesNotContainKey("Cache-Control")
                .containsKey("Content-Security-Policy");
        assertThat(SecurityHeaders.forPath(null)).containsEntry("Cache-Control", "no-store");
    }
}
