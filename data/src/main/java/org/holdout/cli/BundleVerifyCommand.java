package org.holdout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout bundle verify DIR}: checks every hash, shape and CSV of a bundle and prints a summary. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle: the SHA-256 of every file, the shapes of the arrays, the CSV files.")
class BundleVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The bundle folder.")
    Path dir;

    @Override
    public Integer call() {
        try {
            BundleManifest m = Bundle.open(dir).manifest();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Bundle " + m.name() + " in " + dir.toAbsolutePath().normalize() + " is intact ("
                    + m.files().size() + " files match their SHA-256)");
            BundleSummary.print(m, out);
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + BundleBuildCommand.oneLine(e));
            return ExitCodes.REJECTED;
        }
    }
}
