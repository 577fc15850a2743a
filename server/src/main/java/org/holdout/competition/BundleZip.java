package org.holdout.competition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.holdout.bundle.Bundle;

/**
 * A bundle sent as one {@code .zip}, checked entry by entry before anything is written: only the bundle's own file
 * names, at the top or all in one folder; no absolute path, no {@code ..}, no name twice; at most {@link #MAX_ENTRIES}
 * entries and {@code maxBytes} uncompressed in all, counted while extracting (the sizes a zip declares can lie).
 */
public final class BundleZip {
    static final int MAX_ENTRIES = 16;
    static final Set<String> FILES = Set.of(Bundle.TRAIN, Bundle.TEST, Bundle.SAMPLE_SUBMISSION, Bundle.SOLUTION,
            Bundle.MANIFEST, Bundle.TRAIN_LABELS, BundleInstall.STARTER_KIT);

    private BundleZip() {
    }

    /**
     * Extracts {@code zip} (shown as {@code shownName} in messages) into the empty folder {@code into}.
     *
     * @throws BundleInstall.Refused naming the zip, the entry and the problem
     */
    public static void extract(Path zip, String shownName, Path into, long maxBytes)
            throws BundleInstall.Refused, IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> files = check(z, shownName);
            long total = 0;
            byte[] buf = new byte[1 << 16];
            for (ZipEntry e : files) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                try (InputStream in = z.getInputStream(e);
                     OutputStream out = Files.newOutputStream(into.resolve(name), StandardOpenOption.CREATE_NEW)) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw refused(shownName, "uncompresses to more than " + StagedUploads.human(maxBytes)
                                    + "; a bundle is at most that large");
                        }
                        out.write(buf, 0, n);
                    }
                } catch (ZipException ex) {
                    throw refused(shownName, "entry " + e.getName() + " cannot be read (" + ex.getMessage() + ")");
                }
            }
        } catch (ZipException e) {
            throw refused(shownName, "is not a zip file (" + e.getMessage() + ")");
        }
    }

    /** The entries that are files, once every entry has passed the rules. */
    static List<ZipEntry> check(ZipFile z, String shownName) throws BundleInstall.Refused {
        List<ZipEntry> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String folder = null;
        if (z.size() > MAX_ENTRIES) {
            throw refused(shownName, "has " + z.size() + " entries, more than " + MAX_ENTRIES + "; a bundle has at"
                    + " most " + FILES.size() + " files");
        }
        for (Enumeration<? extends ZipEntry> all = z.entries(); all.hasMoreElements(); ) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
                throw refused(shownName, "entry " + name + " is an absolute path");
            }
            List<String> parts = List.of(name.split("/", -1));
            if (parts.contains("..") || parts.contains(".")) {
                throw refused(shownName, "entry " + name + " leaves the bundle folder (it holds '..' or '.')");
            }
            if (e.isDirectory()) {
                if (parts.size() != 2 || parts.get(0).isEmpty() || (folder != null && !folder.equals(parts.get(0)))) {
                    throw refused(shownName, "entry " + name + " is a folder other than the one the bundle is in");
                }
                folder = parts.get(0);
                continue;
            }
            if (parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
                throw refused(shownName, "entry " + name + " is nested too deep; put the bundle's files at the top of"
                        + " the zip or in one folder");
            }
            String dirPart = parts.size() == 2 ? parts.get(0) : "";
            if (folder == null) {
                folder = dirPart;
            } else if (!folder.equals(dirPart)) {
                throw refused(shownName, "entry " + name + " is not in the same folder as the others");
            }
            String file = parts.get(parts.size() - 1);
            if (!FILES.contains(file)) {
                throw refused(shownName, "entry " + name + " is not a bundle file; a bundle holds "
                        + String.join(", ", FILES.stream().sorted().toList()));
            }
            if (!seen.add(file)) {
                throw refused(shownName, "entry " + name + " is there twice");
            }
            files.add(e);
        }
        if (!seen.contains(Bundle.MANIFEST)) {
            throw refused(shownName, "holds no " + Bundle.MANIFEST + ", so it is not a bundle (build one with"
                    + " 'holdout bundle' and zip its folder)");
        }
        return files;
    }

    private static BundleInstall.Refused refused(String zip, String problem) {
        return new BundleInstall.Refused(zip + ": " + problem);
    }
}
