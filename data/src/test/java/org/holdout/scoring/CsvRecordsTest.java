package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random RFC 4180 files read back field by field, from memory and streamed through tiny buffers. */
class CsvRecordsTest {
    private static final String ALPHABET = "ab01,\"\n\r é画\uD83D\uDE00.-";

    @Test
    void randomRecordsReadBackExactlyWithPhysicalLineNumbers() throws Exception {
        Random rnd = new Random(99);
        for (int round = 0; round < 200; round++) {
            List<List<String>> records = new ArrayList<>();
            StringBuilder file = new StringBuilder(rnd.nextBoolean() ? "\uFEFF" : "");
            String eol = rnd.nextBoolean() ? "\n" : "\r\n";
            List<Integer> lines = new ArrayList<>();
            int line = 1;
            int n = 1 + rnd.nextInt(30);
            for (int r = 0; r < n; r++) {
                List<String> fields = new ArrayList<>();
                int count = 1 + rnd.nextInt(3);
                lines.add(line);
                for (int f = 0; f < count; f++) {
                    StringBuilder v = new StringBuilder();
                    int len = rnd.nextInt(f == 0 ? 25 : 12) + (count == 1 ? 1 : 0);
                    for (int i = 0; i < len; i++) {
                        int k = rnd.nextInt(ALPHABET.length());
                        char c = ALPHABET.charAt(k);
                        v.append(Character.isHighSurrogate(c) ? ALPHABET.substring(k, k + 2) : Character.isLowSurrogate(c)
                                ? "x" : String.valueOf(c));
                    }
                    String value = v.toString();
                    fields.add(value);
                    boolean quote = rnd.nextInt(4) == 0 || value.matches("(?s).*[,\"\n\r].*") || value.isEmpty() && count == 1;
                    file.append(f > 0 ? "," : "").append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
                    line += (int) value.chars().filter(c -> c == '\n').count();
                }
                records.add(fields);
                file.append(r < n - 1 || rnd.nextBoolean() ? eol : "");
                line++;
            }
            byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
            check(new CsvRecords(bytes), records, lines);
            check(new CsvRecords(new ByteArrayInputStream(bytes), 8 + rnd.nextInt(20)), records, lines);
        }
    }

    private static void check(CsvRecords csv, List<List<String>> records, List<Integer> lines) throws Exception {
        for (int r = 0; r < records.size(); r++) {
            assertThat(csv.next()).isTrue();
            List<String> expected = records.get(r);
            assertThat(csv.fieldCount()).isEqualTo(expected.size());
            assertThat(csv.line()).isEqualTo(lines.get(r));
            assertThat(csv.badUtf8Line()).isZero();
            for (int f = 0; f < Math.min(expected.size(), 4); f++) {
                assertThat(csv.field(f)).isEqualTo(expected.get(f));
            }
        }
        assertThat(csv.next()).isFalse();
    }
}
