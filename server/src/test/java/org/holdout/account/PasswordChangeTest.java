package org.holdout.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A student changes their own password on the account page: checked, redirected, other sessions ended. */
class PasswordChangeTest {

    private static HttpResponse<String> change(Client c, String current, String next, String repeat) throws Exception {
        c.get("/account");
        return c.postForm("/account/password", Map.of("current", current, "password", next, "repeat", repeat), true);
    }

    private static int loginStatus(TestServer server, String username, String password) throws Exception {
        Client c = new Client(server.url());
        c.get("/login");
        return c.postForm("/login", Map.of("username", username, "password", password), true).statusCode();
    }

    @Test
    void aRefusedChangeSaysWhatIsWrongAndChangesNothing(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Map<String, String[]> cases = Map.of(
                    "The current password is not right.", new String[] {"nope", "new-secret-1", "new-secret-1"},
                    "The new password needs at least 8 characters.", new String[] {"password-ann", "short", "short"},
                    "The two new passwords differ.", new String[] {"password-ann", "new-secret-1", "new-secret-2"},
                    "The new password may have at most 72 bytes", new String[] {"password-ann", "é".repeat(37), "é".repeat(37)});
            for (var e : cases.entrySet()) {
                HttpResponse<String> r = change(ann, e.getValue()[0], e.getValue()[1], e.getValue()[2]);
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(422);
                assertThat(r.body()).contains(e.getKey());
            }
            assertThat(loginStatus(server, "ann", "password-ann")).isEqualTo(302);
            assertThat(ann.postForm("/account/password", Map.of("current", "password-ann", "password", "new-secret-1",
                    "repeat", "new-secret-1"), false).statusCode()).as("without the CSRF token").isEqualTo(403);
            assertThat(loginStatus(server, "ann", "password-ann")).isEqualTo(302);
        }
    }

    @Test
    void aDoneChangeRedirectsLogsOutTheOtherSessionsAndOnlyTheNewPasswordWorks(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            Client annOnHerPhone = new Client(server.url());
            annOnHerPhone.login("ann", "password-ann");
            Client bob = server.login("bob", Role.STUDENT);

            HttpResponse<String> r = change(ann, "password-ann", "correct horse", "correct horse");

            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/account?done=password#password");
            assertThat(ann.follow(r).body()).contains("Your password is changed");
            assertThat(ann.get("/submit").statusCode()).as("this session goes on").isEqualTo(200);
            assertThat(annOnHerPhone.get("/submit").statusCode()).as("the other session is over").isEqualTo(302);
            assertThat(bob.get("/submit").statusCode()).as("other students keep theirs").isEqualTo(200);
            assertThat(loginStatus(server, "ann", "password-ann")).isEqualTo(401);
            assertThat(loginStatus(server, "ann", "correct horse")).isEqualTo(302);
        }
    }

    @Test
    void aChangedOrResetPasswordRevokesTheApiToken(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.apiGet("/api/submissions").statusCode()).isEqualTo(200);
            HttpResponse<String> r = change(ann, "password-ann", "correct horse", "correct horse");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(ann.apiGet("/api/submissions").statusCode()).as("the token from before").isEqualTo(401);
            assertThat(ann.follow(r).body()).contains("your API token no longer works", "You have no token yet.");

            ann.token = server.app.accounts().regenerateToken(
                    server.app.accounts().repository().byUsername("ann").orElseThrow().id());
            assertThat(ann.apiGet("/api/submissions").statusCode()).isEqualTo(200);
            server.app.accounts().resetPassword("ann", null);
            assertThat(ann.apiGet("/api/submissions").statusCode()).as("after staff's reset").isEqualTo(401);
        }
    }
}
