package org.holdout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.holdout.db.Database;

/**
 * A throwaway PostgreSQL cluster from Debian's {@code postgresql} package: {@code initdb} in a temp folder, the
 * server on a free port of 127.0.0.1 with its socket in that folder, stopped and deleted when the JVM exits.
 * {@code initdb} refuses to run as root, so as root the cluster belongs to the {@code postgres} user.
 */
public final class PostgresCluster {
    private static final String USER = "postgres";
    private static PostgresCluster shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final boolean root;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean templateMigrated;

    private PostgresCluster(Path bin) throws IOException {
        this.bin = bin;
        this.dir = Files.createTempDirectory("holdout-pg-");
        this.data = dir.resolve("data");
        this.root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(USER);
            Files.setOwner(dir, postgres);
        }
        run("initdb", "-D", data.toString(), "--auth=trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync");
        this.port = start();
    }

    /** The cluster of this JVM, started on first use. */
    static synchronized PostgresCluster shared() {
        if (shared == null) {
            try {
                shared = new PostgresCluster(binaries());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL cluster", e);
            }
        }
        return shared;
    }

    /** {@code db.url}, {@code db.user} and {@code db.password} of a new empty database. */
    Map<String, String> newDatabase() {
        String name = "t" + databases.incrementAndGet();
        createDatabase(name, "");
        return Map.of("db.url", url(name), "db.user", USER, "db.password", "");
    }

    /**
     * {@code db.url}, {@code db.user} and {@code db.password} of a new database already at the newest schema: a copy
     * of a template migrated once by this JVM ({@code CREATE DATABASE ... TEMPLATE}), so Flyway finds nothing to do.
     */
    synchronized Map<String, String> newMigratedDatabase() {
        if (!templateMigrated) {
            String template = "migrated_template";
            createDatabase(template, "");
            Database.open(new Database.Settings(url(template), USER, "")).close();
            templateMigrated = true;
        }
        String name = "t" + databases.incrementAndGet();
        // a backend may still be ending after the template's pool closed its connections
        for (int attempt = 1; ; attempt++) {
            try {
                createDatabase(name, " TEMPLATE migrated_template");
                break;
            } catch (IllegalStateException e) {
                if (attempt == 50) {
                    throw e;
                }
                sleep();
            }
        }
        return Map.of("db.url", url(name), "db.user", USER, "db.password", "");
    }

    private void createDatabase(String name, String template) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> dirs = Files.isDirectory(versions) ? Files.list(versions) : Stream.empty()) {
            return dirs.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent())))
                    .orElseThrow(() -> new IllegalStateException("the PostgreSQL run of the tests"
                            + " (-Dholdout.test.db=postgresql) needs Debian's postgresql package, and there is no "
                            + versions + "/*/bin/initdb: './holdout setup --test' installs it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceFirst("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Starts the server on a free port; another process may take the port between the probe and the start. */
    private int start() throws IOException {
        IllegalStateException failed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int free;
            try (ServerSocket probe = new ServerSocket(0)) {
                free = probe.getLocalPort();
            }
            try {
                run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-o",
                        "-p " + free + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                        "start");
                return free;
            } catch (IllegalStateException e) {
                failed = e;
            }
        }
        throw failed;
    }

    /**
     * Stops the server, then deletes the folder in a process of its own that this JVM does not wait for: a suite's
     * databases are tens of thousands of files, and surefire kills a test JVM still exiting after 30 s.
     */
    private void stop() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "stop");
            }
            new ProcessBuilder("rm", "-rf", dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop or delete the test PostgreSQL cluster in " + dir + ": " + e);
        }
    }

    /** Runs one of the cluster's programs (as the postgres user when we are root); throws with its output if it fails. */
    private void run(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("holdout-pg-", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("postgres.log")) ? Files.readString(dir.resolve("postgres.log"))
                        : "";
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(output) + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
