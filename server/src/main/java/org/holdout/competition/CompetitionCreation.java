package org.holdout.competition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.holdout.bundle.BundleAssembly;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.BundleWriter;
import org.holdout.bundle.CourseLayout;
import org.holdout.bundle.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a competition while the server runs, from staged files ({@link StagedUploads}): the course's
 * {@code trainingset.npy}, {@code testingset.npy} and labels (built with {@link CourseLayout}, as {@code holdout
 * bundle course} builds them), or a bundle as one zip ({@link BundleZip}). What can be checked quickly is checked
 * before a job is accepted; the build, the verification and the install ({@link BundleInstall#adopt}) run on one
 * background thread, one job at a time. Whatever the outcome, the job's folder (its inputs and any half-built bundle)
 * is deleted; the competition row is written last, with its audit entry, so a failure leaves none.
 */
public final class CompetitionCreation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompetitionCreation.class);
    static final int JOBS_KEPT = 100;

    private final BundleInstall install;
    private final StagedUploads staging;
    private final FloorsCache floors;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> slugsInProgress = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "competition-creation");
        t.setDaemon(true);
        return t;
    });

    public CompetitionCreation(BundleInstall install, StagedUploads staging, FloorsCache floors, Clock clock) {
        this.install = install;
        this.staging = staging;
        this.floors = floors;
        this.clock = clock;
    }

    /** Where the data comes from: the ids of staged files. */
    public sealed interface Data permits Course, Zipped {
    }

    /** The course's training images, test images and test labels (.npy, CSV {@code Id,Expected}, or one a line). */
    public record Course(String train, String test, String labels) implements Data {
    }

    /** A bundle folder as one zip. */
    public record Zipped(String bundle) implements Data {
    }

    /** Why a creation was not accepted; {@link Kind} says whose mistake it is. */
    public static final class Refused extends Exception {
        public enum Kind { NO_SUCH_UPLOAD, SLUG_TAKEN, BAD_FILE }

        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    public StagedUploads staging() {
        return staging;
    }

    /**
     * Checks the slug and the files and queues the build. Refused for a slug taken (the staged files stay, so the
     * same files can be sent again under another slug) or a staged id that is not there; refused for a bad file
     * (the staged files are deleted: they cannot make this competition).
     */
    public Job start(CompetitionSettings settings, Data data, String actor) throws Refused, IOException {
        String taken = install.slugTaken(settings.slug());
        if (taken != null || !slugsInProgress.add(settings.slug())) {
            throw new Refused(Refused.Kind.SLUG_TAKEN, taken != null ? taken : "a competition with the slug "
                    + settings.slug() + " is being created already");
        }
        Path area = null;
        try {
            List<StagedUploads.Staged> files = staged(data);
            area = install.buildArea();
            Job job = data instanceof Course ? courseJob(settings, files, area) : zipJob(settings, files.get(0), area);
            Path owned = area;
            jobs.put(job.id(), job);
            forgetOldJobs();
            worker.submit(() -> run(job, settings, actor, owned));
            return job;
        } catch (Refused | IOException | RuntimeException e) {
            slugsInProgress.remove(settings.slug());
            if (area != null) {
                BundleInstall.deleteTree(area);
            }
            throw e;
        }
    }

    /** Deletes what a crash left: build folders and staged files written more than {@link StagedUploads#KEEP} ago. */
    public void removeLeftovers() {
        java.time.Instant cutoff = java.time.Instant.now().minus(StagedUploads.KEEP);
        try {
            staging.pruneOlderThan(cutoff);
            install.removeBuildAreasOlderThan(cutoff);
        } catch (IOException e) {
            LOG.warn("cannot delete what earlier creations left", e);
        }
    }

    public Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private List<StagedUploads.Staged> staged(Data data) throws Refused, IOException {
        List<String> ids = data instanceof Course c ? List.of(c.train(), c.test(), c.labels())
                : List.of(((Zipped) data).bundle());
        List<String> roles = data instanceof Course ? List.of("train", "test", "labels") : List.of("bundle");
        if (ids.stream().distinct().count() < ids.size()) {
            throw new Refused(Refused.Kind.NO_SUCH_UPLOAD, "the same staged file is given twice; stage each file"
                    + " on its own");
        }
        List<StagedUploads.Staged> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String role = roles.get(i);
            out.add(staging.get(id).orElseThrow(() -> new Refused(Refused.Kind.NO_SUCH_UPLOAD, "there is no staged"
                    + " file " + (id == null ? "" : "\"" + id + "\" ") + "for " + role + "; upload it first (it is kept"
                    + " for a day)")));
        }
        return out;
    }

    private Job courseJob(CompetitionSettings settings, List<StagedUploads.Staged> files, Path area)
            throws Refused, IOException {
        List<Path> inputs = new ArrayList<>();
        String[] roles = {"train", "test", "labels"};
        for (int i = 0; i < 3; i++) {
            inputs.add(staging.take(files.get(i), area.resolve("inputs").resolve(roles[i])));
        }
        try {
            CourseLayout.check(inputs.get(0), inputs.get(1), inputs.get(2));
        } catch (IOException e) {
            throw new Refused(Refused.Kind.BAD_FILE, shown(e, area));
        }
        List<String> names = files.stream().map(StagedUploads.Staged::name).toList();
        return new Job(settings.slug(), inputs, List.of("check " + names.get(0), "check " + names.get(1), "check "
                + names.get(2), "read the images", "write the bundle", "verify the bundle and create the competition"),
                3, "from the course files " + String.join(", ", names));
    }

    private Job zipJob(CompetitionSettings settings, StagedUploads.Staged file, Path area) throws Refused, IOException {
        Path zip = staging.take(file, area.resolve("inputs").resolve("bundle"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            BundleZip.check(z, file.name());
        } catch (ZipException e) {
            throw new Refused(Refused.Kind.BAD_FILE, file.name() + ": is not a zip file (" + e.getMessage() + ")");
        } catch (BundleInstall.Refused e) {
            throw new Refused(Refused.Kind.BAD_FILE, e.getMessage());
        }
        return new Job(settings.slug(), List.of(zip), List.of("check the entries of " + file.name(), "extract "
                + file.name(), "verify the bundle and create the competition"), 1, "from the bundle " + file.name());
    }

    /** Builds, verifies and installs; the job's folder is gone before the job says how it ended. */
    private void run(Job job, CompetitionSettings settings, String actor, Path area) {
        Competition created = null;
        String failure = null;
        job.begin(job.current());
        try {
            created = build(job, settings, actor, area);
        } catch (BundleInstall.Refused | IOException e) {
            failure = shown(e, area);
        } catch (Exception | OutOfMemoryError e) {
            LOG.error("creating the competition {} failed", settings.slug(), e);
            failure = "the server failed while building (" + e + "); it is logged";
        } finally {
            slugsInProgress.remove(settings.slug());
            try {
                BundleInstall.deleteTree(area);
            } catch (IOException e) {
                LOG.warn("cannot delete the build folder {}", area, e);
            }
        }
        if (created != null) {
            floors.state(created);
            job.finish(created);
            LOG.info("competition {} created by {} from {}", created.slug(), actor, job.source);
        } else {
            job.fail(failure);
        }
    }

    private Competition build(Job job, CompetitionSettings settings, String actor, Path area)
            throws BundleInstall.Refused, IOException {
        Path built = area.resolve("bundle");
        if (job.inputs.size() == 3) {
            BundleContents contents;
            try (Progress p = job.progress(3)) {
                contents = CourseLayout.build(new CourseLayout.Options(job.inputs.get(0), job.inputs.get(1),
                        job.inputs.get(2), BundleAssembly.DEFAULT_SEED, BundleAssembly.DEFAULT_PUBLIC_FRACTION,
                        false, settings.slug()), p);
            }
            try (Progress p = job.progress(4)) {
                BundleWriter.write(contents, built, false, p);
            }
        } else {
            job.begin(1);
            java.nio.file.Files.createDirectories(built);
            BundleZip.extract(job.inputs.get(0), job.inputs.get(0).getFileName().toString(), built,
                    2 * staging.maxBytes());
        }
        job.begin(job.steps.size() - 1);
        return install.adopt(built, settings, actor, job.source, clock.instant());
    }

    /** {@code e}'s message with the server's folders taken out, so it names the files as they were uploaded. */
    static String shown(Exception e, Path area) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (String role : new String[] {"train", "test", "labels", "bundle"}) {
            m = m.replace(area.resolve("inputs").resolve(role) + java.io.File.separator, "");
        }
        return m.replace(area.resolve("bundle") + java.io.File.separator, "")
                .replace(area.resolve("bundle").toString(), "the bundle").replace('\n', ' ');
    }

    private void forgetOldJobs() {
        if (jobs.size() > JOBS_KEPT) {
            jobs.values().stream().filter(Job::finished).sorted((a, b) -> Long.compare(a.started, b.started))
                    .limit(jobs.size() - JOBS_KEPT).map(Job::id).toList().forEach(jobs::remove);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One creation: its steps (each waiting, running, done or failed, with a percentage where known) and outcome. */
    public static final class Job {
        private final String id = java.util.UUID.randomUUID().toString();
        private final String slug;
        private final List<Path> inputs;
        private final List<String> steps;
        private final String source;
        private final long started = System.nanoTime();
        private int current;
        private boolean begun;
        private long done;
        private long total;
        private String failure;
        private Competition created;

        Job(String slug, List<Path> inputs, List<String> steps, int firstToRun, String source) {
            this.slug = slug;
            this.inputs = inputs;
            this.steps = steps;
            this.current = firstToRun;
            this.source = source;
        }

        public String id() {
            return id;
        }

        public String slug() {
            return slug;
        }

        /** A consistent picture of the job now. */
        public synchronized Snapshot snapshot() {
            List<Step> out = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                String state = i < current || created != null ? "done" : failure != null && i == current ? "failed"
                        : i > current || !begun ? "waiting" : "running";
                Integer percent = state.equals("running") && total > 0 ? (int) Math.min(100, done * 100 / total) : null;
                out.add(new Step(steps.get(i), state, percent));
            }
            String state = created != null ? "done" : failure != null ? "failed" : "running";
            return new Snapshot(id, slug, state, out, failure, created);
        }

        synchronized boolean finished() {
            return created != null || failure != null;
        }

        synchronized int current() {
            return current;
        }

        /** Step {@code step} runs now (the steps before it are done); a job waiting for the worker has begun none. */
        synchronized void begin(int step) {
            begun = true;
            current = step;
            done = 0;
            total = 0;
        }

        synchronized void finish(Competition c) {
            created = c;
        }

        synchronized void fail(String message) {
            failure = message;
        }

        Progress progress(int step) {
            begin(step);
            return new Progress() {
                @Override
                public void add(long units) {
                    synchronized (Job.this) {
                        done += units;
                    }
                }

                @Override
                public void expect(long units) {
                    synchronized (Job.this) {
                        total += units;
                    }
                }

                @Override
                public void close() {
                }
            };
        }
    }

    public record Step(String name, String state, Integer percent) {
    }

    /** {@code state}: running, done or failed; {@code competition} once done, {@code message} once failed. */
    public record Snapshot(String id, String slug, String state, List<Step> steps, String message,
                           Competition competition) {
    }
}
