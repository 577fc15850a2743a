package org.holdout.rescore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import org.holdout.leaderboard.Standing;
import org.holdout.leaderboard.StandingRules;
import org.holdout.submission.SubmissionRepository;
import org.holdout.threshold.Board;
import org.holdout.threshold.Points;
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
                .sorted(Comparator.comparingLong(SubmissionRepository.Scores::id)).toList()) {
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

    /**
     * Each student whose public or private score or rank, or points on either board, differ between the standings
     * with the current scores and with {@code newScores} (submissions not in it keep theirs), both computed by
     * {@link StandingRules#compute} from the same students, marks and exclusions; points by {@link Points} with the
     * thresholds before and after. In the order of the standings before (public rank, then the unranked).
     */
    public static List<RescorePreview.StudentChange> studentChanges(List<Long> students,
            List<StandingRules.Entry> scored, Map<Long, List<Long>> marked, Set<Long> excludedStudents, int k,
            Map<Long, RescorePreview.NewScore> newScores, List<Threshold> thresholdsBefore,
            List<Threshold> thresholdsAfter, LongFunction<Who> names) {
        List<StandingRules.Entry> rescored = scored.stream().map(e -> {
            RescorePreview.NewScore n = newScores.get(e.submissionId());
            return n == null ? e : new StandingRules.Entry(e.submissionId(), e.accountId(), n.publicAuc(),
                    n.privateAuc(), e.receivedMs(), e.late(), e.excluded());
        }).toList();
        List<Standing> before = StandingRules.compute(students, scored, marked, excludedStudents, k);
        Map<Long, Standing> after = new HashMap<>();
        for (Standing s : StandingRules.compute(students, rescored, marked, excludedStudents, k)) {
            after.put(s.accountId(), s);
        }
        List<RescorePreview.StudentChange> out = new ArrayList<>();
        for (Standing b : before) {
            RescorePreview.Side was = side(b, thresholdsBefore);
            RescorePreview.Side will = side(after.get(b.accountId()), thresholdsAfter);
            if (!was.equals(will)) {
                Who who = names.apply(b.accountId());
                out.add(new RescorePreview.StudentChange(b.accountId(), who.username(), who.displayName(), was,
                        will));
            }
        }
        return List.copyOf(out);
    }

    /** A student's username and display name, as the diff names them. */
    public record Who(String username, String displayName) {
    }

    private static RescorePreview.Side side(Standing s, List<Threshold> thresholds) {
        return new RescorePreview.Side(s.publicScore(), s.publicRank(), s.privateScore(), s.privateRank(),
                Points.on(Board.PUBLIC, s.publicScore(), thresholds),
                Points.on(Board.PRIVATE, s.privateScore(), thresholds));
    }

    /** Whether a threshold's scores are rescored: those that came from a file kept in the upload store. */
    public static boolean fromFile(Threshold t) {
        return t.sha256() != null && !Threshold.TYPED.equals(t.source());
    }
}
