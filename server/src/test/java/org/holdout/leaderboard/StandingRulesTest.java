package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.holdout.leaderboard.StandingRules.Entry;
import org.junit.jupiter.api.Test;

class StandingRulesTest {
    private static final long ANN = 1;
    private static final long BOB = 2;
    private static final long CAT = 3;
    private static final long DAN = 4;

    private static Entry on(long id, long student, double pub, double priv, long receivedMs) {
        return new Entry(id, student, pub, priv, receivedMs, false, false);
    }

    private static Entry late(long id, long student, double pub, double priv, long receivedMs) {
        return new Entry(id, student, pub, priv, receivedMs, true, false);
    }

    private static Entry excluded(long id, long student, double pub, double priv, long receivedMs) {
        return new Entry(id, student, pub, priv, receivedMs, false, true);
    }

    private static Standing of(List<Standing> all, long student) {
        return all.stream().filter(s -> s.accountId() == student).findFirst().orElseThrow();
    }

    @Test
    void noneMarkedTheKBestPublicCountAndThePrivateBoardRanksTheirBestPrivate() {
        // Ann overfits the public part: her best public (11) is poor in private; her second best (12) is robust.
        // Bob's best public (21) is also his best private.
        List<Entry> scored = List.of(on(11, ANN, 0.95, 0.70, 100), on(12, ANN, 0.90, 0.92, 200),
                on(13, ANN, 0.80, 0.99, 300), on(21, BOB, 0.93, 0.91, 150), on(22, BOB, 0.60, 0.60, 160));
        List<Standing> s = StandingRules.compute(List.of(BOB, ANN), scored, Map.of(), Set.of(), 2);

        assertThat(s).extracting(Standing::accountId).containsExactly(ANN, BOB);
        Standing ann = of(s, ANN);
        assertThat(ann.bestPublicSubmission()).isEqualTo(11L);
        assertThat(ann.publicScore()).isEqualTo(0.95);
        assertThat(ann.publicRank()).isEqualTo(1);
        assertThat(ann.finalSubmissions()).containsExactly(11L, 12L);
        assertThat(ann.selectionMarked()).isFalse();
        assertThat(ann.bestPrivateSubmission()).isEqualTo(12L);
        assertThat(ann.privateScore()).isEqualTo(0.92);
        assertThat(ann.privateRank()).isEqualTo(1);
        assertThat(ann.rankShift()).isZero();
        assertThat(ann.scoredSubmissions()).isEqualTo(3);
        assertThat(ann.late()).isFalse();
        assertThat(ann.excluded()).isFalse();

        Standing bob = of(s, BOB);
        assertThat(bob.publicRank()).isEqualTo(2);
        assertThat(bob.finalSubmissions()).containsExactly(21L, 22L);
        assertThat(bob.privateScore()).isEqualTo(0.91);
        assertThat(bob.privateRank()).isEqualTo(2);
        assertThat(bob.rankShift()).isZero();
    }

    @Test
    void theMarkedOnesCountEvenWhenWorseInPublicAndTheShiftIsPublicMinusPrivate() {
        List<Entry> scored = List.of(on(11, ANN, 0.95, 0.70, 100), on(12, ANN, 0.90, 0.80, 200),
                on(13, ANN, 0.60, 0.99, 300), on(21, BOB, 0.93, 0.91, 150));
        List<Standing> s = StandingRules.compute(List.of(ANN, BOB), scored, Map.of(ANN, List.of(11L, 12L)), Set.of(),
                2);
        assertThat(of(s, ANN).finalSubmissions()).containsExactly(11L, 12L);
        assertThat(of(s, ANN).selectionMarked()).isTrue();
        assertThat(of(s, ANN).privateScore()).isEqualTo(0.80);
        assertThat(of(s, ANN).privateRank()).isEqualTo(2);
        assertThat(of(s, ANN).rankShift()).isEqualTo(-1);
        assertThat(of(s, BOB).rankShift()).isEqualTo(1);

        List<Standing> robust = StandingRules.compute(List.of(ANN, BOB), scored, Map.of(ANN, List.of(13L)),
                Set.of(), 2);
        assertThat(of(robust, ANN).finalSubmissions()).containsExactly(13L);
        assertThat(of(robust, ANN).bestPrivateSubmission()).isEqualTo(13L);
        assertThat(of(robust, ANN).privateRank()).isEqualTo(1);
        assertThat(of(robust, ANN).publicRank()).isEqualTo(1);
        assertThat(StandingRules.privateBoard(robust)).extracting(Standing::accountId).containsExactly(ANN, BOB);
    }

