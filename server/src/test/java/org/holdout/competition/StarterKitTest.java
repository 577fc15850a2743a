package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.holdout.account.Role;
import org.holdout.starterkit.KitFiles;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starter kit as a student meets it: downloaded from a real server, its numpy example run on the competition's
 * own .npy files, its checker passing that file, its submit client uploading it to the server and printing the score
 * the server gives; and what the client says on a refusal, over the daily limit and with a wrong token.
 */
class StarterKitTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    private static Run run(Path dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().remove("HOLDOUT_TOKEN");
        pb.environment().remove("LC_MESSAGES");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", cmd)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private static void assumePython(boolean numpy) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed (./holdout setup --test installs it)");
        if (numpy) {
            Assumptions.assumeTrue(run(Path.of("."), "-c", "import numpy").code() == 0,
                    "numpy is not installed (./holdout setup --test installs python3-numpy)");
        }
    }


    /** The kit unpacked into {@code dir}, with the competition's train.npy and test.npy downloaded beside it. */
    private static Path unpackWithData(Client c, String prefix, Path dir) throws Exception {
        HttpResponse<byte[]> kit = c.getBytes(prefix + "/data/starter-kit.zip");
        assertThat(kit.statusCode()).isEqualTo(200);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : Zips.unzip(kit.body()).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        for (String npy : List.of("train.npy", "test.npy")) {
            Files.write(dir.resolve(npy), c.getBytes(prefix + "/data/" + npy).body());
        }
        return dir;
    }

    @Test
    void theKitHoldsTheCompetitionsValuesAndSampleButNothingOfTheSolution(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ta = server.login("ta", Role.STAFF);
            assertThat(ta.api("PUT", "/api/staff/deadline", ta.token, java.net.http.HttpRequest.BodyPublishers
                    .ofString("{\"deadline\":\"2026-03-08T23:59:00+08:00\"}"), "application/json").statusCode())
                    .isEqualTo(200);
            Client ann = server.login("ann", Role.STUDENT);
            String data = ann.get("/data").body();
            assertThat(data).contains("href=\"/data/starter-kit.zip\"", "python3 holdout_kit.py check submission.csv");

            HttpResponse<byte[]> r = ann.getBytes("/data/starter-kit.zip");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"starter-kit.zip\"");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
            Map<String, byte[]> kit = Zips.unzip(r.body());
            List<String> expected = new ArrayList<>(KitFiles.FILES);
            expected.add("sample_submission.csv");
            assertThat(kit.keySet()).containsExactlyElementsOf(expected);
            assertThat(kit.get("sample_submission.csv"))
                    .isEqualTo(Files.readAllBytes(server.competition().file("sample_submission.csv")));
            assertThat(kit.get("holdout_kit.py")).isEqualTo(KitFiles.read("holdout_kit.py"));

            String readme = new String(kit.get("README.md"), StandardCharsets.UTF_8);
            assertThat(readme).startsWith("# Tiny test competition: starter kit")
                    .contains("Deadline: **2026-03-08 23:59 GMT+8 (Asia/Taipei)**", "Daily limit: **3** scored uploads",
                            "midnight (00:00) in the Asia/Taipei time zone", "up to 2 final submissions",
                            "--server " + server.url() + " --token YOUR_TOKEN --competition tiny",
                            server.url() + "/c/tiny/data", "AUC = 5/6 = 0.8333")
                    .doesNotContain("{{");
            String solution = Files.readString(server.competition().file("solution.csv"));
            for (Map.Entry<String, byte[]> e : kit.entrySet()) {
                String text = new String(e.getValue(), StandardCharsets.UTF_8);
                assertThat(text).as(e.getKey()).doesNotContain("Usage", "Expected,", "solution.csv\n",
                        solution.lines().skip(1).findFirst().orElseThrow());
            }
            assertThat(ann.get("/data/solution.csv").statusCode()).isEqualTo(404);

            server.addCompetition("hw", "Homework <b>2</b>", 7);
            String hw = new String(Zips.unzip(ann.getBytes("/c/hw/data/starter-kit.zip").body()).get("README.md"),
                    StandardCharsets.UTF_8);
            assertThat(hw).startsWith("# Homework <b>2</b>: starter kit").contains("Daily limit: **7**",
                    "Deadline: **not set yet**", "--competition hw");
            assertThat(ann.getBytes("/c/nope/data/starter-kit.zip").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aStudentMakesChecksAndSubmitsAFileWithTheKitAlone(@TempDir Path dir) throws Exception {
        assumePython(true);
        try (TestServer server = new TestServer(dir.resolve("server"), Map.of("daily.limit", "2"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Path kit = unpackWithData(ann, "/c/tiny", dir.resolve("kit"));

            Run example = run(kit, "example_numpy.py", "--data", ".", "--out", "submission.csv");
            assertThat(example.code()).as(example.err()).isZero();
            assertThat(example.out()).contains("train.npy: 10 normal images of 4x4x1", "test.npy:  40 images",
                    "wrote submission.csv: 40 rows", "no labels here, so no score");

            Run check = run(kit, "holdout_kit.py", "check", "submission.csv", "--sample", "sample_submission.csv");
            assertThat(check).isEqualTo(new Run(0, "OK: 40 rows\n", ""));

            Run submit = run(kit, "holdout_kit.py", "submit", "submission.csv", "--server", server.url(), "--token",
                    ann.token, "--competition", "tiny");
            assertThat(submit.code()).as(submit.err()).isZero();
            JsonNode mine = JSON.readTree(ann.apiGet("/api/c/tiny/submissions").body());
            JsonNode s = mine.get("submissions").get(0);
            assertThat(s.get("state").asText()).isEqualTo("scored");
            assertThat(s.get("fileName").asText()).isEqualTo("submission.csv");
            assertThat(submit.out()).isEqualTo("scored: public score " + s.get("publicScoreText").asText()
                    + " (submission " + s.get("id").asLong() + ", submission.csv)\n"
                    + "uploads left today: 1 of 2 (the day turns at " + server.competition().format(
                    java.time.Instant.parse(mine.get("dayResetsAt").asText())) + ", Asia/Taipei)\n");
            assertThat(s.get("publicScoreText").asText()).matches("0\\.\\d{5}|1\\.00000");

            Run viaDefault = run(kit, "holdout_kit.py", "submit", "submission.csv", "--server", server.url() + "/",
                    "--token", ann.token);
            assertThat(viaDefault.code()).as(viaDefault.err()).isZero();
            assertThat(viaDefault.out()).startsWith("scored: public score " + s.get("publicScoreText").asText())
                    .contains("uploads left today: 0 of 2");
        }
    }

    @Test
    void theSubmitClientSaysWhatTheServerRefusedAndWhenTheDayTurns(@TempDir Path dir) throws Exception {
        assumePython(false);
        try (TestServer server = new TestServer(dir.resolve("server"), Map.of("daily.limit", "1"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Path kit = unpackWithData(ann, "", dir.resolve("kit"));
            Files.write(kit.resolve("bad.csv"), TinyCompetition.missingId());
            Files.write(kit.resolve("good.csv"), TinyCompetition.submission(3));
            String[] to = {"--server", server.url(), "--token", ann.token};

            Run offline = run(kit, "holdout_kit.py", "check", "bad.csv", "--sample", "sample_submission.csv");
            assertThat(offline.code()).isEqualTo(1);
            Run refused = run(kit, concat(new String[] {"holdout_kit.py", "submit", "bad.csv"}, to));
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).isEqualTo("refused: " + offline.out()
                    + "uploads left today: 1 of 1 (the day turns at 2026-03-02 00:00 GMT+8, Asia/Taipei)\n");
            assertThat(offline.out()).isEqualTo("missing Id 7 (the file has 39 of the 40 test Ids)\n");

            Files.write(kit.resolve("good.csv.gz"), gzip(TinyCompetition.submission(3)));
            Run gzOffline = run(kit, "holdout_kit.py", "check", "good.csv.gz", "--sample", "sample_submission.csv");
            Run gzRefused = run(kit, concat(new String[] {"holdout_kit.py", "submit", "good.csv.gz"}, to));
            assertThat(gzOffline.code()).isEqualTo(1);
            assertThat(gzRefused.code()).isEqualTo(1);
            assertThat(gzRefused.err()).isEqualTo("refused: " + gzOffline.out());
            assertThat(gzOffline.out()).startsWith("\"good.csv.gz\" is a gzip archive, not a CSV");

            String[] zh = {"holdout_kit.py", "--lang", "zh-TW"};
            Run offlineZh = run(kit, concat(zh, new String[] {"check", "bad.csv", "--sample", "sample_submission.csv"}));
            assertThat(offlineZh.out()).isEqualTo("缺少 Id 7（檔案有 40 個測試 Id 中的 39 個）\n");
            Run refusedZh = run(kit, concat(zh, concat(new String[] {"submit", "bad.csv"}, to)));
            assertThat(refusedZh.err()).as("the server answers in the kit's language")
                    .startsWith("不被接受：" + offlineZh.out() + "今天還可上傳 1 次");
            Run gzZh = run(kit, concat(zh, concat(new String[] {"submit", "good.csv.gz"}, to)));
            assertThat(gzZh.err()).isEqualTo("不被接受：" + run(kit, concat(zh, new String[] {"check", "good.csv.gz",
                    "--sample", "sample_submission.csv"})).out());

            assertThat(run(kit, concat(new String[] {"holdout_kit.py", "submit", "good.csv"}, to)).code()).isZero();
            Run over = run(kit, concat(new String[] {"holdout_kit.py", "submit", "good.csv"}, to));
            HttpResponse<String> api = ann.uploadApi("good.csv", TinyCompetition.submission(3));
            assertThat(api.statusCode()).isEqualTo(429);
            JsonNode answer = JSON.readTree(api.body());
            long retry = Long.parseLong(api.headers().firstValue("Retry-After").orElseThrow());
            assertThat(over.code()).isEqualTo(4);
            assertThat(over.err()).isEqualTo("the daily limit is reached: " + answer.get("error").asText() + "\n"
                    + "the day turns at 2026-03-02 00:00 GMT+8 (Asia/Taipei), in " + (retry / 3600) + " h "
                    + String.format(java.util.Locale.ROOT, "%02d", retry % 3600 / 60) + " min;"
                    + " refused files do not count\n");
            assertThat(answer.get("dayResetsAt").asText()).isEqualTo("2026-03-01T16:00:00Z");

            Run wrongToken = run(kit, "holdout_kit.py", "submit", "good.csv", "--server", server.url(), "--token", "nope");
            assertThat(wrongToken.code()).isEqualTo(5);
            assertThat(wrongToken.err()).startsWith("the server answered 401: ");
            Run noSuchCompetition = run(kit, concat(new String[] {"holdout_kit.py", "submit", "good.csv",
                    "--competition", "nope"}, to));
            assertThat(noSuchCompetition.code()).isEqualTo(5);
            assertThat(noSuchCompetition.err()).startsWith("the server answered 404: ").contains("nope");
            Run missing = run(kit, concat(new String[] {"holdout_kit.py", "submit", "none.csv"}, to));
            assertThat(missing.code()).isEqualTo(3);
            assertThat(missing.err()).startsWith("cannot read none.csv: ");
            Run noServer = run(kit, "holdout_kit.py", "submit", "good.csv", "--server", "http://127.0.0.1:1",
                    "--token", "x");
            assertThat(noServer.code()).isEqualTo(5);
            assertThat(noServer.err()).startsWith("cannot reach http://127.0.0.1:1/api/submissions: ");
            Run usage = run(kit, "holdout_kit.py", "submit", "good.csv");
            assertThat(usage.code()).isEqualTo(2);
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
