package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed logins over real HTTP: 401 while under the limit, then 429 with Retry-After, for names real or not. */
class LoginThrottlingTest {

    private static HttpResponse<String> attempt(Client c, String username, String password) throws Exception {
        c.get("/login");
        return c.postForm("/login", Map.of("username", username, "password", password), true);
    }

    private static String withoutName(HttpResponse<String> r, String username) {
        int start = r.body().indexOf("class=\"alert bad\"");
        return r.body().substring(start, r.body().indexOf("</p>", start)).replace(username, "NAME");
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWith429UntilTheWindowPasses(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = attempt(c, "ann", "guess" + i);
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).contains("Wrong username or password.");
            }
            HttpResponse<String> refused = attempt(c, "ann", "password-ann");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
            assertThat(refused.body()).contains("Too many failed logins as &quot;ann&quot;; try again in 15 minutes.");
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith("holdout_session="));

            server.clock.advance(Duration.ofMinutes(14));
            assertThat(attempt(c, "ann", "password-ann").headers().firstValue("Retry-After")).hasValue("60");
            server.clock.advance(Duration.ofMinutes(1));
            assertThat(attempt(c, "ann", "password-ann").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void aNameThatDoesNotExistIsRefusedJustLikeOneThatDoes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (String name : new String[] {"ann", "nobody"}) {
                for (int i = 0; i < 5; i++) {
                    assertThat(attempt(c, name, "guess").statusCode()).isEqualTo(401);
                }
            }
            HttpResponse<String> real = attempt(c, "ann", "guess");
            HttpResponse<String> made = attempt(c, "nobody", "guess");
            assertThat(made.statusCode()).isEqualTo(real.statusCode()).isEqualTo(429);
            assertThat(made.headers().firstValue("Retry-After")).isEqualTo(real.headers().firstValue("Retry-After"));
            assertThat(withoutName(made, "nobody")).isEqualTo(withoutName(real, "ann"));
        }
    }

    @Test
    void aNameThatDoesNotExistTakesAsLongToRefuseAsAWrongPassword(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            AccountService accounts = server.app.accounts();
            accounts.create("ann", "Ann", null, Role.STUDENT, "password-ann");
            long known = Long.MAX_VALUE;
            long unknown = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                assertThat(accounts.authenticate("ann", "guess")).isEmpty();
                long t1 = System.nanoTime();
                assertThat(accounts.authenticate("nobody", "guess")).isEmpty();
                long t2 = System.nanoTime();
                known = Math.min(known, t1 - t0);
                unknown = Math.min(unknown, t2 - t1);
            }
            assertThat(unknown).as("fastest refusal of a made-up name vs of a wrong password (ns)")
                    .isGreaterThan(known / 4);
        }
    }

    @Test
    void aSuccessfulLoginStartsTheCountAgain(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (int i = 0; i < 4; i++) {
                assertThat(attempt(c, "ann", "typo").statusCode()).isEqualTo(401);
            }
            assertThat(attempt(c, "ann", "password-ann").statusCode()).isEqualTo(302);
            Client other = new Client(server.url());
            for (int i = 0; i < 4; i++) {
                assertThat(attempt(other, "ann", "typo").statusCode()).isEqualTo(401);
            }
            assertThat(attempt(other, "ann", "password-ann").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void manyNamesFromOneAddressAreRefusedByTheAddressLimit(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("login.failures.per.address", "3"))) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (String name : new String[] {"a1", "a2", "a3"}) {
                assertThat(attempt(c, name, "guess").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> r = attempt(c, "ann", "password-ann");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).contains("Too many failed logins from your network address; try again in 15 minutes.");
        }
    }
}
