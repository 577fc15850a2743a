package org.holdout;

import org.holdout.cli.Holdout;

/** Entry point of the {@code holdout} command: the data commands plus the server's and the baselines'. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Holdout.commandLine().execute(args));
    }
}
