package org.holdout.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.cli.Holdout;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import org.holdout.server.cli.UsersCommand;

/**
 * The deadline benchmark: a server process on a synthetic competition with {@code --rows} test Ids, {@code --students}
 * accounts that log in and fetch their API tokens over HTTP, then waves of simultaneous uploads (one per student)
 * each followed by a leaderboard read. Prints latency percentiles, throughput, the server's memory, and checks the
 * database holds every submission. Run: {@code mvn -B -pl server -am -Ploadtest -DskipTests verify}
 * (arguments in {@code -Dloadtest.args="..."}).
 */
public final class LoadGenerator {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("id=\"token\"[^>]*>([^<]+)<");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int students = Integer.parseInt(a.getOrDefault("students", "200"));
        int rows = Integer.parseInt(a.getOrDefault("rows", "20000"));
        List<Integer> waves = Arrays.stream(a.getOrDefault("waves", "50,200").split(",")).map(Integer::parseInt)
                .toList();
        Path jar = Path.of(a.getOrDefault("jar", "server/target/holdout.jar")).toAbsolutePath();
        Path dir = Path.of(a.getOrDefault("dir", "target/loadtest")).toAbsolutePath();
        int port = Integer.parseInt(a.getOrDefault("port", "7099"));
        String heap = a.getOrDefault("xmx", "1g");
        int warmUps = Integer.parseInt(a.getOrDefault("warmup", "3000"));

