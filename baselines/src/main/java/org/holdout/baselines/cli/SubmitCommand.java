package org.holdout.baselines.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.holdout.baselines.Tier;
import org.holdout.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout baseline submit}: registers a baseline's submission file on a server (staff token). */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Uploads a baseline's submission.csv to a Holdout server as that baseline's scores:",
            "POST multipart 'file' to URL/api/staff/baselines/TIER with the staff token.",
            "Exit codes: 0 accepted, 1 refused by the server, 3 unreadable file, 10 server unreachable."})
public class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. http://localhost:7070")
    String server;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "A staff API token.")
    String token;

    @Option(names = "--tier", required = true, paramLabel = "TIER", description = "simple, medium, strong or boss.")
    String tier;

    @Parameters(index = "0", paramLabel = "FILE", description = "The submission CSV (Id,Predicted).")
    Path file;

    @Override
    public Integer call() throws InterruptedException {
        Tier t;
        try {
            t = Tier.parse(tier);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        String boundary = "holdout-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + "/api/staff/baselines/" + t.id()))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, file.getFileName().toString(), content)))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: cannot reach " + server + ": " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
        boolean ok = response.statusCode() / 100 == 2;
        (ok ? spec.commandLine().getOut() : spec.commandLine().getErr())
                .println((ok ? "" : "refused (HTTP " + response.statusCode() + "): ") + response.body());
        return ok ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    static byte[] multipart(String boundary, String filename, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "") + "\"\r\nContent-Type: text/csv\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
