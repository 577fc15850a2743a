package org.holdout.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.holdout.config.ServerConfig;
import picocli.CommandLine.Option;

/** The options every server-side command shares: where the config, the data and the database are. */
public class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: ./holdout.properties if present).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder: bundles, database, uploads (env HOLDOUT_DATA_DIR; default ./holdout-data).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Database URL (env HOLDOUT_DB_URL; default an H2 file in the data folder).")
    String dbUrl;

    /**
     * The configuration, or null after printing on {@code err} what is wrong with it: a {@code --config} file that
     * is missing or unreadable, or a value that does not parse (named with the place it was set).
     */
    ServerConfig load(Map<String, String> more, java.io.PrintWriter err) {
        try {
            return load(more);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("error: the config file " + configFile + " does not exist");
        } catch (IOException e) {
            err.println("error: cannot read the config file " + configFile + ": " + e.getMessage());
        } catch (ServerConfig.InvalidException e) {
            err.println("error: " + e.getMessage());
        }
        err.flush();
        return null;
    }

    ServerConfig load(Map<String, String> more) throws IOException {
        Map<String, String> o = new HashMap<>(more);
        if (dataDir != null) {
            o.put("data.dir", dataDir.toString());
        }
        if (dbUrl != null) {
            o.put("db.url", dbUrl);
        }
        return ServerConfig.load(configFile, System.getenv(), o);
    }
}
