package org.holdout.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Both boards and the final selection from one snapshot of a competition, exactly as DESIGN.md "Limits, deadlines,
 * boards" defines them: the public score is the best public score among a student's scored, non-excluded, on-time
 * submissions (ties to the earlier); the final selection is what the student marked less excluded and late ones, or
 * with none (left) their K best public ones; the private score is the best private score in the final selection.
 * Excluded students have no score and no rank on either board.
 */
public final class StandingRules {
    /**
     * One scored submission: its scores (null where the scorer gave none), when it arrived, whether it came after the
     * deadline ({@code late}) and whether staff excluded it (the submission itself; a whole student's exclusion is
     * passed apart).
     */
    public record Entry(long submissionId, long accountId, Double publicAuc, Double privateAuc, long receivedMs,
                        boolean late, boolean excluded) {
        /** Whether it may count on a board: neither late nor excluded. */
        public boolean counts() {
            return !late && !excluded;
        }
    }

    /** Higher public score first (none last), ties to the earlier submission. */
    public static final Comparator<Entry> PUBLIC_ORDER = RankingRules.bestFirst(
            e -> e.publicAuc() == null ? Double.NEGATIVE_INFINITY : e.publicAuc(), Entry::receivedMs,
            Entry::submissionId);
    /** Higher private score first (none last), ties to the earlier submission. */
    public static final Comparator<Entry> PRIVATE_ORDER = RankingRules.bestFirst(
            e -> e.privateAuc() == null ? Double.NEGATIVE_INFINITY : e.privateAuc(), Entry::receivedMs,
            Entry::submissionId);

    private StandingRules() {
    }

    /**
     * Every student's standing.
     *
     * @param students         the students to rank, each once (entries of other accounts are ignored)
     * @param scored           every scored submission of the competition, late and excluded ones included
     * @param marked           each student's marked submission ids (absent or empty: none marked)
     * @param excludedStudents students excluded as a whole
     * @param k                how many submissions count when none are marked (and at most how many marked ones)
     * @return one standing per student: the publicly ranked ones by public rank, then the others in {@code students}
     *         order
     */
    public static List<Standing> compute(List<Long> students, List<Entry> scored, Map<Long, List<Long>> marked,
                                         Set<Long> excludedStudents, int k) {
        Map<Long, List<Entry>> byStudent = new HashMap<>();
        for (Entry e : scored) {
            byStudent.computeIfAbsent(e.accountId(), a -> new ArrayList<>()).add(e);
        }
        Set<Long> order = new LinkedHashSet<>(students);
        Map<Long, Entry> bestPublic = new HashMap<>();
        Map<Long, Entry> bestPrivate = new HashMap<>();
        Map<Long, List<Entry>> finals = new HashMap<>();
        Map<Long, Boolean> ownMarks = new HashMap<>();
        for (long student : order) {
            if (excludedStudents.contains(student)) {
                continue;
            }
            List<Entry> counting = byStudent.getOrDefault(student, List.of()).stream().filter(Entry::counts).toList();
            List<Entry> withPublic = counting.stream().filter(e -> e.publicAuc() != null).toList();
            RankingRules.best(withPublic, PUBLIC_ORDER).ifPresent(e -> bestPublic.put(student, e));
            Set<Long> markedIds = new HashSet<>(marked.getOrDefault(student, List.of()));
            List<Entry> markedLeft = counting.stream().filter(e -> markedIds.contains(e.submissionId())).toList();
            List<Entry> selection = RankingRules.finalSelection(markedLeft, withPublic, k, PUBLIC_ORDER);
            finals.put(student, selection);
            ownMarks.put(student, !markedLeft.isEmpty());
            RankingRules.best(selection.stream().filter(e -> e.privateAuc() != null).toList(), PRIVATE_ORDER)
                    .ifPresent(e -> bestPrivate.put(student, e));
        }
        Map<Long, Integer> publicRank = ranks(bestPublic, PUBLIC_ORDER);
        Map<Long, Integer> privateRank = ranks(bestPrivate, PRIVATE_ORDER);
        List<Standing> out = new ArrayList<>(order.size());
        for (long student : order) {
            List<Entry> all = byStudent.getOrDefault(student, List.of());
            Entry pub = bestPublic.get(student);
            Entry priv = bestPrivate.get(student);
            Integer pr = publicRank.get(student);
            Integer vr = privateRank.get(student);
            out.add(new Standing(student, pub == null ? null : pub.submissionId(), pub == null ? null : pub.publicAuc(),
                    pr, finals.getOrDefault(student, List.of()).stream().map(Entry::submissionId).toList(),
                    ownMarks.getOrDefault(student, false), priv == null ? null : priv.submissionId(),
                    priv == null ? null : priv.privateAuc(), vr, pr == null || vr == null ? null : pr - vr, all.size(),
                    all.stream().anyMatch(Entry::late),
                    excludedStudents.contains(student) || all.stream().anyMatch(Entry::excluded)));
        }
        out.sort(Comparator.comparing(Standing::publicRank, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(out);
    }

    /** The students with a public score, best first. */
    public static List<Standing> publicBoard(List<Standing> standings) {
        return standings.stream().filter(s -> s.publicRank() != null)
                .sorted(Comparator.comparing(Standing::publicRank)).toList();
    }

    /** The students with a private score, best first. */
    public static List<Standing> privateBoard(List<Standing> standings) {
        return standings.stream().filter(s -> s.privateRank() != null)
                .sorted(Comparator.comparing(Standing::privateRank)).toList();
    }

    /** 1, 2, … by {@code order} of each student's entry; ties are already broken by the earlier submission. */
    private static Map<Long, Integer> ranks(Map<Long, Entry> best, Comparator<Entry> order) {
        List<Entry> ranked = new ArrayList<>(best.values());
        ranked.sort(order);
        Map<Long, Integer> out = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            out.put(ranked.get(i).accountId(), i + 1);
        }
        return out;
    }
}
