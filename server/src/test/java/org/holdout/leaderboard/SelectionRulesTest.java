package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.leaderboard.SelectionRules.Candidate;
import org.holdout.leaderboard.SelectionRules.Problem;
import org.junit.jupiter.api.Test;

class SelectionRulesTest {
    private static final Map<Long, Candidate> OWN = Map.of(
            1L, new Candidate(1, 7, true, false, null),
            2L, new Candidate(2, 7, true, false, null),
            3L, new Candidate(3, 7, false, false, null),
            4L, new Candidate(4, 7, true, true, null),
            5L, new Candidate(5, 7, true, false, "copied"));

    private static Problem problem(List<Long> ids, String studentExcluded, String closedAt) {
        return SelectionRules.check(ids, OWN, 2, studentExcluded, closedAt).orElseThrow();
    }

    @Test
    void upToKOwnScoredOnTimeNotExcludedOnesAreTakenAndAnEmptyListUnmarksAll() {
        assertThat(SelectionRules.check(List.of(1L, 2L), OWN, 2, null, null)).isEmpty();
        assertThat(SelectionRules.check(List.of(2L), OWN, 2, null, null)).isEmpty();
        assertThat(SelectionRules.check(List.of(), OWN, 2, null, null)).isEmpty();
    }

    @Test
    void eachRefusalNamesTheSubmissionAndTheProblem() {
        assertThat(problem(List.of(1L, 2L, 5L), null, null).status()).isEqualTo(400);
        assertThat(problem(List.of(1L, 2L, 5L), null, null).message())
                .isEqualTo("You may mark at most 2 submissions; you sent 3.");
        assertThat(problem(List.of(1L, 1L), null, null).message()).isEqualTo("Submission 1 is listed twice.");
        assertThat(problem(List.of(9L), null, null).message())
                .isEqualTo("Submission 9 is not one of your submissions in this competition.");
        assertThat(problem(List.of(3L), null, null).message()).startsWith("Submission 3 is not scored");
        assertThat(problem(List.of(4L), null, null).message()).startsWith("Submission 4 was late");
        assertThat(problem(List.of(5L), null, null).message())
                .isEqualTo("Submission 5 is excluded by staff (copied); it cannot count.");
        assertThat(problem(List.of(1L), null, "2026-06-01 23:59 GMT+8").status()).isEqualTo(403);
        assertThat(problem(List.of(1L), null, "2026-06-01 23:59 GMT+8").message())
                .isEqualTo("The deadline passed at 2026-06-01 23:59 GMT+8; the final selection can no longer change.");
        assertThat(problem(List.of(), "two accounts", null).status()).isEqualTo(403);
    }

    private static Standing standing(List<Long> finals, boolean marked) {
        return new Standing(7, null, null, null, finals, marked, null, null, null, null, finals.size(), false, false);
    }

    @Test
    void theSentenceSaysWhichCountAndWhy() {
        assertThat(SelectionRules.why(List.of(), standing(List.of(1L, 2L), false), null))
                .isEqualTo("None marked: your 2 best public ones count.");
        assertThat(SelectionRules.why(List.of(), standing(List.of(1L), false), null))
                .isEqualTo("None marked: your best public one counts.");
        assertThat(SelectionRules.why(List.of(2L), standing(List.of(2L), true), null))
                .isEqualTo("You marked 1: it counts for the private leaderboard.");
        assertThat(SelectionRules.why(List.of(1L, 2L), standing(List.of(1L, 2L), true), null))
                .isEqualTo("You marked 2: they count for the private leaderboard.");
        assertThat(SelectionRules.why(List.of(1L, 5L), standing(List.of(1L), true), null))
                .isEqualTo("You marked 2; 1 of them cannot count (excluded, late, or beyond the number allowed), so 1"
                        + " counts.");
        assertThat(SelectionRules.why(List.of(5L), standing(List.of(1L, 2L), false), null))
                .isEqualTo("None of the submissions you marked can count (excluded or late), so your 2 best public"
                        + " ones count.");
        assertThat(SelectionRules.why(List.of(), standing(List.of(), false), null)).startsWith("Nothing counts yet");
        assertThat(SelectionRules.why(List.of(1L), standing(List.of(), false), "two accounts"))
                .isEqualTo("Your account is excluded from this competition (two accounts): none of your submissions"
                        + " counts.");
    }

    @Test
    void theSentenceReadsTheSameFromTheMessagesInEnglishAndIsTranslated() {
        List<List<Long>> marks = List.of(List.of(), List.of(2L), List.of(1L, 2L), List.of(1L, 5L), List.of(5L),
                List.of(1L, 2L, 5L));
        List<List<Long>> finals = List.of(List.of(), List.of(1L), List.of(1L, 2L));
        for (List<Long> marked : marks) {
            for (List<Long> f : finals) {
                for (boolean own : new boolean[] {false, true}) {
                    for (String excluded : new String[] {null, "two accounts"}) {
                        Standing s = standing(f, own);
                        SelectionRules.Sentence w = SelectionRules.whySentence(marked, s, excluded);
                        Object[] args = w.args().toArray();
                        assertThat(org.holdout.web.Messages.text(Locale.ENGLISH, w.key(), args))
                                .as(marked + " " + f + " " + own).isEqualTo(SelectionRules.why(marked, s, excluded));
                        assertThat(org.holdout.web.Messages.text(Locale.forLanguageTag("zh-TW"), w.key(), args))
                                .as(w.key()).containsPattern("[\\u4e00-\\u9fff]");
                    }
                }
            }
        }
    }

    @Test
    void eachRefusalReadsTheSameFromTheMessagesInEnglishAndIsTranslated() {
        List<Problem> problems = List.of(problem(List.of(1L, 2L, 5L), null, null), problem(List.of(1L, 1L), null, null),
                problem(List.of(9L), null, null), problem(List.of(3L), null, null), problem(List.of(4L), null, null),
                problem(List.of(5L), null, null), problem(List.of(1L), null, "2026-06-01 23:59 GMT+8"),
                problem(List.of(), "two accounts", null),
                SelectionRules.check(List.of(1L, 2L), OWN, 1, null, null).orElseThrow());
        for (Problem p : problems) {
            Object[] args = p.sentence().args().toArray();
            assertThat(org.holdout.web.Messages.text(Locale.ENGLISH, p.sentence().key(), args)).isEqualTo(p.message());
            assertThat(org.holdout.web.Messages.text(Locale.forLanguageTag("zh-TW"), p.sentence().key(), args))
                    .as(p.sentence().key()).containsPattern("[\\u4e00-\\u9fff]");
        }
    }
}
