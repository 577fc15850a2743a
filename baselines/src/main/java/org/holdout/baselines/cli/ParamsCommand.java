package org.holdout.baselines.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.holdout.baselines.ImageShape;
import org.holdout.baselines.Models;
import org.holdout.baselines.Tier;
import org.holdout.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout baseline params}: each model's trainable parameter count for an input shape. */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = {"Prints each baseline's trainable parameter count for an input shape (BatchNorm's running"
            + " mean and variance are not counted, as in PyTorch)."})
public class ParamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shape", paramLabel = "H,W,C", defaultValue = "64,64,3",
            description = "Input image shape (default: ${DEFAULT-VALUE}, the course's faces).")
    String shape;

    @Option(names = "--json", description = "One JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ImageShape s;
        try {
            s = ImageShape.parse(shape);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --shape " + shape + " is not H,W,C with positive numbers");
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder js = new StringBuilder("{\"shape\":[" + s.height() + "," + s.width() + "," + s.channels() + "]");
        for (Tier t : Tier.values()) {
            long n = Models.build(t, s, 0).trainableParams();
            if (json) {
                js.append(",\"").append(t.id()).append("\":").append(n);
            } else {
                out.printf("%-7s %,12d%n", t.id(), n);
            }
        }
        if (json) {
            out.println(js.append('}'));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
