package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A new answer key for the same test Ids (a rescore): what it accepts, what it changes, every refusal's line. */
class SolutionReplacementTest {
    private static final String HEADER = "Id,Expected,Usage\n";
    private static final Solution CURRENT = current();

    private static Solution current() {
        try {
            return Solution.parse((HEADER + "0,0,Public\n1,1,Public\n2,0,Public\n3,0,Private\n4,1,Private\n"
                    + "5,0,Private\n").getBytes(StandardCharsets.UTF_8));
        } catch (SolutionFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static SolutionChange replace(String csv) throws Exception {
        return Solution.readReplacement(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), CURRENT);
    }

    private static SolutionFormatException refused(String csv) {
        SolutionFormatException e = catchThrowableOfType(SolutionFormatException.class, () -> replace(csv));
        assertThat(e).as("refused: " + csv).isNotNull();
        return e;
    }

    @Test
    void countsTheChangedLabelsAndUsagesInAnyRowOrder() throws Exception {
        SolutionChange c = replace("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "5,0,Private\r\n4,1,Private\r\n3,0,Public\r\n2,1,Public\r\n1,1,Public\r\n0,0,Private\r\n");
        assertThat(c.labelsChanged()).isEqualTo(1);
        assertThat(c.usagesChanged()).isEqualTo(2);
        assertThat(c.changedRows()).containsExactly(new SolutionChange.Row("0", 0, 0, "Public", "Private"),
                new SolutionChange.Row("2", 0, 1, "Public", "Public"),
                new SolutionChange.Row("3", 0, 0, "Private", "Public"));
        assertThat(new String(c.replacement().toCsv(), StandardCharsets.UTF_8)).isEqualTo(HEADER
                + "0,0,Private\n1,1,Public\n2,1,Public\n3,0,Public\n4,1,Private\n5,0,Private\n");
    }

    @Test
    void theSameKeyChangesNothing() throws Exception {
        SolutionChange c = replace(new String(CURRENT.toCsv(), StandardCharsets.UTF_8));
        assertThat(c.changesNothing()).isTrue();
        assertThat(c.labelsChanged()).isZero();
        assertThat(c.usagesChanged()).isZero();
    }

    @Test
    void refusesOtherIdsMissingIdsAndBadValuesNamingTheLine() {
        SolutionFormatException extra = refused(HEADER + "0,0,Public\n1,1,Public\n7,0,Public\n3,0,Private\n"
                + "4,1,Private\n5,0,Private\n");
        assertThat(extra.getMessage()).isEqualTo("Id 7 on line 4 is not a test Id (the current solution has no such Id)");
        assertThat(extra.line()).isEqualTo(4);
        assertThat(refused(HEADER + "0,0,Public\n1,1,Public\n3,0,Private\n4,1,Private\n5,0,Private\n").getMessage())
                .isEqualTo("missing Id 2 (the file has 5 of the 6 test Ids)");
        assertThat(refused(HEADER + "0,0,Public\n1,2,Public\n").getMessage())
                .isEqualTo("Expected must be 0 or 1, found \"2\" on line 3 (Id 1)");
        assertThat(refused(HEADER + "0,0,Public\n1,1,Secret\n").getMessage())
                .isEqualTo("Usage must be Public or Private, found \"Secret\" on line 3 (Id 1)");
        assertThat(refused(HEADER + "0,0,Public\n0,1,Public\n").getMessage())
                .startsWith("duplicate Id 0 on line 3, first on line 2");
        assertThat(refused("Id,Predicted\n0,1\n").line()).isEqualTo(1);
    }

    @Test
    void refusesAPartWithOneClassOnly() {
        assertThat(refused(HEADER + "0,0,Public\n1,0,Public\n2,0,Public\n3,0,Private\n4,1,Private\n5,0,Private\n")
                .getMessage()).isEqualTo("the Public part has 3 normal rows (Expected 0) and 0 anomalies (Expected 1):"
                + " it needs both to have an AUC");
        assertThat(refused(HEADER + "0,0,Public\n1,1,Public\n2,0,Public\n3,0,Private\n4,0,Private\n5,0,Private\n")
                .getMessage()).startsWith("the Private part has 3 normal rows");
    }
}
