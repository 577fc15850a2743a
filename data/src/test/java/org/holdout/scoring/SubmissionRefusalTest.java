package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every refusal rule: the message names the line, the Id and the problem; line() and id() agree with it. */
class SubmissionRefusalTest {
    /** Ids 0..9; 0-4 Public, 5-9 Private; odd Ids are anomalies. {@link #tenWith} scores both splits 0.5. */
    private static final Solution TEN = TestSolutions.of(10, i -> Integer.toString(i));
    private static final Solution NAMED = TestSolutions.of(4, i -> "img" + i);

    /** A valid upload for TEN with {@code row} (0-based data row) replaced by {@code replacement}. */
    private static String tenWith(int row, String replacement) {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i == row ? replacement : i + "," + i * 0.1).append('\n');
        }
        return sb.toString();
    }

    private static SubmissionRejectedException refused(Solution s, String upload) {
        return refused(s, upload.getBytes(StandardCharsets.UTF_8));
    }

    private static SubmissionRejectedException refused(Solution s, byte[] upload) {
        SubmissionRejectedException e = catchThrowableOfType(SubmissionRejectedException.class,
                () -> Scorer.score(s, upload));
        assertThat(e).as("refused").isNotNull();
        SubmissionRejectedException streamed = catchThrowableOfType(SubmissionRejectedException.class,
                () -> Scorer.score(s, new ByteArrayInputStream(upload), 8));
        assertThat(streamed).as("refused when streamed").isNotNull();
        assertThat(streamed.getMessage()).isEqualTo(e.getMessage());
        return e;
    }

    @Nested
    class Ids {
        @Test
        void aMissingIdIsNamedWithHowManyTheFileHas() {
            String upload = tenWith(3, "").replace("\n\n", "\n");
            SubmissionRejectedException e = refused(TEN, upload);
            assertThat(e.getMessage()).isEqualTo("missing Id 3 (the file has 9 of the 10 test Ids)");
            assertThat(e.line()).isZero();
            assertThat(e.id()).isEqualTo("3");
        }

        @Test
        void thousandsAreGroupedInTheCount() {
            Solution big = TestSolutions.of(10_000, i -> Integer.toString(i));
            StringBuilder sb = new StringBuilder("Id,Predicted\n");
            for (int i = 0; i < 10_000; i++) {
                if (i != 1234) {
                    sb.append(i).append(",0.5\n");
                }
            }
            assertThat(refused(big, sb.toString()).getMessage())
                    .isEqualTo("missing Id 1234 (the file has 9,999 of the 10,000 test Ids)");
        }

        @Test
        void aDuplicateIdNamesBothLines() {
            SubmissionRejectedException e = refused(TEN, tenWith(5, "3,0.7"));
            assertThat(e.getMessage()).startsWith("duplicate Id 3 on line 7, first on line 5");
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.id()).isEqualTo("3");
        }

        @Test
        void aDuplicateFarFromItsFirstLineIsNamedWithBothLines() {
            Solution big = TestSolutions.of(1000, i -> "id" + i);
            StringBuilder sb = new StringBuilder("Id,Predicted\n\"id\n0\",1\n");
            for (int i = 1; i < 1000; i++) {
                sb.append(i == 700 ? "id5" : "id" + i).append(',').append(i).append('\n');
            }
            SubmissionRejectedException e = refused(big, sb.toString());
            assertThat(e.getMessage()).isEqualTo("unknown Id \"id\\n0\" on line 2; the file has 3 more problems");
            String fixed = sb.toString().replace("\"id\n0\"", "id0");
            assertThat(refused(big, fixed).getMessage())
                    .isEqualTo("duplicate Id \"id5\" on line 702, first on line 7; the file has 1 more problem");
        }

        @Test
        void anUnknownIdIsQuotedAsWritten() {
            SubmissionRejectedException e = refused(TEN, tenWith(2, "x9,0.5"));
            assertThat(e.getMessage()).startsWith("unknown Id \"x9\" on line 4");
            assertThat(e.id()).isEqualTo("x9");
        }

        @Test
        void idsMatchExactlySoLeadingZerosAndSpacesAreUnknown() {
            assertThat(refused(TEN, tenWith(2, "02,0.5")).getMessage()).startsWith("unknown Id \"02\" on line 4");
            assertThat(refused(TEN, tenWith(2, " 2,0.5")).getMessage()).startsWith("unknown Id \" 2\" on line 4");
            assertThat(refused(NAMED, "Id,Predicted\nIMG0,1\nimg1,1\nimg2,1\nimg3,1\n").getMessage())
                    .startsWith("unknown Id \"IMG0\" on line 2");
        }

        @Test
        void aLongIdIsCutAfterWholeCharactersNotInsideAnEmoji() {
            String id = "x" + "\uD83D\uDE00".repeat(70);
            assertThat(refused(TEN, tenWith(2, id + ",0.5")).getMessage())
                    .startsWith("unknown Id \"x" + "\uD83D\uDE00".repeat(59) + "...\" on line 4;");
        }

        @Test
        void anEmptyIdIsNamed() {
            assertThat(refused(TEN, tenWith(0, ",0.5")).getMessage()).startsWith("empty Id on line 2");
        }

        @Test
        void furtherProblemsAreCounted() {
            String upload = tenWith(2, "x9,0.5").replace("7,0.7000000000000001", "7,abc");
            assertThat(refused(TEN, upload).getMessage())
                    .isEqualTo("unknown Id \"x9\" on line 4; the file has 2 more problems");
        }
    }

    @Nested
    class Numbers {
        @Test
        void textIsNotANumber() {
            SubmissionRejectedException e = refused(TEN, tenWith(3, "3,abc"));
            assertThat(e.getMessage()).isEqualTo("\"abc\" is not a number on line 5 (Id 3)");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.id()).isEqualTo("3");
        }

        @Test
        void nanAndInfinityAreNotFinite() {
            assertThat(refused(TEN, tenWith(6, "6,NaN")).getMessage())
                    .isEqualTo("NaN on line 8 (Id 6): scores must be finite numbers");
            assertThat(refused(TEN, tenWith(6, "6,-inf")).getMessage())
                    .isEqualTo("-inf on line 8 (Id 6): scores must be finite numbers");
            assertThat(refused(TEN, tenWith(6, "6,Infinity")).getMessage())
                    .isEqualTo("Infinity on line 8 (Id 6): scores must be finite numbers");
        }

        @Test
        void aLiteralThatOverflowsIsRefused() {
            assertThat(refused(TEN, tenWith(1, "1,1e400")).getMessage())
                    .isEqualTo("\"1e400\" on line 3 (Id 1) is too large for a double: scores must be finite numbers");
            assertThat(refused(TEN, tenWith(1, "1,-1.8e308")).getMessage()).contains("too large", "line 3");
        }

        @Test
        void onlyPlainDecimalsAreNumbers() {
            for (String bad : new String[] {"0.5d", "0x1p-3", "1f", "1e", "e5", ".", "+", "1.2.3", "1,5", "0,5",
                "1_000", "١"}) {
                String upload = tenWith(4, "4," + (bad.contains(",") ? '"' + bad + '"' : bad));
                assertThat(refused(TEN, upload).getMessage()).as(bad)
                        .startsWith(Text.quote(bad) + " is not a number on line 6 (Id 4)");
            }
        }

        @Test
        void anEmptyScoreIsNamed() {
            assertThat(refused(TEN, tenWith(4, "4,")).getMessage()).isEqualTo("empty score on line 6 (Id 4)");
            assertThat(refused(TEN, tenWith(4, "4,\"\"")).getMessage()).isEqualTo("empty score on line 6 (Id 4)");
        }

        @Test
        void spacesAroundANumberAreRefusedWithTheReason() {
            assertThat(refused(TEN, tenWith(4, "4, 0.5")).getMessage())
                    .isEqualTo("\" 0.5\" on line 6 (Id 4) has spaces around the number: write the number alone");
            assertThat(refused(TEN, tenWith(4, "4,\"0.5 \"")).getMessage()).contains("has spaces", "line 6");
        }
    }

    @Nested
    class Structure {
        @Test
        void aRowWithTheWrongNumberOfFields() {
            SubmissionRejectedException e = refused(TEN, tenWith(5, "5,0.5,extra"));
            assertThat(e.getMessage()).isEqualTo("line 7 has 3 fields, expected 2 (Id,Predicted)");
            assertThat(e.line()).isEqualTo(7);
            assertThat(refused(TEN, tenWith(5, "5")).getMessage())
                    .isEqualTo("line 7 has 1 field, expected 2 (Id,Predicted)");
        }

        @Test
        void aWrongHeaderIsShown() {
            SubmissionRejectedException e = refused(TEN, tenWith(-1, "").replace("Id,Predicted", "id,score"));
            assertThat(e.getMessage()).isEqualTo("line 1 must be the header Id,Predicted, found \"id,score\"");
            assertThat(e.line()).isEqualTo(1);
        }

        @Test
        void aMissingHeaderIsNamed() {
            assertThat(refused(TEN, tenWith(-1, "").replace("Id,Predicted\n", "")).getMessage())
                    .isEqualTo("line 1 must be the header Id,Predicted, found \"0,0.0\"");
        }

        @Test
        void aFileWithOnlyTheHeaderIsNamed() {
            assertThat(refused(TEN, "Id,Predicted\n").getMessage()).isEqualTo("the file has only the header"
                    + " Id,Predicted and no rows; it needs one row for each of the 10 test Ids");
            assertThat(refused(TEN, "Id,Predicted\r\n\r\n\n").getMessage()).startsWith("the file has only the header");
            assertThat(refused(TEN, "Id,Predicted\n\n0,0.5\n").getMessage()).startsWith("line 2 is blank");
        }

        @Test
        void anEmptyFileIsNamed() {
            assertThat(refused(TEN, "").getMessage())
                    .isEqualTo("the file is empty; it must start with the header Id,Predicted");
            assertThat(refused(TEN, "\uFEFF").getMessage()).startsWith("the file is empty");
            assertThat(refused(TEN, "\n").getMessage())
                    .isEqualTo("line 1 must be the header Id,Predicted, it is blank");
        }

        @Test
        void aFileThatIsNotUtf8NamesTheLine() {
            byte[] upload = tenWith(2, "2,0.5").getBytes(StandardCharsets.ISO_8859_1);
            upload[upload.length - 3] = (byte) 0xE9;
            SubmissionRejectedException e = refused(TEN, upload);
            assertThat(e.getMessage()).startsWith("line 11 is not UTF-8 text (it has the byte 0xE9); save the file"
                    + " as UTF-8");
            assertThat(e.line()).isEqualTo(11);
            byte[] latin1 = "Id,Predicted\ncafé,1\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(refused(NAMED, latin1).getMessage()).startsWith("line 2 is not UTF-8 text");
            byte[] overlong = {'I', 'd', ',', 'P', 'r', 'e', 'd', 'i', 'c', 't', 'e', 'd', '\n', (byte) 0xC0,
                (byte) 0xAF, ',', '1', '\n'};
            assertThat(refused(NAMED, overlong).getMessage()).startsWith("line 2 is not UTF-8 text");
        }

        @Test
        void anUnterminatedQuoteNamesTheLineWhereItStarts() {
            SubmissionRejectedException e = refused(TEN, tenWith(3, "3,\"0.5"));
            assertThat(e.getMessage()).isEqualTo("unterminated quote: the quoted field that starts on line 5 never"
                    + " ends");
            assertThat(e.line()).isEqualTo(5);
        }

        @Test
        void strayQuotesAreNamed() {
            assertThat(refused(TEN, tenWith(3, "3,0\"5")).getMessage())
                    .startsWith("line 5 has a quote inside an unquoted field");
            assertThat(refused(TEN, tenWith(3, "3,\"0.5\"x")).getMessage())
                    .startsWith("line 5 has 'x' right after a closing quote");
        }

        @Test
        void aBlankLineBeforeTheEndIsRefused() {
            String upload = tenWith(-1, "").replace("4,0.4\n", "4,0.4\n\n\n");
            SubmissionRejectedException e = refused(TEN, upload);
            assertThat(e.getMessage()).isEqualTo("line 7 is blank; the file has 1 more problem");
            assertThat(e.line()).isEqualTo(7);
        }

        @Test
        void aUtf16FileIsNamedAsSuchWithOrWithoutItsByteOrderMark() {
            String csv = "Id,Predicted\r\nimg0,1\r\nimg1,1\r\nimg2,1\r\nimg3,1\r\n";
            String utf16 = "line 1 is not UTF-8 text: the file looks like UTF-16 (two bytes a character); save it as"
                    + " UTF-8";
            assertThat(refused(NAMED, csv.getBytes(StandardCharsets.UTF_16LE)).getMessage()).isEqualTo(utf16);
            assertThat(refused(NAMED, ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_16LE)).getMessage())
                    .isEqualTo(utf16);
            assertThat(refused(NAMED, csv.getBytes(StandardCharsets.UTF_16BE)).getMessage()).isEqualTo(utf16);
            assertThat(refused(NAMED, csv.replace("\r", "").getBytes(StandardCharsets.UTF_16)).getMessage())
                    .isEqualTo(utf16);
        }

        @Test
        void aLoneCarriageReturnIsRefused() {
            assertThat(refused(TEN, tenWith(-1, "").replace("4,0.4\n", "4,0.4\r")).getMessage())
                    .startsWith("line 6 has a carriage return that is not followed by a line feed");
        }

        @Test
        void aQuotedFieldSpanningLinesKeepsPhysicalLineNumbers() {
            String upload = "Id,Predicted\n\"img\n0\",1\nimg1,x\nimg2,1\nimg3,1\n";
            assertThat(refused(NAMED, upload).getMessage()).startsWith("unknown Id \"img\\n0\" on line 2");
            assertThat(refused(NAMED, upload.replace("\"img\n0\"", "img0")).getMessage())
                    .startsWith("\"x\" is not a number on line 3 (Id \"img1\")");
            assertThat(refused(NAMED, upload).getMessage())
                    .isEqualTo("unknown Id \"img\\n0\" on line 2; the file has 2 more problems");
        }
    }

    @Nested
    class Accepted {
        @Test
        void aValidFileIsAccepted() throws Exception {
            Score s = Scorer.score(TEN, tenWith(-1, "").getBytes(StandardCharsets.UTF_8));
            assertThat(s.publicAuc()).isEqualTo(0.5);
            assertThat(s.privateAuc()).isEqualTo(0.5);
        }

        @Test
        void bomCrlfQuotesAndATrailingBlankLine() throws Exception {
            String upload = "\uFEFF\"Id\",\"Predicted\"\r\n" + tenWith(-1, "").substring("Id,Predicted\n".length())
                    .replace("\n", "\r\n").replace("3,0.30000000000000004", "\"3\",\"0.3\"") + "\r\n";
            Score s = Scorer.score(TEN, upload.getBytes(StandardCharsets.UTF_8));
            assertThat(s.publicAuc()).isEqualTo(0.5);
            assertThat(s.rows()).isEqualTo(10);
        }

        @Test
        void quotedIdsWithEscapedQuotesMatch() throws Exception {
            Solution s = Solution.parse("Id,Expected,Usage\n\"a\"\"b\",1,Public\n\"c,d\",0,Public\n"
                    .getBytes(StandardCharsets.UTF_8));
            Score score = Scorer.score(s, "Id,Predicted\n\"c,d\",0.2\n\"a\"\"b\",0.1\n".getBytes(StandardCharsets.UTF_8));
            assertThat(score.publicAuc()).isEqualTo(0.0);
            assertThat(score.privateAuc()).isNull();
            assertThat(score.privateReason()).isEqualTo("the Private split has no rows");
        }

        @Test
        void theUploadBytesAreNotModified() throws Exception {
            Solution s = Solution.parse("Id,Expected,Usage\n\"a\"\"b\",1,Public\nc,0,Public\n"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] upload = "Id,Predicted\n\"a\"\"b\",1\nc,0\n".getBytes(StandardCharsets.UTF_8);
            byte[] copy = upload.clone();
            Scorer.score(s, upload);
            assertThat(upload).isEqualTo(copy);
        }

        @Test
        void aSplitWithOneClassHasNoScoreAndSaysWhy() throws Exception {
            Solution s = Solution.parse("Id,Expected,Usage\n0,0,Public\n1,1,Public\n2,0,Private\n3,0,Private\n"
                    .getBytes(StandardCharsets.UTF_8));
            Score score = Scorer.score(s, "Id,Predicted\n0,1\n1,2\n2,3\n3,4\n".getBytes(StandardCharsets.UTF_8));
            assertThat(score.publicAuc()).isEqualTo(1.0);
            assertThat(score.publicReason()).isNull();
            assertThat(score.privateAuc()).isNull();
            assertThat(score.privateReason()).isEqualTo("the Private split has no anomalous rows");
            Solution allAnomalous = Solution.parse("Id,Expected,Usage\n0,1,Public\n1,1,Public\n2,0,Private\n3,1,Private\n"
                    .getBytes(StandardCharsets.UTF_8));
            Score other = Scorer.score(allAnomalous, "Id,Predicted\n0,1\n1,2\n2,3\n3,4\n".getBytes(StandardCharsets.UTF_8));
            assertThat(other.publicReason()).isEqualTo("the Public split has no normal rows");
            assertThat(other.privateAuc()).isEqualTo(1.0);
        }
    }
}