        deleteTree(dir);
        Path bundle = Files.createDirectories(dir.resolve("competitions/fashion-mnist"));
        writeBundle(bundle, rows);
        Path roster = dir.resolve("roster.csv");
        StringBuilder r = new StringBuilder("username,display_name,email\n");
        for (int i = 0; i < students; i++) {
            r.append(String.format(Locale.ROOT, "s%03d,Student %d,s%d@example.edu%n", i, i, i));
        }
        Files.writeString(roster, r);
        Path passwords = dir.resolve("passwords.csv");
        StringWriter sink = new StringWriter();
        int code = Holdout.commandLine(new UsersCommand()).setOut(new PrintWriter(sink))
                .execute("users", "import", roster.toString(), "--data-dir", dir.toString(), "--passwords-out",
                        passwords.toString());
        if (code != 0) {
            throw new IllegalStateException("roster import failed: " + sink);
        }
        List<String[]> logins = Files.readAllLines(passwords).stream().skip(1).map(l -> l.split(",", 2)).toList();

        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap));
        if (a.containsKey("jvm")) {
            command.addAll(Arrays.asList(a.get("jvm").split(" ")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--data-dir", dir.toString(), "--port",
                String.valueOf(port), "--no-baselines"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (a.containsKey("server-log")) {
            pb.redirectOutput(Path.of(a.get("server-log")).toFile());
        }
        pb.environment().put(ServerConfig.envName("daily.limit"), "100000");
        Process server = pb.start();
        String url = "http://127.0.0.1:" + port;
        try {
            if (a.containsKey("server-log")) {
                waitForLog(server, Path.of(a.get("server-log")));
            } else {
                waitForStart(server);
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(students, 16));

            long t0 = System.nanoTime();
            ExecutorService loginPool = Executors.newFixedThreadPool(8);
            List<Future<String>> tokenFutures = new ArrayList<>();
            for (String[] login : logins) {
                tokenFutures.add(loginPool.submit(() -> token(url, login[0], login[1])));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : tokenFutures) {
                tokens.add(f.get());
            }
            loginPool.shutdown();
            double loginSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%d students logged in and fetched tokens (8 at a time) in %.1f s%n", students,
                    loginSeconds);

            List<byte[]> uploads = new ArrayList<>();
            List<byte[]> boards = new ArrayList<>();
            int fileSize = 0;
            for (int i = 0; i < students; i++) {
                byte[] file = submission(rows, i);
                fileSize = file.length;
                uploads.add(uploadRequest(port, tokens.get(i), file));
                boards.add(boardRequest(port, tokens.get(i)));
            }
            System.out.printf(Locale.ROOT, "upload size: %d bytes (%d rows)%n", fileSize, rows);
            int expected = warmUp(pool, port, warmUps, uploads, boards, logins);
            int idle = Integer.parseInt(a.getOrDefault("idle", "0"));
            if (idle > 0) {
                System.out.printf(Locale.ROOT, "idle for %d s after the warm-up%n", idle);
                Thread.sleep(idle * 1000L);
            }

            System.out.println();
            System.out.println("| concurrent students | uploads | errors | wall time | throughput | upload→scored p50 / p99 / max"
                    + " | upload→scored→on board p50 / p99 / max | server RSS after (peak) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            if (a.containsKey("profile")) {
                System.out.println(run("jcmd", String.valueOf(server.pid()), "JFR.start", "name=wave",
                        "settings=" + a.getOrDefault("profile-settings", "profile"),
                        "filename=" + Path.of(a.get("profile")).toAbsolutePath()).trim());
            }
            int offset = 1;
            List<String> cpuNotes = new ArrayList<>();
            for (int wave : waves) {
                List<Integer> who = new ArrayList<>();
                for (int i = 0; i < wave; i++) {
                    who.add((offset + i) % students);
                }
                offset += wave;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<long[]>> results = new ArrayList<>();
                for (int i : who) {
                    String username = logins.get(i)[0];
                    byte[] upload = uploads.get(i);
                    byte[] board = boards.get(i);
                    results.add(pool.submit(() -> {
                        go.await();
                        return uploadAndFindOnBoard(port, upload, board, username);
                    }));
                }
                Map<String, Long> threads0 = threadTicks(server.pid());
                double cpu0 = cpuSeconds(server.pid());
                double self0 = cpuSeconds(ProcessHandle.current().pid());
                Instant startedAt = Instant.now();
                long start = System.nanoTime();
                go.countDown();
                List<Long> scored = new ArrayList<>();
                List<Long> board = new ArrayList<>();
                int errors = 0;
                for (Future<long[]> f : results) {
                    long[] v = f.get(10, TimeUnit.MINUTES);
                    if (v[0] < 0) {
                        errors++;
                    } else {
                        scored.add(v[0]);
                        board.add(v[1]);
                    }
                }
                double wall = (System.nanoTime() - start) / 1e9;
                cpuNotes.add(String.format(Locale.ROOT, "wave of %d (%s to %s): server CPU %.1f ms per upload, load"
                        + " generator CPU %.1f ms per upload", wave, startedAt, Instant.now(),
                        (cpuSeconds(server.pid()) - cpu0) * 1000 / wave,
                        (cpuSeconds(ProcessHandle.current().pid()) - self0) * 1000 / wave));
                cpuNotes.add("  server CPU by live thread group (ms per upload; JIT threads that ended are missing): "
                        + perUpload(threads0, threadTicks(server.pid()), wave));
                expected += wave;
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %.2f s | %.0f uploads/s | %s | %s | %s |%n", wave, wave,
                        errors, wall, wave / wall, pct(scored), pct(board), memory(server.pid()));
            }
            pool.shutdownNow();
            if (a.containsKey("profile")) {
                System.out.println(run("jcmd", String.valueOf(server.pid()), "JFR.stop", "name=wave").trim());
            }
            System.out.println();
            cpuNotes.forEach(System.out::println);
            String heapInfo = run("jcmd", String.valueOf(server.pid()), "GC.heap_info");
            System.out.println();
            System.out.println("server heap (jcmd GC.heap_info, -Xmx" + heap + "):");
            heapInfo.lines().filter(l -> l.contains("total") || l.contains("Metaspace"))
                    .forEach(l -> System.out.println("    " + l.trim()));
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);

            try (Database db = Database.open(ServerConfig.of(Map.of("data.dir", dir.toString())).database())) {
                long inDb = db.withConnection(c -> {
                    try (var ps = c.prepareStatement("SELECT COUNT(*) FROM submissions WHERE state = 'SCORED'");
                         var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                System.out.printf(Locale.ROOT, "%nscored submissions in the database: %d (expected %d) %s%n", inDb,
                        expected, inDb == expected ? "OK" : "MISMATCH");
            }
        } catch (Exception e) {
            e.printStackTrace();
            server.destroyForcibly();
            System.exit(1);
        } finally {
            server.destroyForcibly();
        }
        System.exit(0);
    }

    /** Ten rounds of 20 simultaneous uploads so the measured waves do not pay for class loading and JIT. */
    /**
     * Uploads in rounds of 20 at once, every student in turn (so the board has all its rows, as in the waves), so
     * that the measured waves find the server's code compiled by the JIT, as on a server that has been up for days.
     */
    private static int warmUp(ExecutorService pool, int port, int count, List<byte[]> uploads, List<byte[]> boards,
                              List<String[]> logins) throws Exception {
        int n = 0;
        int width = Math.min(20, uploads.size());
        while (n < count) {
            List<Future<long[]>> f = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                int k = (n + i) % uploads.size();
                f.add(pool.submit(() -> uploadAndFindOnBoard(port, uploads.get(k), boards.get(k), logins.get(k)[0])));
            }
            for (Future<long[]> x : f) {
                if (x.get()[0] < 0) {
                    throw new IllegalStateException("an upload failed during the warm-up");
                }
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %d uploads%n", n);
        return n;
    }

    /** Upload, then read the leaderboard until the student is on it: {nanos to scored, nanos to on board}. */
    /**
     * One student's deadline upload over plain HTTP/1.1 sockets, the request bytes built beforehand: the JDK's
     * HttpClient spent ~5 ms of CPU per 289 KB upload on these two cores, time the server then lacked.
     */
    private static long[] uploadAndFindOnBoard(int port, byte[] uploadRequest, byte[] boardRequest, String username) {
        try {
            long start = System.nanoTime();
            Response up = exchange(port, uploadRequest);
            long scored = System.nanoTime() - start;
            if (up.status() != 201) {
                System.err.println("upload of " + username + ": " + up.status() + " " + up.body());
                return new long[] {-1, -1};
            }
            Response board = exchange(port, boardRequest);
            long onBoard = System.nanoTime() - start;
            if (board.status() != 200 || !board.body().contains("\"username\":\"" + username + "\"")) {
                System.err.println("leaderboard for " + username + ": " + board.status());
                return new long[] {-1, -1};
            }
            return new long[] {scored, onBoard};
        } catch (Exception e) {
            System.err.println("upload of " + username + " failed: " + e);
            return new long[] {-1, -1};
        }
    }

    private record Response(int status, String body) {
    }

    /** Sends a whole request with {@code Connection: close} and reads the answer until the server closes. */
    private static Response exchange(int port, byte[] request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(600_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int headerEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || headerEnd < 0) {
                throw new IOException("not an HTTP answer: " + text.substring(0, Math.min(200, text.length())));
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(headerEnd + 4));
        }
    }

    static byte[] uploadRequest(int port, String token, byte[] file) {
        String boundary = "----holdoutload" + Integer.toHexString(Arrays.hashCode(file));
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"predictions.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        int length = head.length + file.length + tail.length;
        byte[] headers = ("POST /api/submissions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(headers.length + length);
        out.writeBytes(headers);
        out.writeBytes(head);
        out.writeBytes(file);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    static byte[] boardRequest(int port, String token) {
        return ("GET /api/leaderboard HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String token(String url, String user, String password) throws Exception {
        Client c = new Client(url);
        c.login(user, password);
        HttpResponse<String> page = c.get("/account");
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on /account for " + user);
        }
        HttpResponse<String> r = c.follow(c.postForm("/account/token", Map.of(), true));
        Matcher t = TOKEN.matcher(r.body());
        if (!t.find()) {
            throw new IllegalStateException("no token for " + user + ": " + r.statusCode());
        }
        return t.group(1);
    }

    private static String pct(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "-";
        }
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", at(s, 0.50) / 1e6, at(s, 0.99) / 1e6,
                s.get(s.size() - 1) / 1e6);
    }

    private static long at(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String memory(long pid) throws IOException {
        String rss = "?";
        String hwm = "?";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = mb(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = mb(line);
            }
        }
        return rss + " (" + hwm + ")";
    }

    /** User + system CPU time of a process, from /proc (clock ticks of 10 ms). */
    /** CPU ticks of each thread of a process, user and system, grouped by thread name without its number. */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[#-]?\\d+$", "").replaceAll("\\d+$", "");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(name + " user", Long.parseLong(f[11]), Long::sum);
                ticks.merge(name + " sys", Long.parseLong(f[12]), Long::sum);
            }
        }
        return ticks;
    }

    private static String perUpload(Map<String, Long> before, Map<String, Long> after, int uploads) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> out.append(String.format(Locale.ROOT, "%s %.1f; ", e.getKey(),
                        e.getValue() * 10.0 / uploads)));
        return out.toString();
    }

    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String mb(String statusLine) {
        long kb = Long.parseLong(statusLine.replaceAll("\\D", ""));
        return (kb / 1024) + " MB";
    }

    private static void waitForLog(Process server, Path log) throws Exception {
        while (server.isAlive()) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("Holdout is running")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server exited before it started listening; see " + log);
    }

    private static void waitForStart(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.contains("Holdout is running")) {
                System.out.println("server: " + line);
                Thread drain = new Thread(() -> {
                    try {
                        for (String l; (l = out.readLine()) != null; ) {
                            if (l.contains("ERROR") || l.contains("WARN")) {
                                System.err.println("server: " + l);
                            }
                        }
                    } catch (IOException e) {
                        // the server stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("the server exited before it started listening");
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return s;
        } catch (Exception e) {
            return "(" + String.join(" ", cmd) + " failed: " + e.getMessage() + ")";
        }
    }

    /** A synthetic bundle with {@code rows} test Ids (half public), tiny images, and a bundle.json marker. */
    static void writeBundle(Path dir, int rows) throws IOException {
        Files.write(dir.resolve("train.npy"), TinyCompetition.npy(new byte[16 * 10], 10));
        Files.write(dir.resolve("test.npy"), TinyCompetition.npy(new byte[16 * rows], rows));
        StringBuilder sample = new StringBuilder("Id,Predicted\n");
        StringBuilder solution = new StringBuilder("Id,Expected,Usage\n");
        for (int i = 0; i < rows; i++) {
            sample.append(i).append(",0.5\n");
            solution.append(i).append(',').append(i % 10 == 3 || i % 10 == 4 ? 1 : 0).append(',')
                    .append(i % 2 == 0 ? "Public" : "Private").append('\n');
        }
        Files.writeString(dir.resolve("sample_submission.csv"), sample);
        Files.writeString(dir.resolve("solution.csv"), solution);
        Files.writeString(dir.resolve("bundle.json"), "{\"name\":\"loadtest\"}\n");
    }

    static byte[] submission(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(rows * 14).append("Id,Predicted\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.6f", (i % 10 == 3 || i % 10 == 4 ? 0.3 : 0) + r.nextDouble()))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
