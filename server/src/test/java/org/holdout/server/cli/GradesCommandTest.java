package org.holdout.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.cli.ExitCodes;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout grades export} with the server stopped: the bytes the staff download gives. */
class GradesCommandTest {
    @Test
    void theCommandWritesTheSameBytesAsTheDownload(@TempDir Path dir) throws Exception {
        byte[] csv;
        byte[] canvas;
        byte[] json;
        try (TestServer server = new TestServer(dir, CommandsTest.database(dir))) {
            Client ta = server.login("ta", Role.STAFF);
            server.login("ann", Role.STUDENT).uploadApi("a.csv", TinyCompetition.submission(1));
            server.login("bob", Role.STUDENT).uploadApi("b.csv", TinyCompetition.submission(2));
            server.app.accounts().create("carl", "=SUM(A1), \"x\"", "c@example.org", Role.STUDENT,
                    "password-long");
            csv = ta.getBytes("/api/staff/c/tiny/grades.csv").body();
            canvas = ta.getBytes("/api/staff/c/tiny/grades-canvas.csv").body();
            json = ta.getBytes("/api/staff/c/tiny/grades.json").body();
        }
        assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8))
                .contains("carl,\"'=SUM(A1), \"\"x\"\"\",c@example.org,");

        CommandsTest.Run toFile = grades(dir, "--competition", "tiny", "--format", "csv", "--out",
                dir.resolve("g.csv").toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.err()).contains("Wrote csv grades of tiny");
        assertThat(Files.readAllBytes(dir.resolve("g.csv"))).isEqualTo(csv);

        assertThat(stdout(dir, "csv")).isEqualTo(csv);
        assertThat(stdout(dir, "canvas")).isEqualTo(canvas);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode fromCli = (ObjectNode) mapper.readTree(stdout(dir, "json"));
        ObjectNode fromHttp = (ObjectNode) mapper.readTree(json);
        assertThat(fromCli.remove("exported_at")).isNotNull();
        assertThat(fromHttp.remove("exported_at")).isNotNull();
        assertThat(fromCli).as("the same but for the time of export").isEqualTo(fromHttp);
        assertThat(fromCli.get("grades")).hasSize(3);

        CommandsTest.Run unknown = grades(dir, "--competition", "hw9", "--format", "csv");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("there is no competition hw9");
        CommandsTest.Run badFormat = grades(dir, "--competition", "tiny", "--format", "xlsx");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFormat.err()).contains("--format xlsx is not one of csv, json, canvas");
    }

    private static CommandsTest.Run grades(Path dir, String... args) {
        return grades(new GradesCommand(), dir, args);
    }

    private static CommandsTest.Run grades(GradesCommand command, Path dir, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "grades";
        all[1] = "export";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = dir.toString();
        return CommandsTest.run(command, all);
    }

    private static byte[] stdout(Path dir, String format) {
        GradesCommand command = new GradesCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.stdout = out;
        CommandsTest.Run r = grades(command, dir, "--competition", "tiny", "--format", format);
        assertThat(r.code()).as(r.err()).isZero();
        return out.toByteArray();
    }
}
