package org.holdout.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.holdout.db.Database;

/**
 * The database a test's server uses: by default a new H2 file in the test's folder (the server's own default);
 * with {@code -Dholdout.test.db=postgresql} (the suite's second run, see server/pom.xml) a new empty database in
 * this JVM's throwaway {@link PostgresCluster}.
 */
public final class TestDatabase {
    private static final String PROPERTY = "holdout.test.db";

    private TestDatabase() {
    }

    /** {@code db.url}, {@code db.user} and {@code db.password} for a new empty database (empty map: H2 in {@code dir}). */
    public static Map<String, String> settings(Path dir) {
        return postgres() ? PostgresCluster.shared().newDatabase() : Map.of();
    }

    /**
     * Like {@link #settings}, but the database starts at the newest schema, a copy of one this JVM migrated once:
     * for PostgreSQL here, for H2 by {@link #seed} once the server's configuration names the file.
     */
    public static Map<String, String> migratedSettings(Path dir) {
        return postgres() ? PostgresCluster.shared().newMigratedDatabase() : Map.of();
    }

    /** Puts a copy of an embedded H2 database migrated once per JVM where {@code db} opens, unless one is there. */
    public static void seed(Database.Settings db) throws IOException {
        Matcher file = H2_FILE.matcher(db.databaseUrl());
        if (!file.matches()) {
            return;
        }
        Path target = Path.of(file.group(1) + ".mv.db");
        if (!Files.exists(target)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(h2Template(db.databaseUser(), db.databasePassword()), target);
        }
    }

    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(?:file:)?([^;:][^;]*)(?:;.*)?");
    private static final Map<List<String>, Path> H2_TEMPLATES = new HashMap<>();

    /** An H2 file belongs to the user who created it, so there is one template per user and password. */
    private static synchronized Path h2Template(String user, String password) throws IOException {
        Path template = H2_TEMPLATES.get(List.of(user, password));
        if (template == null) {
            Path dir = Files.createTempDirectory("holdout-h2-template-");
            dir.toFile().deleteOnExit();
            Database.open(new Database.Settings("jdbc:h2:file:" + dir.resolve("holdout"), user, password)).close();
            template = dir.resolve("holdout.mv.db");
            template.toFile().deleteOnExit();
            H2_TEMPLATES.put(List.of(user, password), template);
        }
        return template;
    }

    public static boolean postgres() {
        String db = System.getProperty(PROPERTY, "h2");
        return switch (db) {
            case "h2" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalStateException("-D" + PROPERTY + "=" + db + ": it must be h2 or postgresql");
        };
    }
}
