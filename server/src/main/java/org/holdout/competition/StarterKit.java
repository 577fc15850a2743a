package org.holdout.competition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.holdout.bundle.Bundle;
import org.holdout.starterkit.KitFiles;
import org.holdout.threshold.Threshold;

/**
 * A competition's {@code starter-kit.zip}: the kit's files ({@link KitFiles}) with the README's placeholders filled
 * with this competition's values and the server's address, and the competition's {@code sample_submission.csv}.
 * Nothing else of the bundle: never {@code solution.csv}. Built on request (tens of kilobytes, milliseconds).
 */
public final class StarterKit {
    public static final String NAME = "starter-kit.zip";
    /** A fixed time for every entry, so a kit's bytes depend on its contents only. */
    private static final long ENTRY_TIME = 1_767_225_600_000L;

    private StarterKit() {
    }

    public static byte[] zip(Competition c, List<Threshold> thresholds, String serverUrl) {
        Map<String, String> values = new java.util.LinkedHashMap<>(Placeholders.values(c, thresholds));
        values.put("server", serverUrl);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (String name : KitFiles.FILES) {
                byte[] content = KitFiles.read(name);
                if (name.equals(KitFiles.README)) {
                    content = Placeholders.fill(new String(content, StandardCharsets.UTF_8), values)
                            .getBytes(StandardCharsets.UTF_8);
                }
                put(zip, name, content);
            }
            put(zip, Bundle.SAMPLE_SUBMISSION, Files.readAllBytes(c.file(Bundle.SAMPLE_SUBMISSION)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}
