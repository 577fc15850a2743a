package org.holdout.competition;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.Progress;
import org.holdout.floors.CalibrationFloors;
import org.holdout.floors.CalibrationFloors.Floor;
import org.holdout.npy.Npy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each competition's calibration floors, computed once on one low-priority thread (one competition at a time) and
 * kept as {@value #FILE} in its bundle folder, which is never served, so a restart reads them instead of computing
 * them again. Floors are scored against the hidden labels: staff only.
 */
public final class FloorsCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloorsCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "floors.json";

    /** What staff see of one competition's floors. */
    public sealed interface State {
    }

    public record Computing() implements State {
    }

    public record Done(List<Floor> floors) implements State {
    }

    public record Failed(String message) implements State {
    }

    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "calibration-floors");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** Reads each competition's {@value #FILE}, or queues its computation when there is none (or it is unreadable). */
    public void start(List<Competition> competitions) {
        competitions.forEach(this::state);
    }

    public State state(Competition c) {
        return states.computeIfAbsent(c.id(), id -> {
            Path file = c.file(FILE);
            if (Files.isRegularFile(file)) {
                try {
                    return new Done(JSON.readValue(file.toFile(), new TypeReference<List<Floor>>() { }));
                } catch (IOException e) {
                    LOG.warn("{} is unreadable; computing the floors of {} again", file, c.slug(), e);
                }
            }
            worker.submit(() -> compute(c));
            return new Computing();
        });
    }

    private void compute(Competition c) {
        long started = System.nanoTime();
        try {
            List<Floor> floors = CalibrationFloors.compute(Npy.readUInt8(c.file(Bundle.TRAIN)),
                    Npy.readUInt8(c.file(Bundle.TEST)), c.file(Bundle.SOLUTION), Progress.NONE);
            Path tmp = c.file(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), floors);
            Files.move(tmp, c.file(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            states.put(c.id(), new Done(floors));
            LOG.info("calibration floors of {} computed in {} s", c.slug(), (System.nanoTime() - started) / 1_000_000_000);
        } catch (ClosedByInterruptException e) {
            LOG.info("calibration floors of {} stopped: the server is closing", c.slug());
        } catch (Exception | OutOfMemoryError e) {
            LOG.error("calibration floors of {} failed", c.slug(), e);
            states.put(c.id(), new Failed(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
