package org.holdout.threshold;

/** The two boards a score and a threshold's points belong to. */
public enum Board {
    PUBLIC, PRIVATE
}