    @Test
    void tiesGoToTheEarlierSubmissionOnBothBoards() {
        List<Entry> scored = List.of(on(31, CAT, 0.90, 0.85, 500), on(11, ANN, 0.90, 0.85, 400),
                on(21, BOB, 0.90, 0.85, 400), on(12, ANN, 0.90, 0.85, 450));
        List<Standing> s = StandingRules.compute(List.of(CAT, BOB, ANN), scored, Map.of(), Set.of(), 1);
        // Ann and Bob uploaded at 400: the lower id (11) goes first; Cat's 500 is last.
        assertThat(StandingRules.publicBoard(s)).extracting(Standing::accountId).containsExactly(ANN, BOB, CAT);
        assertThat(StandingRules.privateBoard(s)).extracting(Standing::accountId).containsExactly(ANN, BOB, CAT);
        assertThat(of(s, ANN).bestPublicSubmission()).isEqualTo(11L);
        assertThat(of(s, ANN).finalSubmissions()).containsExactly(11L);

        List<Entry> sameStudent = List.of(on(12, ANN, 0.9, 0.5, 200), on(11, ANN, 0.9, 0.6, 300),
                on(13, ANN, 0.9, 0.7, 100));
        Standing ann = StandingRules.compute(List.of(ANN), sameStudent, Map.of(), Set.of(), 2).get(0);
        assertThat(ann.bestPublicSubmission()).isEqualTo(13L);
        assertThat(ann.finalSubmissions()).containsExactly(13L, 12L);
        assertThat(ann.privateScore()).isEqualTo(0.7);
    }

    @Test
    void aMarkedSubmissionExcludedLaterDropsOutAndWithNoneLeftTheKBestPublicCount() {
        List<Entry> scored = List.of(excluded(11, ANN, 0.99, 0.99, 100), on(12, ANN, 0.90, 0.80, 200),
                on(13, ANN, 0.85, 0.90, 300), on(14, ANN, 0.70, 0.95, 400));
        Standing partly = StandingRules.compute(List.of(ANN), scored, Map.of(ANN, List.of(11L, 14L)), Set.of(), 2)
                .get(0);
        assertThat(partly.finalSubmissions()).containsExactly(14L);
        assertThat(partly.selectionMarked()).isTrue();
        assertThat(partly.privateScore()).isEqualTo(0.95);
        assertThat(partly.bestPublicSubmission()).isEqualTo(12L);
        assertThat(partly.publicScore()).isEqualTo(0.90);
        assertThat(partly.excluded()).isTrue();
        assertThat(partly.scoredSubmissions()).isEqualTo(4);

        Standing noneLeft = StandingRules.compute(List.of(ANN), scored, Map.of(ANN, List.of(11L)), Set.of(), 2)
                .get(0);
        assertThat(noneLeft.selectionMarked()).isFalse();
        assertThat(noneLeft.finalSubmissions()).containsExactly(12L, 13L);
        assertThat(noneLeft.bestPrivateSubmission()).isEqualTo(13L);
        assertThat(noneLeft.privateScore()).isEqualTo(0.90);
    }

    @Test
    void aLateSubmissionNeverCountsButIsCountedAndFlagged() {
        List<Entry> scored = List.of(on(11, ANN, 0.70, 0.70, 100), late(12, ANN, 0.99, 0.99, 900),
                on(21, BOB, 0.80, 0.80, 100));
        List<Standing> s = StandingRules.compute(List.of(ANN, BOB), scored, Map.of(ANN, List.of(12L)), Set.of(), 2);
        Standing ann = of(s, ANN);
        assertThat(ann.bestPublicSubmission()).isEqualTo(11L);
        assertThat(ann.publicRank()).isEqualTo(2);
        assertThat(ann.finalSubmissions()).containsExactly(11L);
        assertThat(ann.selectionMarked()).isFalse();
        assertThat(ann.privateScore()).isEqualTo(0.70);
        assertThat(ann.late()).isTrue();
        assertThat(ann.excluded()).isFalse();
        assertThat(ann.scoredSubmissions()).isEqualTo(2);
        assertThat(of(s, BOB).late()).isFalse();

        Standing onlyLate = StandingRules.compute(List.of(CAT), List.of(late(31, CAT, 0.9, 0.9, 1)), Map.of(),
                Set.of(), 2).get(0);
        assertThat(onlyLate.publicScore()).isNull();
        assertThat(onlyLate.publicRank()).isNull();
        assertThat(onlyLate.finalSubmissions()).isEmpty();
        assertThat(onlyLate.privateRank()).isNull();
        assertThat(onlyLate.late()).isTrue();
        assertThat(onlyLate.scoredSubmissions()).isEqualTo(1);
    }

