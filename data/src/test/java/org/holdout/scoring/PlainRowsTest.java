package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Scorer's fast path for plain {@code Id,score} lines against the record-by-record path it skips: a quoted field
 * always takes the record-by-record path (and its {@link Decimal#parse}, checked against the JDK in
 * {@link DecimalTest}), the same field unquoted the fast path.
 */
class PlainRowsTest {
    /** Id 0 Public normal, 1 Public anomaly, 2 Private normal, 3 Private anomaly. */
    private static final Solution FOUR = TestSolutions.of(4, i -> Integer.toString(i));
    private static final Solution NAMED = TestSolutions.of(4, i -> "img" + i);

    /**
     * The Public AUC of the anomaly scored {@code literal} on a plain line and the normal row scored the same literal
     * quoted: 0.5 exactly when both paths read the same double, 0 or 1 when they differ.
     */
    private static double plainAgainstQuoted(Solution s, String literal, String lineEnd) throws Exception {
        String upload = "Id,Predicted" + lineEnd
                + s.idOf(1) + "," + literal + lineEnd
                + s.idOf(0) + ",\"" + literal + "\"" + lineEnd
                + s.idOf(2) + ",0" + lineEnd
                + s.idOf(3) + ",1" + lineEnd;
        byte[] bytes = upload.getBytes(StandardCharsets.UTF_8);
        Score inMemory = Scorer.score(s, bytes);
        Score streamed = Scorer.score(s, new ByteArrayInputStream(bytes), 8);
        assertThat(streamed).isEqualTo(inMemory);
        return inMemory.publicAuc();
    }

    private static void assertSameValue(String literal) throws Exception {
        assertThat(plainAgainstQuoted(FOUR, literal, "\n")).as(literal).isEqualTo(0.5);
        assertThat(plainAgainstQuoted(FOUR, literal, "\r\n")).as(literal + " CRLF").isEqualTo(0.5);
        assertThat(plainAgainstQuoted(NAMED, literal, "\n")).as(literal + " named Ids").isEqualTo(0.5);
    }

    @Test
    void plainScoresHaveTheValuesOfTheOtherPath() throws Exception {
        for (String s : new String[] {"0", "-0", "+0", "-0.0", "+0.0", "0.5", ".5", "5.", "+.5e-3", "-7", "1e5", "1E5",
            "1e+5", "1e-5", "0001.500", "0.000001", "0.123456", "1.5E+3", "9007199254740992", "9007199254740993",
            "-9007199254740993", "0.9007199254740993", "123456789012345678", "1234567890123456789",
            "12345678901234567890123", "1e22", "1e23", "1e-22", "1e-23", "123e20", "123e-25", "4.9e-324", "2e-324",
            "1e-400", "2.2250738585072011e-308", "2.2250738585072012e-308", "1.7976931348623157e308", "1e308",
            "-1e308", "0.1000000000000000055511151231257827021181583404541015625", "1e0000000000000000000000000005",
            "1e-99999999999999999999", "0." + "0".repeat(400) + "1", "9".repeat(5000) + "e-5000",
            ".".concat("9".repeat(400)), "0.30000000000000004", "0.1e1", "100000000000000000000e-20"}) {
            assertSameValue(s);
        }
    }

    @Test
    void randomPlainScoresHaveTheValuesOfTheOtherPath() throws Exception {
        Random rnd = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String digits = new BigInteger(1 + rnd.nextInt(60), rnd).toString();
            int point = rnd.nextInt(digits.length() + 1);
            StringBuilder s = new StringBuilder();
            s.append(switch (rnd.nextInt(4)) {
                case 0 -> "-";
                case 1 -> "+";
                default -> "";
            });
            s.append(digits, 0, point);
            if (point < digits.length() || rnd.nextBoolean()) {
                s.append('.').append(digits, point, digits.length());
            }
            if (rnd.nextInt(3) == 0) {
                s.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(70) - 35);
            }
            String literal = s.toString();
            assertThat(plainAgainstQuoted(FOUR, literal, "\n")).as(literal).isEqualTo(0.5);
        }
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(x)) {
                String literal = i % 2 == 0 ? Double.toString(x) : String.format(Locale.ROOT, "%.6f", x);
                assertThat(plainAgainstQuoted(FOUR, literal, "\n")).as(literal).isEqualTo(0.5);
            }
        }
    }

    @Test
    void aFileScoresTheSameWithEveryFieldQuoted() throws Exception {
        Random rnd = new Random(3);
        int n = 5000;
        Solution s = TestSolutions.of(n, i -> Integer.toString(i));
        Solution named = TestSolutions.of(n, i -> "x" + i);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, rnd);
        StringBuilder plain = new StringBuilder("\uFEFFId,Predicted\n");
        StringBuilder quoted = new StringBuilder("Id,Predicted\n");
        StringBuilder plainNamed = new StringBuilder("Id,Predicted\r\n");
        for (int k = 0; k < n; k++) {
            int id = order.get(k);
            String score = switch (rnd.nextInt(4)) {
                case 0 -> String.format(Locale.ROOT, "%.6f", rnd.nextDouble());
                case 1 -> Double.toString(rnd.nextGaussian());
                case 2 -> Integer.toString(rnd.nextInt(7) - 3);
                default -> String.format(Locale.ROOT, "%.3e", rnd.nextDouble() * 1e-3);
            };
            String end = rnd.nextBoolean() ? "\n" : "\r\n";
            plain.append(id).append(',').append(score).append(end);
            quoted.append('"').append(id).append("\",\"").append(score).append('"').append(end);
            plainNamed.append('x').append(id).append(',').append(score).append(end);
        }
        Score expected = Scorer.score(s, quoted.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bytes = plain.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(Scorer.score(s, bytes)).isEqualTo(expected);
        assertThat(Scorer.score(s, new ByteArrayInputStream(bytes), 64)).isEqualTo(expected);
        byte[] withoutLastEnd = plain.toString().stripTrailing().getBytes(StandardCharsets.UTF_8);
        assertThat(Scorer.score(s, withoutLastEnd)).isEqualTo(expected);
        assertThat(Scorer.score(named, plainNamed.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void problemsAmongPlainLinesKeepTheirLineNumbers() {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i).append(",0.").append(i).append('\n');
        }
        Solution s = TestSolutions.of(1000, i -> Integer.toString(i));
        String ok = sb.toString();
        assertThat(refused(s, ok.replace("\n700,0.700\n", "\n700,0.700\n17,0.5\n")).getMessage())
                .isEqualTo("duplicate Id 17 on line 703, first on line 19");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500,0.5OO\n")).getMessage())
                .isEqualTo("\"0.5OO\" is not a number on line 502 (Id 500)");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500,1e400\n")).getMessage())
                .isEqualTo("\"1e400\" on line 502 (Id 500) is too large for a double: scores must be finite numbers");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500,0.500\n\n")).getMessage())
                .isEqualTo("line 503 is blank");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500,0.500\r501,0.1\n")).getMessage())
                .startsWith("line 502 has a carriage return");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n0500,0.500\n")).getMessage())
                .startsWith("unknown Id \"0500\" on line 502");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500,0.500,1\n")).getMessage())
                .startsWith("line 502 has 3 fields");
        assertThat(refused(s, ok.replace("\n500,0.500\n", "\n500, 0.500\n")).getMessage())
                .startsWith("\" 0.500\" on line 502 (Id 500) has spaces around the number");
    }

    private static SubmissionRejectedException refused(Solution s, String upload) {
        byte[] bytes = upload.getBytes(StandardCharsets.UTF_8);
        SubmissionRejectedException e = catchThrowableOfType(SubmissionRejectedException.class,
                () -> Scorer.score(s, bytes));
        assertThat(e).as("refused").isNotNull();
        SubmissionRejectedException streamed = catchThrowableOfType(SubmissionRejectedException.class,
                () -> Scorer.score(s, new ByteArrayInputStream(bytes), 8));
        assertThat(streamed).as("refused when streamed").isNotNull();
        assertThat(streamed.getMessage()).isEqualTo(e.getMessage());
        return e;
    }
}
