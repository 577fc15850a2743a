package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the answer key: what it accepts, and every refusal naming its line. */
class SolutionTest {
    @TempDir
    Path dir;

    private static SolutionFormatException refused(String csv) {
        SolutionFormatException e = catchThrowableOfType(SolutionFormatException.class,
                () -> Solution.parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void readsAFileWithBomCrlfQuotesAndATrailingBlankLine() throws Exception {
        Path file = dir.resolve("solution.csv");
        Files.writeString(file, "\uFEFFId,Expected,Usage\r\n\"0\",1,Public\r\n1,0,\"Private\"\r\n2,0,Public\r\n\r\n");
        Solution s = Solution.read(file);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.publicRows()).isEqualTo(2);
        assertThat(s.privateRows()).isEqualTo(1);
    }

    @Test
    void numericIdsInAnyOrderAndGeneralIdsAreFoundExactly() throws Exception {
        Solution numeric = Solution.parse("Id,Expected,Usage\n12,1,Public\n10,0,Public\n11,0,Private\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(slot(numeric, "10")).isZero();
        assertThat(slot(numeric, "12")).isEqualTo(2);
        assertThat(slot(numeric, "012")).isEqualTo(-1);
        assertThat(slot(numeric, "9")).isEqualTo(-1);
        assertThat(slot(numeric, "13")).isEqualTo(-1);
        assertThat(slot(numeric, "1a")).isEqualTo(-1);
        assertThat(slot(numeric, "99999999999999999999")).isEqualTo(-1);
        Solution sparse = Solution.parse("Id,Expected,Usage\n1,1,Public\n5,0,Public\n007,0,Private\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(slot(sparse, "007")).isEqualTo(2);
        assertThat(slot(sparse, "7")).isEqualTo(-1);
        assertThat(sparse.idOf(2)).isEqualTo("007");
        Solution wide = Solution.parse("Id,Expected,Usage\n3000000001,1,Public\n3000000000,0,Public\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(slot(wide, "3000000001")).isEqualTo(1);
        assertThat(wide.idOf(0)).isEqualTo("3000000000");
        Solution gaps = Solution.parse("Id,Expected,Usage\n10,1,Public\n30,0,Public\n20,0,Private\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(slot(gaps, "20")).isEqualTo(2);
        assertThat(gaps.idOf(1)).isEqualTo("30");
        assertThat(slot(gaps, "25")).isEqualTo(-1);
    }

    private static int slot(Solution s, String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return s.slotOf(b, 0, b.length);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThat(catchThrowableOfType(NoSuchFileException.class, () -> Solution.read(dir.resolve("nope.csv"))))
                .isNotNull();
    }

    @Test
    void theHeaderMustBeIdExpectedUsage() {
        SolutionFormatException e = refused("Id,Predicted\n0,1\n");
        assertThat(e.getMessage()).isEqualTo("line 1 must be the header Id,Expected,Usage, found \"Id,Predicted\"");
        assertThat(e.line()).isEqualTo(1);
        assertThat(refused("").getMessage()).isEqualTo("the solution file is empty");
        assertThat(refused("Id,Expected,Usage\n").getMessage()).isEqualTo("the solution has no rows");
    }

    @Test
    void expectedMustBeZeroOrOne() {
        SolutionFormatException e = refused("Id,Expected,Usage\n0,1,Public\n1,2,Public\n2,0,Private\n");
        assertThat(e.getMessage()).isEqualTo("Expected must be 0 or 1, found \"2\" on line 3 (Id 1)");
        assertThat(e.line()).isEqualTo(3);
        assertThat(refused("Id,Expected,Usage\na,1.0,Public\n").getMessage())
                .isEqualTo("Expected must be 0 or 1, found \"1.0\" on line 2 (Id \"a\")");
    }

    @Test
    void usageMustBePublicOrPrivate() {
        assertThat(refused("Id,Expected,Usage\n0,1,Public\n1,0,Ignored\n").getMessage())
                .isEqualTo("Usage must be Public or Private, found \"Ignored\" on line 3 (Id 1)");
    }

    @Test
    void duplicateIdsNameBothLines() {
        assertThat(refused("Id,Expected,Usage\n0,1,Public\n1,0,Public\n0,0,Private\n").getMessage())
                .isEqualTo("duplicate Id 0 on line 4, first on line 2");
        assertThat(refused("Id,Expected,Usage\n0,1,Public\n2,0,Public\n0,0,Private\n").getMessage())
                .isEqualTo("duplicate Id 0 on line 4, first on line 2");
        assertThat(refused("Id,Expected,Usage\na,1,Public\nb,0,Public\nb,0,Private\na,1,Public\n").getMessage())
                .isEqualTo("duplicate Id \"b\" on line 4, first on line 3; the file has 1 more problem");
    }

    @Test
    void rowsMustHaveThreeFieldsAndAnId() {
        assertThat(refused("Id,Expected,Usage\n0,1\n").getMessage())
                .isEqualTo("line 2 has 2 fields, expected 3 (Id,Expected,Usage)");
        assertThat(refused("Id,Expected,Usage\n0,1,Public\n,0,Public\n").getMessage())
                .isEqualTo("line 3 has an empty Id");
        assertThat(refused("Id,Expected,Usage\n0,1,Public\n\n1,0,Public\n").getMessage())
                .isEqualTo("line 3 is blank");
        assertThat(refused("Id,Expected,Usage\n0,1,\"Public\n").getMessage())
                .isEqualTo("unterminated quote: the quoted field that starts on line 2 never ends");
    }

    @Test
    void notUtf8IsNamed() {
        byte[] csv = "Id,Expected,Usage\n0,1,Public\ncaf\u00e9,0,Public\n".getBytes(StandardCharsets.ISO_8859_1);
        SolutionFormatException e = catchThrowableOfType(SolutionFormatException.class, () -> Solution.parse(csv));
        assertThat(e.getMessage()).isEqualTo("line 3 is not UTF-8 text");
    }
}
