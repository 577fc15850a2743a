package org.holdout.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * The database a test's server uses: by default a new H2 file in the test's folder (the server's own default);
 * the PostgreSQL run of the suite gives each call a new empty database instead.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** {@code db.url}, {@code db.user} and {@code db.password} for a new empty database (empty map: H2 in {@code dir}). */
    public static Map<String, String> settings(Path dir) {
        return Map.of();
    }

    public static boolean postgres() {
        return false;
    }
}