    @Test
    void anExcludedStudentHasNoScoreNoRankAndTheOthersMoveUp() {
        List<Entry> scored = List.of(on(11, ANN, 0.99, 0.99, 100), on(12, ANN, 0.98, 0.98, 110),
                on(21, BOB, 0.80, 0.70, 100), on(31, CAT, 0.70, 0.80, 100));
        List<Standing> s = StandingRules.compute(List.of(ANN, BOB, CAT, DAN), scored, Map.of(ANN, List.of(11L)),
                Set.of(ANN), 2);
        Standing ann = of(s, ANN);
        assertThat(ann.publicScore()).isNull();
        assertThat(ann.publicRank()).isNull();
        assertThat(ann.bestPublicSubmission()).isNull();
        assertThat(ann.finalSubmissions()).isEmpty();
        assertThat(ann.selectionMarked()).isFalse();
        assertThat(ann.privateScore()).isNull();
        assertThat(ann.privateRank()).isNull();
        assertThat(ann.rankShift()).isNull();
        assertThat(ann.excluded()).isTrue();
        assertThat(ann.scoredSubmissions()).isEqualTo(2);
        assertThat(of(s, BOB).publicRank()).isEqualTo(1);
        assertThat(of(s, BOB).privateRank()).isEqualTo(2);
        assertThat(of(s, BOB).rankShift()).isEqualTo(-1);
        assertThat(of(s, CAT).rankShift()).isEqualTo(1);
        // Dan never uploaded: a standing without scores; the ranked come first, then the rest in the given order.
        assertThat(of(s, DAN).scoredSubmissions()).isZero();
        assertThat(of(s, DAN).publicRank()).isNull();
        assertThat(s).extracting(Standing::accountId).containsExactly(BOB, CAT, ANN, DAN);
        assertThat(StandingRules.publicBoard(s)).extracting(Standing::accountId).containsExactly(BOB, CAT);
    }

    @Test
    void kLargerThanTheSubmissionsTakesThemAllAndMoreMarkedThanKKeepTheKBestPublic() {
        List<Entry> scored = List.of(on(11, ANN, 0.6, 0.9, 100), on(12, ANN, 0.7, 0.5, 200));
        Standing all = StandingRules.compute(List.of(ANN), scored, Map.of(), Set.of(), 5).get(0);
        assertThat(all.finalSubmissions()).containsExactly(12L, 11L);
        assertThat(all.privateScore()).isEqualTo(0.9);

        // K lowered to 1 after two were marked: the better public one of the two counts.
        Standing lowered = StandingRules.compute(List.of(ANN), scored, Map.of(ANN, List.of(11L, 12L)), Set.of(), 1)
                .get(0);
        assertThat(lowered.finalSubmissions()).containsExactly(12L);
        assertThat(lowered.privateScore()).isEqualTo(0.5);
    }

    @Test
    void marksOfAnotherStudentsOrUnscoredSubmissionsAreIgnoredAndMissingScoresRankNowhere() {
        List<Entry> scored = List.of(on(11, ANN, 0.8, 0.8, 100), on(21, BOB, 0.9, 0.9, 100),
                new Entry(12, ANN, null, 0.99, 200, false, false), new Entry(13, ANN, 0.95, null, 300, false, false));
        Standing ann = StandingRules.compute(List.of(ANN, BOB), scored, Map.of(ANN, List.of(21L, 99L)), Set.of(), 2)
                .stream().filter(s -> s.accountId() == ANN).findFirst().orElseThrow();
        assertThat(ann.selectionMarked()).isFalse();
        assertThat(ann.bestPublicSubmission()).isEqualTo(13L);
        assertThat(ann.finalSubmissions()).containsExactly(13L, 11L);
        assertThat(ann.bestPrivateSubmission()).isEqualTo(11L);
        assertThat(ann.privateRank()).isEqualTo(2);

        Standing markedNoPublic = StandingRules.compute(List.of(ANN), scored, Map.of(ANN, List.of(12L)), Set.of(), 2)
                .get(0);
        assertThat(markedNoPublic.finalSubmissions()).containsExactly(12L);
        assertThat(markedNoPublic.privateScore()).isEqualTo(0.99);
    }
}
