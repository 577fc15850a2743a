package org.holdout.bundle;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long build, in work units (bytes). {@link #NONE} shows nothing; {@link #terminal} draws a bar on
 * stderr, only when stderr is a terminal and only once the work has taken more than a second.
 */
public interface Progress extends AutoCloseable {

    Progress NONE = new Progress() {
        @Override
        public void add(long units) {
        }

        @Override
        public void expect(long units) {
        }

        @Override
        public void close() {
        }
    };

    /** Records {@code units} of work done. */
    void add(long units);

    /** Raises the expected total by {@code units}. */
    void expect(long units);

    @Override
    void close();

    /** A bar titled {@code task} on stderr when there is a terminal, else {@link #NONE}. */
    static Progress terminal(String task) {
        return System.console() == null ? NONE : new Delayed(task, System.err, 1000);
    }

    /** Starts drawing only after {@code delayMillis}, so quick builds print nothing. */
    final class Delayed implements Progress {
        private final String task;
        private final PrintStream out;
        private final long showAfter;
        private long done;
        private long total;
        private ProgressBar bar;

        Delayed(String task, PrintStream out, long delayMillis) {
            this.task = task;
            this.out = out;
            this.showAfter = System.nanoTime() + delayMillis * 1_000_000;
        }

        @Override
        public synchronized void add(long units) {
            done += units;
            if (bar == null && System.nanoTime() > showAfter) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" MB", 1 << 20).showSpeed().setConsumer(new ConsoleProgressBarConsumer(out)).build();
            }
            if (bar != null) {
                bar.maxHint(Math.max(total, done));
                bar.stepTo(done);
            }
        }

        @Override
        public synchronized void expect(long units) {
            total += units;
            if (bar != null) bar.maxHint(total);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
            done = Long.MIN_VALUE / 2;
        }
    }
}
