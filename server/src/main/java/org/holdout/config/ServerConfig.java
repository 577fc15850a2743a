package org.holdout.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;

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
 * @param loginFailuresPerUser    failed logins for one username within {@code loginWindow} before further attempts
 *                                are refused (0: no limit)
 * @param loginFailuresPerAddress the same for one client address
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
        int loginFailuresPerUser,
        int loginFailuresPerAddress,
        Duration loginWindow) {

    public static final String FILE = "holdout.properties";

    /** Property keys; the environment variable is {@code HOLDOUT_} + the key upper-cased with dots as underscores. */
    public static final String[] KEYS = {"host", "port", "db.url", "db.user", "db.password", "data.dir", "upload.dir",
        "upload.max.bytes", "time.zone", "daily.limit", "baselines", "fashion.mnist", "rules.file", "behind.proxy",
        "login.failures.per.user", "login.failures.per.address", "login.window.minutes"};

    public static ServerConfig defaults() {
        return from(new Properties());
    }

    /** Reads the optional properties file, then the environment; {@code overrides} (command line) win. */
    public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        Properties p = new Properties();
        Path f = file != null ? file : Path.of(FILE);
        if (file != null || Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            }
        }
        for (String key : KEYS) {
            String v = env.get(envName(key));
            if (v != null && !v.isBlank()) {
                p.setProperty(key, v);
            }
        }
        overrides.forEach((k, v) -> {
            if (v != null) {
                p.setProperty(k, v);
            }
        });
        return from(p);
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
                Integer.parseInt(p.getProperty("port", "7070").trim()),
                url,
                p.getProperty("db.user", "sa"),
                p.getProperty("db.password", ""),
                data,
                Path.of(p.getProperty("upload.dir", data.resolve("uploads").toString())).toAbsolutePath(),
                Long.parseLong(p.getProperty("upload.max.bytes", String.valueOf(20L * 1024 * 1024)).trim()),
                ZoneId.of(p.getProperty("time.zone", "Asia/Taipei").trim()),
                Integer.parseInt(p.getProperty("daily.limit", "5").trim()),
                Boolean.parseBoolean(p.getProperty("baselines", "true").trim()),
                Path.of(p.getProperty("fashion.mnist", "/usr/share/datasets/fashion-mnist")),
                p.getProperty("rules.file") != null ? Path.of(p.getProperty("rules.file")) : defaultRules(),
                Boolean.parseBoolean(p.getProperty("behind.proxy", "false").trim()),
                Integer.parseInt(p.getProperty("login.failures.per.user", "5").trim()),
                Integer.parseInt(p.getProperty("login.failures.per.address", "50").trim()),
                Duration.ofMinutes(Long.parseLong(p.getProperty("login.window.minutes", "15").trim())));
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
