package org.holdout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.BundleException;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.Progress;
import org.holdout.npy.NpyFormatException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every {@code holdout bundle <source>} command shares: output options, writing, errors as one line. */
abstract class BundleBuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the bundle to.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice; the same seed gives the same bytes "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = BundleAssembly.DEFAULT_SEED;

    @Option(names = "--public-fraction", paramLabel = "F", description = "Share of the test rows scored on the public "
            + "leaderboard, stratified by label and class (default: ${DEFAULT-VALUE}).")
    double publicFraction = BundleAssembly.DEFAULT_PUBLIC_FRACTION;

    @Option(names = "--name", paramLabel = "NAME", description = "Bundle name recorded in bundle.json.")
    String name;

    @Option(names = "--force", description = "Replace the bundle already in --out.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    /** Reads the source and assembles the bundle. */
    abstract BundleContents build(Progress progress) throws IOException;

    abstract String task();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!(publicFraction > 0 && publicFraction < 1)) {
            err.println("error: --public-fraction must be between 0 and 1 (exclusive), got " + publicFraction);
            return ExitCodes.USAGE;
        }
        try (Progress progress = quiet ? Progress.NONE : Progress.terminal(task())) {
            BundleContents contents = build(progress);
            BundleManifest manifest = BundleWriter.write(contents, out, force, progress);
            progress.close();
            PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote bundle " + manifest.name() + " to " + out.toAbsolutePath().normalize());
            BundleSummary.print(manifest, o);
            o.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BundleException | NpyFormatException | NoSuchFileException e) {
            err.println("error: " + oneLine(e));
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err.println("error: " + oneLine(e));
            return ExitCodes.INTERNAL;
        }
    }

    static String oneLine(Exception e) {
        String m = e instanceof NoSuchFileException nf ? nf.getFile() + ": no such file" : e.getMessage();
        if (m == null) m = e.getClass().getSimpleName();
        return m.replace('\n', ' ');
    }
}
