package org.holdout.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.holdout.db.Database;
import org.holdout.submission.UploadPolicy;

/**
 * Everything the server reads at start-up. Sources, later ones winning: built-in defaults, a properties file
 * ({@code holdout.properties} in the working folder, or {@code --config}), environment variables
 * ({@code HOLDOUT_PORT}, ...), command-line options.
 *
 * @param dataDir       where bundles, baseline outputs and (by default) the database and uploads live
 * @param uploadDir     the upload store: every uploaded file, byte for byte, named by its SHA-256
 * @param maxUploadBytes uploads larger than this are answered 413
 * @param baselines     train the four baselines in the background on first start of the default competition
 * @param fashionMnistDir where the Fashion-MNIST IDX files are (the Debian package's folder by default)
 * @param loginFreeFailures       wrong passwords for one username from one client address before each further
 *                                attempt from there waits (1 s, doubling, up to {@code loginMaxDelay})
 * @param loginMaxDelay           the longest such wait (zero: no waits)
 * @param loginFailuresPerAddress failed logins of one client address within {@code loginWindow} before it is
 *                                refused (0: no limit)
 * @param uploadPolicy  uploads in flight per student, and how long and how much of refused files are kept
 * @param codeMaxBytes  code zips larger than this are answered 413
 */
public record ServerConfig(
        String host,
        int port,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Path dataDir,
        Path uploadDir,
        long maxUploadBytes,
        ZoneId timeZone,
        int dailyLimit,
        boolean baselines,
        Path fashionMnistDir,
        Path rulesFile,
        boolean behindProxy,
        int loginFreeFailures,
        Duration loginMaxDelay,
        int loginFailuresPerAddress,
        Duration loginWindow,
        UploadPolicy uploadPolicy,
        long codeMaxBytes) {

    public static final String FILE = "holdout.properties";

    /** Property keys; the environment variable is {@code HOLDOUT_} + the key upper-cased with dots as underscores. */
    public static final String[] KEYS = {"host", "port", "db.url", "db.user", "db.password", "data.dir", "upload.dir",
        "upload.max.bytes", "time.zone", "daily.limit", "baselines", "fashion.mnist", "rules.file", "behind.proxy",
        "login.free.failures", "login.max.delay.minutes", "login.failures.per.address", "login.window.minutes",
        "uploads.in.flight.per.student", "refused.keep.days", "refused.keep.mb.per.student", "refused.keep.mb",
        "code.max.mb"};

    public Database.Settings database() {
        return new Database.Settings(databaseUrl, databaseUser, databasePassword);
    }

    public static ServerConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the optional properties file, then the environment; {@code overrides} (command line) win. A value that
     * does not parse is an {@link InvalidException} naming the key, the value and where it was set.
     */
    public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        Properties p = new Properties();
        Map<String, String> origin = new java.util.HashMap<>();
        Path f = file != null ? file : Path.of(FILE);
        if (file != null || Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> origin.put(k, "in " + f));
        }
        for (String key : KEYS) {
            String v = env.get(envName(key));
            if (v != null && !v.isBlank()) {
                p.setProperty(key, v);
                origin.put(key, "from the environment variable " + envName(key));
            }
        }
        overrides.forEach((k, v) -> {
            if (v != null) {
                p.setProperty(k, v);
                origin.put(k, "on the command line");
            }
        });
        try {
            return from(p);
        } catch (InvalidException e) {
            String where = origin.get(e.key);
            throw where == null ? e : new InvalidException(e.key + " " + where + e.getMessage().substring(
                    e.key.length()), e.key);
        }
    }

    public static String envName(String key) {
        return "HOLDOUT_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    /** A config from property keys (see {@link #KEYS}) and defaults, without the file or the environment. */
    public static ServerConfig of(Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p);
    }

    static ServerConfig from(Properties p) {
        Path data = Path.of(p.getProperty("data.dir", "holdout-data")).toAbsolutePath();
        String url = p.getProperty("db.url", "jdbc:h2:file:" + data.resolve("db/holdout") + ";LOCK_TIMEOUT=10000");
        return new ServerConfig(
                p.getProperty("host", "127.0.0.1"),
                whole(p, "port", "7070"),
                url,
                p.getProperty("db.user", "sa"),
                p.getProperty("db.password", ""),
                data,
                Path.of(p.getProperty("upload.dir", data.resolve("uploads").toString())).toAbsolutePath(),
                wholeLong(p, "upload.max.bytes", String.valueOf(20L * 1024 * 1024)),
                zone(p, "time.zone", "Asia/Taipei"),
                whole(p, "daily.limit", "5"),
                bool(p, "baselines", "true"),
                Path.of(p.getProperty("fashion.mnist", "/usr/share/datasets/fashion-mnist")),
                p.getProperty("rules.file") != null ? Path.of(p.getProperty("rules.file")) : defaultRules(),
                bool(p, "behind.proxy", "false"),
                whole(p, "login.free.failures", "5"),
                duration(p, "login.max.delay.minutes", "15", java.time.temporal.ChronoUnit.MINUTES),
                whole(p, "login.failures.per.address", "100"),
                duration(p, "login.window.minutes", "15", java.time.temporal.ChronoUnit.MINUTES),
                new UploadPolicy(Math.max(1, whole(p, "uploads.in.flight.per.student", "4")),
                        duration(p, "refused.keep.days", "14", java.time.temporal.ChronoUnit.DAYS),
                        megabytes(p, "refused.keep.mb.per.student", "50"), megabytes(p, "refused.keep.mb", "2048")),
                megabytes(p, "code.max.mb", "50"));
    }

    private static int whole(Properties p, String key, String def) {
        long v = wholeLong(p, key, def);
        if (v != (int) v) {
            throw new InvalidException(key + " is \"" + p.getProperty(key) + "\": too large", key);
        }
        return (int) v;
    }

    private static long wholeLong(Properties p, String key, String def) {
        String v = p.getProperty(key, def).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new InvalidException(key + " is \"" + v + "\": it cannot be negative", key);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidException(key + " is \"" + v + "\", not a whole number", key);
        }
    }

    private static Duration duration(Properties p, String key, String def, java.time.temporal.ChronoUnit unit) {
        long n = wholeLong(p, key, def);
        long max = Duration.ofDays(36_500).dividedBy(unit.getDuration());
        if (n > max) {
            throw new InvalidException(key + " is \"" + p.getProperty(key) + "\": too large (at most " + max
                    + ", a hundred years)", key);
        }
        return Duration.of(n, unit);
    }

    private static long megabytes(Properties p, String key, String def) {
        long mb = wholeLong(p, key, def);
        if (mb > Long.MAX_VALUE >> 20) {
            throw new InvalidException(key + " is \"" + p.getProperty(key) + "\": too large", key);
        }
        return mb << 20;
    }

    private static boolean bool(Properties p, String key, String def) {
        String v = p.getProperty(key, def).trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new InvalidException(key + " is \"" + v + "\"; it must be true or false", key);
    }

    private static ZoneId zone(Properties p, String key, String def) {
        String v = p.getProperty(key, def).trim();
        try {
            return ZoneId.of(v);
        } catch (java.time.DateTimeException e) {
            throw new InvalidException(key + " is \"" + v + "\", not a time zone ID like Asia/Taipei, Europe/Berlin"
                    + " or UTC", key);
        }
    }

    /** A setting that does not parse; the message starts with its key (and, from {@link #load}, where it was set). */
    public static final class InvalidException extends IllegalArgumentException {
        private final String key;

        InvalidException(String message, String key) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** {@code rules.md} in the working folder, else at the root of the checkout the jar was built in. */
    static Path defaultRules() {
        Path here = Path.of("rules.md");
        if (Files.isRegularFile(here)) {
            return here.toAbsolutePath();
        }
        try {
            Path jar = Path.of(ServerConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("rules.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p.resolve("rules.md");
                }
            }
        } catch (Exception e) {
            // no code source: fall back to the working folder
        }
        return here.toAbsolutePath();
    }
}
