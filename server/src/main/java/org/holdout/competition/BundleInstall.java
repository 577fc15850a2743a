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
    /** Copied along with the bundle's own files when present: the download students get besides the data. */
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

    public Competition create(Path bundleDir, CompetitionSettings settings, Instant now) throws Refused, IOException {
        var taken = competitions.bySlug(settings.slug());
        if (taken.isPresent()) {
            throw new Refused("there is a competition with the slug " + settings.slug() + " already (\""
                    + taken.get().title() + "\"); choose another slug");
        }
        BundleManifest manifest;
        try {
            manifest = Bundle.open(bundleDir).manifest();
        } catch (IOException e) {
            throw new Refused("the bundle does not verify: " + oneLine(e));
        }
        Path target = folderOf(settings.slug());
        boolean inPlace = Files.isDirectory(target) && Files.isSameFile(target, bundleDir);
        if (!inPlace) {
            if (Files.exists(target)) {
                throw new Refused("the folder " + target + " exists already but belongs to no competition; move it"
                        + " away or choose another slug");
            }
            copy(bundleDir, manifest, target);
        }
        try {
            return competitions.insert(settings, target, now);
        } catch (RuntimeException e) {
            if (!inPlace) {
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

    private static void deleteTree(Path dir) throws IOException {
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
