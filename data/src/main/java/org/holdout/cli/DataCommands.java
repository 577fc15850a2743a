package org.holdout.cli;

import java.util.List;

/** The subcommands the data module contributes (bundle builders, scoring). */
final class DataCommands {
    private DataCommands() {
    }

    static List<Object> all() {
        return List.of(
                new BundleCommand(),
                new ScoreCommand());
    }
}
