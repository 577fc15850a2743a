package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The score grammar: which literals are numbers, and that they mean what Double.parseDouble says. */
class DecimalTest {
    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Decimal.parse(b, 0, b.length);
    }

    @Test
    void plainDecimalLiteralsAreNumbers() {
        for (String s : new String[] {"1e5", ".5", "-0.0", "+1", "5.", "0", "-0", "1E-5", "1e+5", "0001.500",
            "4.9e-324", "2e-324", "1e-400", "1e308", "-1e308", "1.7976931348623157e308", "2.2250738585072012e-308",
            "123456789012345678901234567890", "0.1000000000000000055511151231257827021181583404541015625",
            "1e0000000000000000000000000005", "1e99999999999999999999", "1e-99999999999999999999",
            "0." + "0".repeat(400) + "1", "9".repeat(5000) + "e-5000", ".".concat("9".repeat(400))}) {
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
        assertThat(Double.doubleToRawLongBits(parse("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void everythingElseIsRefused() {
        for (String s : new String[] {"", " ", "NaN", "nan", "inf", "-Infinity", "0.5d", "1f", "0x1p-3", "0x10",
            "e5", "1e", "1e+", ".", "-.", "+-1", "--1", "1.2.3", " 1", "1 ", "1_000", "0,5", "١", "½"}) {
            assertThat(parse(s)).as("'%s'", s).isNaN();
        }
    }

    @Test
    void finiteLiteralsThatRoundToInfinityAreInfinite() {
        assertThat(parse("1e400")).isInfinite();
        assertThat(parse("-1.8e308")).isInfinite();
        assertThat(parse("1.7976931348623158e308")).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void randomSeventeenDigitLiteralsParseLikeTheJdk() {
        Random rnd = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(x)) {
                continue;
            }
            String s = i % 2 == 0 ? Double.toString(x) : String.format(Locale.ROOT, "%.17e", x);
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void refusalsExplainThemselves() {
        Refusal where = Refusal.of(Refusal.Key.WHERE, 5, "3");
        assertThat(Decimal.problem("", where).english()).isEqualTo("empty score on line 5 (Id 3)");
        assertThat(Decimal.problem("nan", where).english())
                .isEqualTo("nan on line 5 (Id 3): scores must be finite numbers");
        assertThat(Decimal.problem("0.5d", where).english()).isEqualTo("\"0.5d\" is not a number on line 5 (Id 3)");
        assertThat(Decimal.problem("\t1", where).english()).contains("has spaces around the number");
        assertThat(Decimal.problem("   ", where).english()).isEqualTo("\"   \" is not a number on line 5 (Id 3)");
        assertThat(Decimal.problem("0.5d", where).chinese()).isEqualTo("第 5 行（Id 3）的 \"0.5d\" 不是數字");
    }
}
