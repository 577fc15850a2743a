package org.holdout.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.holdout.account.AccountService;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins over real HTTP, from several client addresses (the server trusts X-Forwarded-For behind a proxy):
 * a growing wait for one username from one address, never a lock-out of the student from their own address.
 */
class LoginThrottlingTest {
    private static final Map<String, String> PROXIED = Map.of("behind.proxy", "true");

    private static HttpResponse<String> attempt(Client c, String from, String username, String password)
            throws Exception {
        c.get("/login");
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(c.csrf());
        return c.http.send(HttpRequest.newBuilder(URI.create(c.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String alert(HttpResponse<String> r) {
        int start = r.body().indexOf("class=\"alert bad\"");
        return r.body().substring(start, r.body().indexOf("</p>", start));
    }

    @Test
    void aClassmateGuessingCarolsPasswordNeverKeepsCarolOut(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, PROXIED)) {
            server.app.accounts().create("carol", "Carol", null, Role.STUDENT, "password-carol");
            Client mallory = new Client(server.url());
            int refused = 0;
            for (int i = 0; i < 40; i++) {
                int status = attempt(mallory, "10.0.0.66", "carol", "guess" + i).statusCode();
                assertThat(status).isIn(401, 429);
                refused += status == 429 ? 1 : 0;
                server.clock.advance(Duration.ofMillis(500));
            }
            assertThat(refused).as("the guesses are slowed down").isGreaterThan(25);
            assertThat(attempt(mallory, "10.0.0.66", "carol", "password-carol").statusCode())
                    .as("even the right password waits from the guessing address").isEqualTo(429);
            assertThat(attempt(new Client(server.url()), "10.0.0.7", "carol", "password-carol").statusCode())
                    .as("carol from her own address").isEqualTo(302);
        }
    }

    @Test
    void afterFiveWrongPasswordsEachFurtherOneWaitsLongerWithRetryAfter(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, PROXIED)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> wrong = attempt(c, "10.0.0.1", "ann", "guess" + i);
                assertThat(wrong.statusCode()).as("failure %d", i + 1).isEqualTo(401);
                assertThat(wrong.body()).contains("Wrong username or password.");
            }
            HttpResponse<String> wait = attempt(c, "10.0.0.1", "ann", "password-ann");
            assertThat(wait.statusCode()).isEqualTo(429);
            assertThat(wait.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(alert(wait)).contains("Too many wrong passwords for &quot;ann&quot; from your network address;"
                    + " try again in 1 second.");
            assertThat(wait.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith("holdout_session="));
            server.clock.advance(Duration.ofSeconds(1));
            assertThat(attempt(c, "10.0.0.1", "ann", "guess6").statusCode()).isEqualTo(401);
            assertThat(attempt(c, "10.0.0.1", "ann", "password-ann").headers().firstValue("Retry-After"))
                    .hasValue("2");
            server.clock.advance(Duration.ofSeconds(2));
            assertThat(attempt(c, "10.0.0.1", "ann", "password-ann").statusCode()).isEqualTo(302);
            assertThat(attempt(new Client(server.url()), "10.0.0.1", "ann", "typo").statusCode())
                    .as("the right password cleared the count").isEqualTo(401);
        }
    }

    @Test
    void aNameThatDoesNotExistIsSlowedDownJustLikeOneThatDoes(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (String name : new String[] {"ann", "nobody"}) {
                for (int i = 0; i < 6; i++) {
                    assertThat(attempt(c, "10.0.0.1", name, "guess").statusCode()).isEqualTo(401);
                }
            }
            HttpResponse<String> real = attempt(c, "10.0.0.1", "ann", "guess");
            HttpResponse<String> made = attempt(c, "10.0.0.1", "nobody", "guess");
            assertThat(made.statusCode()).isEqualTo(real.statusCode()).isEqualTo(429);
            assertThat(made.headers().firstValue("Retry-After")).isEqualTo(real.headers().firstValue("Retry-After"));
            assertThat(alert(made).replace("nobody", "NAME")).isEqualTo(alert(real).replace("ann", "NAME"));
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
    void manyNamesFromOneAddressAreRefusedByTheAddressLimitAndOnlyThere(@TempDir Path dir) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(PROXIED);
        settings.put("login.failures.per.address", "3");
        try (TestServer server = new TestServer(dir, settings)) {
            server.app.accounts().create("ann", "Ann", null, Role.STUDENT, "password-ann");
            Client c = new Client(server.url());
            for (String name : new String[] {"a1", "a2", "a3"}) {
                assertThat(attempt(c, "10.0.0.9", name, "guess").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> r = attempt(c, "10.0.0.9", "ann", "password-ann");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("900");
            assertThat(alert(r)).contains("Too many failed logins from your network address; try again in 15 minutes.");
            assertThat(attempt(new Client(server.url()), "10.0.0.10", "ann", "password-ann").statusCode())
                    .isEqualTo(302);
        }
    }
}
