package org.holdout.competition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;

/**
 * A new competition from a bundle folder: the bundle is verified, copied into {@code <data>/competitions/<slug>/}
 * (so the data folder holds everything a competition needs, and {@code holdout backup} takes it along), the copy is
 * verified again, and only then is the competition recorded. A bundle built in that very folder is used in place.
 */
public final class BundleInstall {
    /** Copied along with the bundle's own files when present (older bundles); students get the one {@link StarterKit} builds. */
    static final String STARTER_KIT = "starter-kit.zip";

    private final CompetitionRepository competitions;
    private final Path competitionsDir;

    public BundleInstall(CompetitionRepository competitions, Path dataDir) {
        this.competitions = competitions;
        this.competitionsDir = dataDir.resolve("competitions");
    }

    /** Why the competition was not created, in one line that names the file or the slug. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public Path folderOf(String slug) {
        return competitionsDir.resolve(slug);
    }

    /** Creates the competition from a copy of {@code bundleDir}, audited as {@code actor}'s action. */
    public Competition create(Path bundleDir, CompetitionSettings settings, String actor, Instant now)
            throws Refused, IOException {
        refuseTakenSlug(settings);
        BundleManifest manifest = verify(bundleDir, "the bundle");
        Path target = folderOf(settings.slug());
        boolean inPlace = Files.isDirectory(target) && Files.isSameFile(target, bundleDir);
        if (!inPlace) {
            refuseStrayFolder(target);
            copy(bundleDir, manifest, target);
        }
        return record(settings, target, actor, "from the bundle " + bundleDir.toAbsolutePath(), now, !inPlace);
    }

    /**
     * Creates the competition from a bundle just built in {@code built} (a folder under {@link #buildArea}), which is
     * verified and moved, not copied, into the competition's folder.
     */
    public Competition adopt(Path built, CompetitionSettings settings, String actor, String source, Instant now)
            throws Refused, IOException {
        refuseTakenSlug(settings);
        verify(built, "the bundle");
        Path target = folderOf(settings.slug());
        refuseStrayFolder(target);
        Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
        return record(settings, target, actor, source, now, true);
    }

    /** Where bundles are built before {@link #adopt}: beside the competitions' folders, so the move is a rename. */
    public Path buildArea() throws IOException {
        Files.createDirectories(competitionsDir);
        return Files.createTempDirectory(competitionsDir, ".build-");
    }

    /** Deletes the build folders (a build the server did not live to finish) last written before {@code cutoff}. */
    void removeBuildAreasOlderThan(Instant cutoff) throws IOException {
        if (!Files.isDirectory(competitionsDir)) {
            return;
        }
        try (Stream<Path> all = Files.list(competitionsDir)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(".build-")).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Why {@code slug} cannot be used now, or null. */
    public String slugTaken(String slug) {
        return competitions.bySlug(slug).map(c -> "there is a competition with the slug " + slug + " already (\""
                + c.title() + "\"); choose another slug").orElse(null);
    }

    private void refuseTakenSlug(CompetitionSettings settings) throws Refused {
        String taken = slugTaken(settings.slug());
        if (taken != null) {
            throw new Refused(taken);
        }
    }

    private static void refuseStrayFolder(Path target) throws Refused {
        if (Files.exists(target)) {
            throw new Refused("the folder " + target + " exists already but belongs to no competition; move it"
                    + " away or choose another slug");
        }
    }

    private static BundleManifest verify(Path dir, String what) throws Refused {
        try {
            return Bundle.open(dir).manifest();
        } catch (IOException e) {
            throw new Refused(what + " does not verify: " + oneLine(e));
        }
    }

    private Competition record(CompetitionSettings settings, Path target, String actor, String source, Instant now,
                               boolean ownsFolder) throws IOException {
        String detail = "created " + settings.slug() + " (\"" + settings.title() + "\") " + source + "; time zone "
                + settings.timeZone().getId() + ", daily limit " + settings.dailyLimit() + ", deadline "
                + (settings.deadline() == null ? "none" : settings.deadline()) + ", " + settings.finalSelections()
                + " final selection(s)";
        try {
            return competitions.create(settings, target, actor, detail, now);
        } catch (RuntimeException e) {
            if (ownsFolder) {
                deleteTree(target);
            }
            throw e;
        }
    }

    /** Copies the bundle's files into a temporary folder beside {@code target}, verifies them, then moves it there. */
    private static void copy(Path from, BundleManifest manifest, Path target) throws IOException, Refused {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            List<String> names = new ArrayList<>(manifest.files().keySet());
            names.add(Bundle.MANIFEST);
            if (Files.isRegularFile(from.resolve(STARTER_KIT))) {
                names.add(STARTER_KIT);
            }
            for (String name : names) {
                Files.copy(from.resolve(name), tmp.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
            try {
                Bundle.open(tmp);
            } catch (IOException e) {
                throw new Refused("the copy of the bundle in " + target + " does not verify: " + oneLine(e));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
