package org.holdout.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.holdout.backup.BackupException;
import org.holdout.backup.Restore;
import org.holdout.bundle.Progress;
import org.holdout.cli.ExitCodes;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout restore FILE}: a backup into an empty database and data folder. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {
    "Restores a file written by 'holdout backup' into an empty database (a new data folder, or an empty PostgreSQL"
        + " database) with its uploads and bundles.",
    "Every entry's SHA-256 is checked first; a database that is not empty is refused and left as it is."})
public class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup zip.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config = options.load(Map.of(), err);
        if (config == null) {
            return ExitCodes.INVALID_INPUT;
        }
        try (Progress progress = Progress.terminal("Restoring")) {
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
        } catch (Database.InUseException e) {
            err.println("error: " + e.getMessage() + "; stop it before restoring into this data folder.");
            return ExitCodes.INTERNAL;
        } catch (BackupException e) {
            err.println("error: " + e.getMessage());
            return exitCode(e);
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("error: the restore failed: " + e + "; restore again into a new data folder or an empty"
                    + " database");
            return ExitCodes.INTERNAL;
        } finally {
            err.flush();
        }
    }

    static int exitCode(BackupException e) {
        return e.kind() == BackupException.Kind.BAD_FILE ? ExitCodes.INVALID_INPUT : ExitCodes.REJECTED;
    }
}
