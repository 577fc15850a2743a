package org.holdout.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.holdout.backup.BackupException;
import org.holdout.bundle.Progress;
import org.holdout.cli.ExitCodes;
import org.holdout.config.ServerConfig;
import org.holdout.db.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that loads the server's configuration ({@link ConfigOptions}) and works on its database, saying the same
 * way why it cannot: a configuration that does not load, or an embedded database the running server holds.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    /** What a command does with the configuration and the open database; returns the exit code. */
    interface ConfiguredWork {
        int run(ServerConfig config, Database db) throws IOException;
    }

    /** What a backup or a restore does with the configuration and its progress bar; returns the exit code. */
    interface ProgressWork {
        int run(ServerConfig config, Progress progress) throws IOException, SQLException, BackupException;
    }

    /**
     * Loads the config and runs {@code work} on the database, or says why it cannot be opened: when the server holds
     * it, the message ends with {@code inUseAdvice}.
     */
    int withDatabase(String inUseAdvice, ConfiguredWork work) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config = options.load(Map.of(), err);
        if (config == null) {
            return ExitCodes.INVALID_INPUT;
        }
        try (Database db = Database.open(config.database())) {
            return work.run(config, db);
        } catch (Database.InUseException e) {
            return inUse(err, e, inUseAdvice);
        }
    }

    /**
     * Loads the config and runs {@code work} under a progress bar named {@code task}, or says why it failed: a
     * database the server holds (ending with {@code inUseAdvice}), a refused backup file, else {@code failed}'s words.
     */
    int withProgress(String task, String inUseAdvice, Function<Exception, String> failed, ProgressWork work) {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config = options.load(Map.of(), err);
        if (config == null) {
            return ExitCodes.INVALID_INPUT;
        }
        try (Progress progress = Progress.terminal(task)) {
            return work.run(config, progress);
        } catch (Database.InUseException e) {
            return inUse(err, e, inUseAdvice);
        } catch (BackupException e) {
            err.println("error: " + e.getMessage());
            return exitCode(e);
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("error: " + failed.apply(e));
            return ExitCodes.INTERNAL;
        } finally {
            err.flush();
        }
    }

    static int exitCode(BackupException e) {
        return e.kind() == BackupException.Kind.BAD_FILE ? ExitCodes.INVALID_INPUT : ExitCodes.REJECTED;
    }

    private static int inUse(PrintWriter err, Database.InUseException e, String inUseAdvice) {
        err.println("error: " + e.getMessage() + inUseAdvice);
        return ExitCodes.INTERNAL;
    }
}
