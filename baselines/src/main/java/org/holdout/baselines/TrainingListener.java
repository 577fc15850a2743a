package org.holdout.baselines;

/** Receives training progress (the CLI draws a progress bar, the server shows it to staff). */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = (tier, epoch, epochs, loss, secondsLeft) -> { };

    /** Called after each epoch; {@code secondsLeft} is an estimate, negative when unknown. */
    void epochDone(Tier tier, int epoch, int epochs, double loss, double secondsLeft);
}
