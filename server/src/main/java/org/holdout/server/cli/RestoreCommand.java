package org.holdout.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.holdout.backup.Restore;
import org.holdout.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code holdout restore FILE}: a backup into an empty database and data folder. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {
    "Restores a file written by 'holdout backup' into an empty database (a new data folder, or an empty PostgreSQL"
        + " database) with its uploads and bundles.",
    "Every entry's SHA-256 is checked first; a database that is not empty is refused and left as it is."})
public class RestoreCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup zip.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return withProgress("Restoring", "; stop it before restoring into this data folder.",
                e -> "the restore failed: " + e + "; restore again into a new data folder or an empty database",
                (config, progress) -> {
            Restore.Summary s = Restore.run(config, file, progress, w -> err.println("warning: " + w));
            progress.close();
            long rows = s.rows().values().stream().mapToLong(Long::longValue).sum();
            stdout.println("Restored " + rows + " rows in " + s.rows().size() + " tables (schema version "
                    + s.schemaVersion() + ", migrated to this build's), " + s.uploads() + " upload file(s) into "
                    + config.uploadDir() + " and " + s.bundles().size() + " competition bundle(s) into "
                    + config.dataDir().resolve("competitions") + ".");
            if (!s.missingUploads().isEmpty()) {
                stdout.println(s.missingUploads().size() + " upload file(s) were already missing when the backup was"
                        + " made; their submissions are kept without their files.");
            }
            return ExitCodes.OK;
        });
    }
}
