package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Predicted values of an accepted file, read by the scorer's own path, sorted and without Ids or labels. */
class PredictionsTest {
    private final Solution solution = TestSolutions.of(6, Integer::toString);

    @Test
    void everyValueOnceAscendingWhateverTheRowOrderAndQuoting() throws Exception {
        byte[] file = "Id,Predicted\r\n5,1e3\n0,-2.5\n\"3\",\"0.25\"\n1,-0.0\n4,0.25\n2,7\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Scorer.predictions(solution, file)).containsExactly(-2.5, 0.0, 0.25, 0.25, 7.0, 1000.0);
    }

    @Test
    void aRefusedFileIsRefusedWithTheScorersMessage() {
        byte[] file = "Id,Predicted\n0,1\n1,2\n2,3\n3,4\n4,5\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Scorer.predictions(solution, file)).isInstanceOf(SubmissionRejectedException.class)
                .hasMessage(messageOf(file));
    }

    @Test
    void keysTurnBackIntoTheirDoubles() {
        for (double v : new double[] {-Double.MAX_VALUE, -1, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 0.5, 1e308}) {
            assertThat(Keys.value(Keys.of(v))).isEqualTo(v);
        }
    }

    private String messageOf(byte[] file) {
        try {
            Scorer.score(solution, file);
            throw new AssertionError("accepted");
        } catch (SubmissionRejectedException e) {
            return e.getMessage();
        }
    }
}
