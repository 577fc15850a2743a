package org.holdout.rescore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.holdout.submission.SubmissionRepository;
import org.holdout.threshold.Threshold;

/**
 * The rules of a rescore: a score changes when its full-precision value differs (or appears or goes); a preview is
 * still current when the scores and thresholds it started from are unchanged, which a fingerprint of them tells.
 */
public final class RescoreRules {
    private RescoreRules() {
    }

    /** Equal at full precision, or both missing. */
    public static boolean same(Double a, Double b) {
        return Objects.equals(a, b);
    }

    /**
     * A fingerprint of every scored submission's id and AUCs and every threshold's name, scores, points and file:
     * equal fingerprints mean nothing was scored, rescored or retyped in between.
     */
    public static String basis(List<SubmissionRepository.Scores> scored, List<Threshold> thresholds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (SubmissionRepository.Scores s : scored.stream()
                .sorted(java.util.Comparator.comparingLong(SubmissionRepository.Scores::id)).toList()) {
            sb.append('s').append(s.id()).append(':').append(s.publicAuc()).append(':').append(s.privateAuc())
                    .append('\n');
        }
        for (Threshold t : thresholds) {
            sb.append('t').append(t.name()).append(':').append(t.publicScore()).append(':').append(t.privateScore())
                    .append(':').append(t.pointsPublic()).append(':').append(t.pointsPrivate()).append(':')
                    .append(t.source()).append(':').append(t.sha256()).append('\n');
        }
        return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether a threshold's scores are rescored: those that came from a file kept in the upload store. */
    public static boolean fromFile(Threshold t) {
        return t.sha256() != null && !Threshold.TYPED.equals(t.source());
    }
}
