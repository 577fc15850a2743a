package org.holdout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code holdout bundle}: builds competition bundles from a data source, verifies them, computes their floors. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Build a competition bundle (train.npy, test.npy, sample_submission.csv, solution.csv, bundle.json), "
                + "verify one, or compute its calibration floors (staff only).",
        subcommands = {BundleFashionMnistCommand.class, BundleCourseCommand.class, BundleImagesCommand.class,
                BundleVerifyCommand.class, BundleFloorsCommand.class})
public class BundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
