package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file scored without a public score keeps the English note and, for the scorer's known reasons, its key. */
class NoPublicScoreNoteTest {
    @Test
    void aKnownReasonIsStoredWithItsKeyAndAnUnknownOneAsItIs() {
        StoredMessage known = SubmissionService.noPublicScore("the public split has no anomalous rows");
        assertThat(known.english()).isEqualTo("No public score: the public split has no anomalous rows");
        assertThat(known.key()).isEqualTo("submit.noPublic.anomalous");
        assertThat(StoredMessage.parse(known.english(), known.json())).isEqualTo(known);
        assertThat(SubmissionService.noPublicScore("the public split has no rows").key())
                .isEqualTo("submit.noPublic.rows");
        assertThat(SubmissionService.noPublicScore("the public split has no normal rows").key())
                .isEqualTo("submit.noPublic.normal");
        StoredMessage other = SubmissionService.noPublicScore("something new");
        assertThat(other.english()).isEqualTo("No public score: something new");
        assertThat(other.key()).isNull();
    }
}
