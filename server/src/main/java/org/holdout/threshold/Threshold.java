package org.holdout.threshold;

import java.time.Instant;
import java.util.List;

/**
 * A grade threshold of one competition: its scores on the public and the private board (null until set; the private
 * one is staff-only until the reveal), the points for passing it on each board, where the scores came from
 * ({@link #TRAINED}, {@link #UPLOADED}, {@link #TYPED}, or null before they were set), the SHA-256 of an uploaded or
 * trained file in the upload store, and its place among the competition's thresholds.
 */
public record Threshold(String name, Double publicScore, Double privateScore, double pointsPublic,
                        double pointsPrivate, String source, String sha256, int order, Instant updated) {
    public static final String TRAINED = "trained";
    public static final String UPLOADED = "uploaded";
    public static final String TYPED = "typed";

    /** The thresholds every competition starts with: the four reference baselines and the course's points. */
    public static final List<Default> DEFAULTS = List.of(new Default("simple", 1), new Default("medium", 1),
            new Default("strong", 0.5), new Default("boss", 0.5));

    public record Default(String name, double points) {
    }

    /** The points a new threshold called {@code name} gets when none are given: a default's, else none. */
    public static double defaultPoints(String name) {
        return DEFAULTS.stream().filter(d -> d.name().equals(name)).mapToDouble(Default::points).findFirst()
                .orElse(0);
    }

    public Double score(Board board) {
        return board == Board.PUBLIC ? publicScore : privateScore;
    }

    public double points(Board board) {
        return board == Board.PUBLIC ? pointsPublic : pointsPrivate;
    }

    Threshold withScores(Double pub, Double priv, String newSource, String newSha256, Instant at) {
        return new Threshold(name, pub, priv, pointsPublic, pointsPrivate, newSource, newSha256, order, at);
    }

    Threshold withPoints(double pub, double priv, Instant at) {
        return new Threshold(name, publicScore, privateScore, pub, priv, source, sha256, order, at);
    }
}
