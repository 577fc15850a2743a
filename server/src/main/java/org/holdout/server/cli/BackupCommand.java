package org.holdout.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.holdout.backup.Backup;
import org.holdout.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdout backup --out FILE}: the database, the upload store and the bundles in one zip. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = {
    "Writes the database, the uploaded files and every competition's bundle (with its solution: keep the file as"
        + " secret as the staff login) into one zip file.",
    "With the embedded H2 database, stop the server first; with PostgreSQL it can keep running."})
public class BackupCommand extends DatabaseCommand {
    static final String IN_USE_ADVICE = ". A backup of the embedded H2 database needs the server stopped: stop it"
            + " (Ctrl+C), run the backup, then start it again (with PostgreSQL, backups run while it serves).";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip to write; it must not"
            + " exist yet.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return withProgress("Backing up", IN_USE_ADVICE,
                e -> "the backup failed, nothing was written to " + out + ": " + e, (config, progress) -> {
            Backup.Summary s = Backup.write(config, out, progress, w -> err.println("warning: " + w));
            progress.close();
            long rows = s.rows().values().stream().mapToLong(Long::longValue).sum();
            stdout.println("Backed up " + rows + " rows in " + s.rows().size() + " tables (schema version "
                    + s.schemaVersion() + "), " + s.uploads() + " upload file(s) and " + s.bundleFiles()
                    + " bundle file(s) to " + s.file() + " (" + s.bytes() + " bytes).");
            if (!s.missingUploads().isEmpty()) {
                stdout.println(s.missingUploads().size() + " upload file(s) the database refers to were not in the"
                        + " upload store (refused uploads whose bytes were removed); the manifest lists them.");
            }
            stdout.println("The file holds every competition's answer key and the accounts' password hashes:"
                    + " keep it where only staff can read it.");
            return ExitCodes.OK;
        });
    }
}
