package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.ExitCodes;
import org.holdout.cli.Holdout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The submit command against a real HTTP server on a free port that records what it receives. */
class SubmitCommandTest {
    HttpServer server;
    final AtomicReference<String> path = new AtomicReference<>();
    final AtomicReference<String> auth = new AtomicReference<>();
    final AtomicReference<String> body = new AtomicReference<>();
    int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            path.set(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            auth.set(ex.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"tier\":\"medium\",\"publicAuc\":0.75}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void posts_the_file_as_multipart_with_the_bearer_token(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("submission.csv"), "Id,Predicted\n0,0.5\n");
        StringWriter out = new StringWriter();
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("baseline", "submit", "--server", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "--token", "s3cret", "--tier", "Medium", csv.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(path.get()).isEqualTo("POST /api/staff/baselines/medium");
        assertThat(auth.get()).isEqualTo("Bearer s3cret");
        assertThat(body.get()).contains("name=\"file\"; filename=\"submission.csv\"").contains("Id,Predicted\n0,0.5\n");
        assertThat(out.toString()).contains("publicAuc");
    }

    @Test
    void a_refusal_by_the_server_is_exit_code_1(@TempDir Path tmp) throws Exception {
        status = 403;
        Path csv = Files.writeString(tmp.resolve("s.csv"), "Id,Predicted\n");
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("baseline", "submit", "--server", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--token", "x", "--tier", "boss", csv.toString());
        assertThat(code).isEqualTo(ExitCodes.REJECTED);
        assertThat(err.toString()).contains("HTTP 403");
    }
}
