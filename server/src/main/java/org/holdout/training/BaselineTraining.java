package org.holdout.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.holdout.baselines.Tier;
import org.holdout.competition.Competition;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains baselines in a child JVM, {@code holdout baseline train TIER --progress-json} under {@code nice}, one
 * child at a time for the whole server: jobs wait in a queue. The child's JSON lines are the progress staff see;
 * a tier whose child ends well is registered as the threshold of the tier's name through
 * {@link ThresholdService#registerTrained}, scored on both boards like a staff upload (its points stay). ND4J and its native memory live in the child only. Outputs stay in
 * {@code <data>/baselines/<slug>/<tier>/}, so a restart registers a finished file instead of training again.
 */
public final class BaselineTraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineTraining.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The files {@code holdout baseline train} writes (docs/baselines.md). */
    static final String SUBMISSION = "submission.csv";
    static final String CURVE = "training-curve.png";
    private static final int STDERR_LINES = 60;

    private final ThresholdService thresholds;
    private final Path root;
    private final Map<Long, Map<Tier, Progress>> progress = new HashMap<>();
    private final Deque<Job> queue = new ArrayDeque<>();
    private volatile ChildJvm childJvm = ChildJvm.ofThisJvm();
    private Job running;
    private Process child;
    private Thread worker;
    private boolean closed;

    public BaselineTraining(ThresholdService thresholds, Path dataDir) {
        this.thresholds = thresholds;
        this.root = dataDir.resolve("baselines");
    }

    /** One tier of one competition to train; {@code again} trains even when a threshold or file is there. */
    private record Job(Competition competition, Tier tier, boolean again) {
        boolean same(Competition c, Tier t) {
            return competition.id() == c.id() && tier == t;
        }
    }

    /** How the child is started; tests make its trainings short with {@link ChildJvm#withTrainOptions}. */
    public void childJvm(ChildJvm jvm) {
        this.childJvm = jvm;
    }

    /** The names of the thresholds a training can set: the reference baselines' tiers, simple to boss. */
    public static List<String> names() {
        return Arrays.stream(Tier.values()).map(Tier::id).toList();
    }

    /** What staff see for one competition: one line per tier, by its name, simple to boss. */
    public synchronized Map<String, Progress> progress(Competition competition) {
        Map<String, Progress> m = new LinkedHashMap<>();
        Map<Tier, Progress> known = progress.getOrDefault(competition.id(), Map.of());
        for (Tier t : Tier.values()) {
            m.put(t.id(), known.getOrDefault(t, Progress.NOT_STARTED));
        }
        return m;
    }

    /** The running job first, then the waiting ones, as "slug: tier". */
    public synchronized List<String> queue() {
        List<String> lines = new ArrayList<>();
        if (running != null) {
            lines.add(running.competition().slug() + ": " + running.tier().id() + " (training)");
        }
        for (Job j : queue) {
            lines.add(j.competition().slug() + ": " + j.tier().id() + " (waiting)");
        }
        return lines;
    }

    /**
     * The automatic start (first start of a competition): every tier without a threshold, registering a finished
     * file of an earlier run instead of training again.
     */
    public void start(Competition competition) {
        for (Tier t : Tier.values()) {
            enqueue(new Job(competition, t, false));
        }
    }

    /**
     * Staff asked for the tiers of these names to be trained (again): each is queued unless it is waiting or
     * training already.
     *
     * @return the names queued now
     * @throws IllegalArgumentException a name is not one of {@link #names()} (then nothing is queued)
     */
    public List<String> train(Competition competition, List<String> names) {
        List<Tier> tiers = names.stream().map(Tier::parse).toList();
        List<String> queued = new ArrayList<>();
        for (Tier t : tiers) {
            if (enqueue(new Job(competition, t, true))) {
                queued.add(t.id());
            }
        }
        return queued;
    }

    private synchronized boolean enqueue(Job job) {
        if (closed || (running != null && running.same(job.competition(), job.tier()))
                || queue.stream().anyMatch(j -> j.same(job.competition(), job.tier()))) {
            return false;
        }
        queue.add(job);
        set(job.competition(), job.tier(), Progress.of("waiting"));
        if (worker == null) {
            worker = new Thread(this::work, "baseline-training");
            worker.setDaemon(true);
            worker.start();
        }
        notifyAll();
        return true;
    }

    /** The training curve the child draws for the tier of that name, once it has drawn one. */
    public Optional<Path> curve(Competition competition, String name) {
        Tier tier;
        try {
            tier = Tier.parse(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Path p = outDir(competition, tier).resolve(CURVE);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** True when the threshold of every tier's name already has a public score, so there is nothing to train. */
    public boolean allRegistered(Competition competition) {
        for (Tier tier : Tier.values()) {
            if (!isRegistered(competition, tier)) {
                return false;
            }
        }
        return true;
    }

    private boolean isRegistered(Competition competition, Tier tier) {
        return thresholds.find(competition.id(), tier.id()).map(Threshold::publicScore).isPresent();
    }

    private Path outDir(Competition competition, Tier tier) {
        return root.resolve(competition.slug()).resolve(tier.id());
    }

    private void work() {
        while (true) {
            Job job;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = queue.poll();
                running = job;
            }
            try {
                run(job);
            } catch (RuntimeException | Error e) {
                LOG.error("baseline {} of {} failed", job.tier().id(), job.competition().slug(), e);
                set(job.competition(), job.tier(), Progress.of("failed: " + e));
            } finally {
                synchronized (this) {
                    running = null;
                    child = null;
                }
            }
        }
    }

    private void run(Job job) {
        Competition c = job.competition();
        Tier tier = job.tier();
        if (!job.again() && isRegistered(c, tier)) {
            set(c, tier, Progress.of("registered"));
            return;
        }
        Path done = outDir(c, tier).resolve(SUBMISSION);
        if (job.again() || !Files.isRegularFile(done)) {
            done = trainInChild(c, tier);
            if (done == null) {
                return;
            }
        }
        try {
            Threshold t = thresholds.registerTrained(c.id(), tier.id(), Files.readAllBytes(done));
            set(c, tier, Progress.of("registered"));
            LOG.info("baseline {} of {} registered: public {}", tier.id(), c.slug(), t.publicScore());
        } catch (Exception e) {
            LOG.error("baseline {} of {}: {} was not registered", tier.id(), c.slug(), done, e);
            set(c, tier, Progress.of("failed: " + done.getFileName() + " was not registered: " + e.getMessage()));
        }
    }

    /** @return the submission the child wrote, or null when it failed (the reason is the tier's progress) */
    private Path trainInChild(Competition c, Tier tier) {
        Path out = outDir(c, tier);
        List<String> command = childJvm.command(tier, c.bundleDir(), out);
        Process p;
        long started = System.nanoTime();
        try {
            Files.createDirectories(out);
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            LOG.error("baseline {} of {}: could not start {}", tier.id(), c.slug(), command, e);
            set(c, tier, Progress.of("failed: the training process did not start (" + e.getMessage() + ")"));
            return null;
        }
        synchronized (this) {
            if (closed) {
                p.destroyForcibly();
                return null;
            }
            child = p;
        }
        LOG.info("baseline {} of {}: training in process {}", tier.id(), c.slug(), p.pid());
        set(c, tier, Progress.training(0, 0, Double.NaN, -1, started));
        Deque<String> stderr = new ArrayDeque<>();
        Thread drain = new Thread(() -> tail(p.getErrorStream(), stderr), "baseline-training-stderr");
        drain.setDaemon(true);
        drain.start();
        Path submission = null;
        String failure = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode event = event(line);
                if (event == null) {
                    continue;
                }
                switch (event.path("event").asText()) {
                    case "epoch" -> set(c, tier, Progress.training(event.path("epoch").asInt(),
                            event.path("epochs").asInt(), event.path("loss").asDouble(Double.NaN),
                            event.path("secondsLeft").asDouble(-1), started));
                    case "done" -> submission = Path.of(event.path("submission").asText());
                    case "failed" -> failure = event.path("message").asText();
                    default -> { }
                }
            }
        } catch (IOException e) {
            failure = "its output could not be read: " + e.getMessage();
        }
        int code;
        try {
            code = p.waitFor();
            drain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            set(c, tier, Progress.of("stopped: the server stopped during the training"));
            return null;
        }
        synchronized (this) {
            if (closed) {
                set(c, tier, Progress.of("stopped: the server stopped during the training"));
                return null;
            }
        }
        if (code == 0 && submission != null && Files.isRegularFile(submission)) {
            return submission;
        }
        String tail;
        synchronized (stderr) {
            tail = String.join("\n", stderr);
            if (failure == null) {
                failure = reason(stderr);
            }
        }
        LOG.error("baseline {} of {}: the training process ended with exit code {}; its last lines:\n{}", tier.id(),
                c.slug(), code, tail);
        set(c, tier, Progress.of("failed: " + (failure == null ? "the training process ended" : failure)
                + " (exit code " + code + ")"));
        return null;
    }

    private static JsonNode event(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.has("event") ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void tail(InputStream in, Deque<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    if (lines.size() > STDERR_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; what was read is kept
        }
    }

    /** The most telling line of the child's stderr: its "error:" line, else the first line of an exception. */
    static String reason(Iterable<String> stderr) {
        String exception = null;
        for (String line : stderr) {
            if (line.startsWith("error: ")) {
                return line.substring("error: ".length());
            }
            if (exception == null && !line.startsWith("\t") && !line.startsWith(" ")
                    && (line.contains("Exception") || line.contains("Error"))) {
                exception = line;
            }
        }
        return exception;
    }

    private synchronized void set(Competition c, Tier tier, Progress p) {
        progress.computeIfAbsent(c.id(), id -> new EnumMap<>(Tier.class)).put(tier, p);
    }

    /** Empties the queue and ends the child (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() {
        Process p;
        Thread w;
        synchronized (this) {
            closed = true;
            for (Job j : queue) {
                set(j.competition(), j.tier(), Progress.of("not started: the server stopped"));
            }
            queue.clear();
            p = child;
            w = worker;
            notifyAll();
        }
        try {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (w != null) {
                w.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A tier's state: not started, waiting, training (epoch of epochs, loss, seconds left; since
     * {@code startedNanos}), registered, failed or stopped with the reason.
     */
    public record Progress(String state, int epoch, int epochs, double loss, double secondsLeft, long startedNanos) {
        static final Progress NOT_STARTED = of("not started");

        static Progress of(String state) {
            return new Progress(state, 0, 0, Double.NaN, -1, 0);
        }

        static Progress training(int epoch, int epochs, double loss, double secondsLeft, long startedNanos) {
            return new Progress("training", epoch, epochs, loss, secondsLeft, startedNanos);
        }

        public boolean isTraining() {
            return state.equals("training");
        }

        public String text() {
            return text(System.nanoTime());
        }

        public String text(long nowNanos) {
            if (!isTraining()) {
                return state;
            }
            String elapsed = startedNanos == 0 ? "" : ", " + duration((nowNanos - startedNanos) / 1e9) + " elapsed";
            if (epochs == 0) {
                return "training: starting" + elapsed;
            }
            String eta = secondsLeft < 0 ? "" : String.format(Locale.ROOT, ", about %.0f min left",
                    Math.ceil(secondsLeft / 60));
            return String.format(Locale.ROOT, "training: epoch %d of %d, loss %.5f%s%s", epoch, epochs, loss,
                    elapsed, eta);
        }

        static String duration(double seconds) {
            long s = Math.max(0, Math.round(seconds));
            return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
    }

    /**
     * The child's command line: {@code [nice -n 10] java [jvmOptions] -cp CLASSPATH org.holdout.Main baseline train
     * TIER --bundle DIR --out DIR --progress-json --exit-when-stdin-closes [trainOptions]}. The class path is this
     * JVM's own, so the child runs the same build.
     */
    public record ChildJvm(Path java, String classpath, List<String> jvmOptions, List<String> trainOptions,
                           Path nice) {
        public static final int NICENESS = 10;

        /** This JVM's java, class path and JavaCPP settings; {@code nice} when it is on the PATH. */
        public static ChildJvm ofThisJvm() {
            List<String> options = new ArrayList<>();
            System.getProperties().stringPropertyNames().stream().sorted()
                    .filter(k -> k.startsWith("org.bytedeco.") || k.startsWith("nd4j."))
                    .forEach(k -> options.add("-D" + k + "=" + System.getProperty(k)));
            return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                    absolute(System.getProperty("java.class.path")), options, List.of(), onPath("nice"));
        }

        public ChildJvm withTrainOptions(List<String> options) {
            return new ChildJvm(java, classpath, jvmOptions, List.copyOf(options), nice);
        }

        public ChildJvm withClasspath(String cp) {
            return new ChildJvm(java, absolute(cp), jvmOptions, trainOptions, nice);
        }

        List<String> command(Tier tier, Path bundle, Path out) {
            List<String> cmd = new ArrayList<>();
            if (nice != null) {
                cmd.addAll(List.of(nice.toString(), "-n", Integer.toString(NICENESS)));
            }
            cmd.add(java.toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", classpath, "org.holdout.Main", "baseline", "train", tier.id(),
                    "--bundle", bundle.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString(),
                    "--progress-json", "--exit-when-stdin-closes"));
            cmd.addAll(trainOptions);
            return cmd;
        }

        private static String absolute(String classpath) {
            List<String> parts = new ArrayList<>();
            for (String p : classpath.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    parts.add(Path.of(p).toAbsolutePath().toString());
                }
            }
            return String.join(File.pathSeparator, parts);
        }

        private static Path onPath(String program) {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        }
    }
}
