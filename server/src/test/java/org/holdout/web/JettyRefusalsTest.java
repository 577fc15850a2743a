package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.holdout.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Requests Jetty refuses before the app sees them, sent over raw sockets: JSON under /api, the error page elsewhere. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyRefusalsTest {
    TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new TestServer(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Sends {@code request} as it is and reads the answer until the server closes the connection. */
    private String send(String request) throws IOException {
        int port = URI.create(server.url()).getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the server may reset the connection after answering a request it would not read to the end
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String big(int n) {
        return "a".repeat(n);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void anOversizedHeaderOnTheApiIsA431InTheApisJsonShape() throws Exception {
        String r = send("GET /api/leaderboard HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + big(20_000) + "\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 431 ");
        assertThat(r).containsIgnoringCase("Content-Type: application/json");
        assertThat(body(r)).matches("\\{\"error\":\"The request headers are too large \\(the limit is \\d+ KB\\);"
                + " deleting the cookies of this site may help.\",\"status\":431}");
    }

    @Test
    void anOversizedCookieOnAPageIsAFriendlyErrorPage() throws Exception {
        String r = send("GET /leaderboard HTTP/1.1\r\nHost: localhost\r\nCookie: junk=" + big(20_000) + "\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 431 ");
        assertThat(r).containsIgnoringCase("Content-Type: text/html");
        assertThat(body(r)).contains("<h1>Headers too large</h1>", "deleting the cookies of this site may help",
                "href=\"/static/style.css\"").doesNotContain("Bad Message", "<pre>");
    }

    @Test
    void aHeaderLineWithoutAColonOnTheApiIsA400InJson() throws Exception {
        String r = send("GET /api/leaderboard HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400 ");
        assertThat(r).containsIgnoringCase("Content-Type: application/json");
        assertThat(body(r)).startsWith("{\"error\":\"The request could not be read").endsWith("\"status\":400}");
    }

    @Test
    void anOverlongAddressIsA414PageSinceJettyStopsBeforeItHasThePath() throws Exception {
        String r = send("GET /api/submissions/" + big(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 414 ");
        assertThat(body(r)).contains("<h1>Address too long</h1>", "The address is too long (the limit is ")
                .doesNotContain("Bad Message");
    }

    @Test
    void aRequestLineThatCannotBeReadIsAPageNotJettysOwn() throws Exception {
        String r = send("G\u0001T / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400 ");
        assertThat(body(r)).contains("<h1>Bad request</h1>", "The request could not be read")
                .doesNotContain("Bad Message");
        String undecodable = send("GET /api/%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(undecodable).startsWith("HTTP/1.1 400 ");
        assertThat(body(undecodable)).as("Jetty never had the path").contains("<h1>Bad request</h1>");
        String version = send("GET / HTTP/7.0\r\nHost: localhost\r\n\r\n");
        assertThat(version).startsWith("HTTP/1.1 505 ");
        assertThat(body(version)).contains("HTTP version not supported", "HTTP/1.1 and HTTP/1.0 only");
    }
}
