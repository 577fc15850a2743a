package org.holdout.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * How boards rank (DESIGN.md "Limits, deadlines, boards"): the higher score first, and of equal scores the earlier
 * submission (then the lower id, so the order is total); a threshold row stands below every student whose score is
 * at least its own. The final selection: what the student marked, or with none marked their K best public ones.
 */
public final class RankingRules {
    private RankingRules() {
    }

    /** Higher {@code score} first; ties to the earlier {@code receivedMs}, then the lower {@code id}. */
    public static <T> Comparator<T> bestFirst(ToDoubleFunction<T> score, ToLongFunction<T> receivedMs,
                                              ToLongFunction<T> id) {
        return Comparator.<T>comparingDouble(t -> -score.applyAsDouble(t)).thenComparingLong(receivedMs)
                .thenComparingLong(id);
    }

    /** Where a threshold with {@code score} goes among rows already ranked best first: after every one it does not beat. */
    public static <T> int thresholdPosition(List<T> ranked, Function<T, Double> scoreOf, double score) {
        int at = 0;
        while (at < ranked.size() && scoreOf.apply(ranked.get(at)) >= score) {
            at++;
        }
        return at;
    }

    /**
     * The submissions that count for the private board: the {@code marked} ones if any, else the {@code k} first of
     * {@code scored}, both by {@code publicOrder} (best public first, ties to the earlier); of more than {@code k}
     * marked ones (K was lowered after they were marked) the {@code k} first count.
     */
    public static <T> List<T> finalSelection(List<T> marked, List<T> scored, int k, Comparator<T> publicOrder) {
        List<T> sorted = new ArrayList<>(marked.isEmpty() ? scored : marked);
        sorted.sort(publicOrder);
        return List.copyOf(sorted.subList(0, Math.min(k, sorted.size())));
    }

    /** The entry a student is ranked by on a board: the first of {@code entries} in {@code order}. */
    public static <T> Optional<T> best(List<T> entries, Comparator<T> order) {
        return entries.stream().min(order);
    }
}
