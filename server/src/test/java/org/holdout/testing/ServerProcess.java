package org.holdout.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.config.ServerConfig;

/** A real {@code holdout serve} in its own JVM on any free port, with the given settings, that a test can kill -9. */
public final class ServerProcess implements AutoCloseable {
    private static final int START_SECONDS = 120;
    private static final Pattern RUNNING = Pattern.compile("Holdout is running at (http://\\S+)");

    private final Process process;
    private final StringBuffer output;
    public final String url;

    private ServerProcess(Process process, StringBuffer output, String url) {
        this.process = process;
        this.output = output;
        this.url = url;
    }

    /** What the server printed so far (stdout and stderr). */
    public String output() {
        return output.toString();
    }

    public static ServerProcess start(Path workDir, Map<String, String> settings) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "org.holdout.Main", "serve", "--port", "0", "--no-baselines"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        settings.forEach((k, v) -> pb.environment().put(ServerConfig.envName(k), v));
        Process p = pb.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            url.completeExceptionally(new IllegalStateException("holdout serve ended before it listened:\n" + out));
        }, "holdout-serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(p, out, url.get(START_SECONDS, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            String threads = threadDump(p.pid());
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("holdout serve did not start within " + START_SECONDS + " s:\n" + out
                    + "\nits threads:\n" + threads, e);
        } catch (Exception e) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("holdout serve did not start:\n" + out, e);
        }
    }

    private static String threadDump(long pid) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    String.valueOf(pid)).redirectErrorStream(true).start();
            byte[] dump = jstack.getInputStream().readAllBytes();
            jstack.waitFor(30, TimeUnit.SECONDS);
            return new String(dump, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(jstack failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
