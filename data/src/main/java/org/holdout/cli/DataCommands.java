package org.holdout.cli;

import java.util.List;

/** The subcommands the data module contributes (bundle builders, scoring). */
final class DataCommands {
    private DataCommands() {
    }

    static List<Class<?>> all() {
        return List.of(BundleCommand.class, ScoreCommand.class);
    }
}
