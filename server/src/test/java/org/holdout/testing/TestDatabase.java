package org.holdout.testing;

import java.nio.file.Path;
import java.util.Map;

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

    public static boolean postgres() {
        String db = System.getProperty(PROPERTY, "h2");
        return switch (db) {
            case "h2" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalStateException("-D" + PROPERTY + "=" + db + ": it must be h2 or postgresql");
        };
    }
}
