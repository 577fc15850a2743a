package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.holdout.web.ByteRanges.Answer;
import org.holdout.web.ByteRanges.Kind;
import org.junit.jupiter.api.Test;

/** The Range rules of RFC 9110 section 14 for a file of 1000 bytes. */
class ByteRangesTest {
    private static final String TAG = "\"abc\"";
    private static final String DATE = "Mon, 07 Dec 2026 03:00:00 GMT";

    private static Answer get(String range) {
        return ByteRanges.answer(true, range, null, 1000, TAG, DATE);
    }

    @Test
    void oneRangeIsThatPart() {
        assertThat(get("bytes=0-99")).isEqualTo(new Answer(Kind.PART, 0, 99, 1000));
        assertThat(get("bytes=0-99").contentRange()).isEqualTo("bytes 0-99/1000");
        assertThat(get("bytes=0-99").length()).isEqualTo(100);
        assertThat(get("bytes=500-")).isEqualTo(new Answer(Kind.PART, 500, 999, 1000));
        assertThat(get("bytes=999-999")).isEqualTo(new Answer(Kind.PART, 999, 999, 1000));
        assertThat(get("BYTES = 10-19")).isEqualTo(new Answer(Kind.PART, 10, 19, 1000));
    }

    @Test
    void aLastBytePastTheEndStopsAtTheEnd() {
        assertThat(get("bytes=900-5000")).isEqualTo(new Answer(Kind.PART, 900, 999, 1000));
        assertThat(get("bytes=0-99999999999999999999999")).isEqualTo(new Answer(Kind.PART, 0, 999, 1000));
    }

    @Test
    void aSuffixIsTheLastBytes() {
        assertThat(get("bytes=-10")).isEqualTo(new Answer(Kind.PART, 990, 999, 1000));
        assertThat(get("bytes=-5000")).isEqualTo(new Answer(Kind.PART, 0, 999, 1000));
    }

    @Test
    void aRangeStartingPastTheEndIsUnsatisfiable() {
        assertThat(get("bytes=1000-").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(get("bytes=1000-").contentRange()).isEqualTo("bytes */1000");
        assertThat(get("bytes=5000-6000").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(get("bytes=-0").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(get("bytes=99999999999999999999-").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.answer(true, "bytes=0-", null, 0, TAG, null).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.answer(true, "bytes=-1", null, 0, TAG, null).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void whatCannotBeReadOrIsNotOneRangeGetsTheWholeFile() {
        for (String range : new String[] {"bytes=0-1,5-9", "bytes=0-0,-1", "items=0-9", "bytes=abc", "bytes=9-0",
                "bytes=", "bytes=-", "0-9", "bytes=1-2-3", "bytes=+1-2", "bytes=-x"}) {
            Answer a = get(range);
            assertThat(a.kind()).as(range).isEqualTo(Kind.WHOLE);
            assertThat(a.length()).as(range).isEqualTo(1000);
            assertThat(a.contentRange()).as(range).isNull();
        }
        assertThat(get(null).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void headIgnoresRange() {
        assertThat(ByteRanges.answer(false, "bytes=0-9", null, 1000, TAG, DATE).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void ifRangeKeepsTheRangeOnlyWhileTheFileIsTheSame() {
        assertThat(ByteRanges.answer(true, "bytes=0-9", TAG, 1000, TAG, DATE).kind()).isEqualTo(Kind.PART);
        assertThat(ByteRanges.answer(true, "bytes=0-9", DATE, 1000, TAG, DATE).kind()).isEqualTo(Kind.PART);
        assertThat(ByteRanges.answer(true, "bytes=0-9", "\"other\"", 1000, TAG, DATE).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.answer(true, "bytes=0-9", "W/\"abc\"", 1000, TAG, DATE).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.answer(true, "bytes=0-9", "Sun, 06 Dec 2026 03:00:00 GMT", 1000, TAG, DATE).kind())
                .isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.answer(true, "bytes=0-9", TAG, 1000, null, DATE).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.answer(true, "bytes=5000-", "\"other\"", 1000, TAG, DATE).kind()).isEqualTo(Kind.WHOLE);
    }
}
