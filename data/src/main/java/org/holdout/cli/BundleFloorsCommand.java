package org.holdout.cli;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.Progress;
import org.holdout.floors.CalibrationFloors;
import org.holdout.floors.CalibrationFloors.Floor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout bundle floors DIR}: the AUCs trivial methods reach on a bundle, for staff to set thresholds above. */
@Command(name = "floors", mixinStandardHelpOptions = true,
        description = {"Staff only: scores trivial anomaly detectors (mean intensity both ways, its distance from the"
            + " training mean, L2 distance to the mean training image, PCA reconstruction error with 5, 10, 20 and 40"
            + " components fitted on train.npy) against the hidden labels in solution.csv, and prints each one's"
            + " Public and Private ROC-AUC. A grade threshold at or below a floor is reached without learning anything.",
            "The output reveals how the hidden labels score; do not show it to students.",
            "Exit codes: 0 done, 1 the bundle does not verify, 2 usage, 10 internal failure."})
class BundleFloorsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The bundle folder (with its solution.csv).")
    Path dir;

    @Option(names = "--json", description = "One JSON object on stdout instead of a table.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Bundle bundle;
        try {
            bundle = Bundle.open(dir);
        } catch (IOException e) {
            err.println("error: " + BundleBuildCommand.oneLine(e));
            return ExitCodes.REJECTED;
        }
        long start = System.nanoTime();
        List<Floor> floors;
        try (Progress progress = quiet ? Progress.NONE : Progress.terminal("floors")) {
            floors = CalibrationFloors.compute(bundle, progress);
        } catch (IOException e) {
            err.println("error: " + BundleBuildCommand.oneLine(e));
            return ExitCodes.INTERNAL;
        } catch (OutOfMemoryError e) {
            err.println("error: not enough memory for the floors of this bundle; give Java a larger heap"
                    + " (for example HOLDOUT_JAVA_OPTS=-Xmx4g)");
            return ExitCodes.INTERNAL;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("bundle", bundle.manifest().name());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Floor f : floors) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", f.id());
                r.put("label", f.label());
                r.put("public", f.publicAuc());
                r.put("private", f.privateAuc());
                r.put("seconds", f.seconds());
                r.put("note", f.note());
                rows.add(r);
            }
            o.put("floors", rows);
            o.put("seconds", seconds);
            try {
                out.println(JSON.writeValueAsString(o));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println("Calibration floors of " + bundle.manifest().name() + " (staff only: scored against the hidden labels)");
            out.printf(Locale.ROOT, "  %-26s %8s %8s %8s  %s%n", "floor", "public", "private", "seconds", "method");
            for (Floor f : floors) {
                out.printf(Locale.ROOT, "  %-26s %8.5f %8.5f %8.2f  %s%n", f.id(), f.publicAuc(), f.privateAuc(), f.seconds(), f.label());
            }
            floors.stream().map(Floor::note).filter(n -> !n.isEmpty()).distinct().forEach(n -> out.println("  PCA: " + n));
            out.printf(Locale.ROOT, "  total %.1f s%n", seconds);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
