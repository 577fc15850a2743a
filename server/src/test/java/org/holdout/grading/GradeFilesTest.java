package org.holdout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradeFilesTest {
    static final String HEADER = "username,display_name,email,public_score,public_rank,private_score,private_rank,"
            + "final_submissions,submissions,passed_public,passed_private,points_public,points_private,points_total,"
            + "late,excluded,code_uploaded";

    private static final GradeRow ALICE = new GradeRow("alice", "Lee, \"Al\"", "al@example.org", 5.0 / 6, 1,
            0.7142857142857143, 2, List.of(12L, 15L), 4, List.of("simple", "medium"), List.of("simple"), 2.0, 1.0,
            3.0, false, false, true);
    private static final GradeRow BOB = new GradeRow("-bob", "=HYPERLINK(\"http://x\",\"y\")", "@bob", null, null,
            null, null, List.of(), 0, List.of(), List.of(), 0, 0, 0, true, true, false);

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void csvHasTheBomTheExactHeaderCrlfAndFullPrecision() {
        byte[] csv = GradeFiles.csv(List.of(ALICE, BOB));
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        assertThat(csv[1]).isEqualTo((byte) 0xBB);
        assertThat(csv[2]).isEqualTo((byte) 0xBF);
        String[] lines = text(csv).substring(1).split("\r\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(HEADER);
        assertThat(String.join(",", GradeRow.COLUMNS)).isEqualTo(HEADER);
        assertThat(lines[1]).isEqualTo("alice,\"Lee, \"\"Al\"\"\",al@example.org,0.8333333333333334,1,"
                + "0.7142857142857143,2,12;15,4,simple;medium,simple,2.0,1.0,3.0,false,false,true");
        assertThat(Double.parseDouble("0.8333333333333334")).isEqualTo(5.0 / 6);
        assertThat(lines[3]).isEmpty();
    }

    @Test
    void aNameThatLooksLikeAFormulaIsTextButNumbersAndUsernamesStayAsTheyAre() {
        String line = text(GradeFiles.csv(List.of(BOB))).split("\r\n")[1];
        assertThat(line).isEqualTo("-bob,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@bob,,,,,,0,,,0.0,0.0,0.0,"
                + "true,true,false");
        assertThat(GradeFiles.text("+1")).isEqualTo("'+1");
        assertThat(GradeFiles.text("-1")).isEqualTo("'-1");
        assertThat(GradeFiles.text("\tx")).isEqualTo("'\tx");
        assertThat(GradeFiles.text("Ann")).isEqualTo("Ann");
        assertThat(GradeFiles.text("")).isEmpty();
        assertThat(GradeFiles.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void jsonHasTheSameKeysInOrderNumbersAsNumbersAndSaysWhetherRevealed() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(GradeFiles.json("hw3", "Homework 3",
                Instant.parse("2026-06-03T01:02:03Z"), false, List.of(ALICE, BOB)));
        assertThat(doc.get("competition").asText()).isEqualTo("hw3");
        assertThat(doc.get("title").asText()).isEqualTo("Homework 3");
        assertThat(doc.get("exported_at").asText()).isEqualTo("2026-06-03T01:02:03Z");
        assertThat(doc.get("revealed").isBoolean()).isTrue();
        assertThat(doc.get("revealed").asBoolean()).isFalse();
        JsonNode a = doc.get("grades").get(0);
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertThat(keys).isEqualTo(GradeRow.COLUMNS);
        assertThat(a.get("public_score").isNumber()).isTrue();
        assertThat(a.get("public_score").asDouble()).isEqualTo(5.0 / 6);
        assertThat(a.get("public_rank").asInt()).isEqualTo(1);
        assertThat(a.get("final_submissions").toString()).isEqualTo("[12,15]");
        assertThat(a.get("passed_public").toString()).isEqualTo("[\"simple\",\"medium\"]");
        assertThat(a.get("points_total").asDouble()).isEqualTo(3.0);
        assertThat(a.get("display_name").asText()).as("JSON is no spreadsheet: names as typed")
                .isEqualTo("Lee, \"Al\"");
        JsonNode b = doc.get("grades").get(1);
        assertThat(b.get("public_score").isNull()).isTrue();
        assertThat(b.get("display_name").asText()).startsWith("=HYPERLINK");
        assertThat(b.get("late").asBoolean()).isTrue();
    }

    @Test
    void canvasFileHasItsImportColumnsAPointsPossibleRowAndTheLoginIds() {
        byte[] canvas = GradeFiles.canvas("Homework 3, anomalies", 6, List.of(ALICE, BOB));
        assertThat(canvas[0]).isEqualTo((byte) 0xEF);
        String[] lines = text(canvas).substring(1).split("\r\n");
        assertThat(lines).containsExactly(
                "Student,ID,SIS User ID,SIS Login ID,Section,\"Homework 3, anomalies\"",
                "    Points Possible,,,,,6.0",
                "\"Lee, \"\"Al\"\"\",,,alice,,3.0",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,,-bob,,0.0");
    }
}
