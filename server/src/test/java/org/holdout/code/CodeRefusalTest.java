package org.holdout.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every code-zip sentence has a Chinese twin with the same arguments, and each reads in the reader's language. */
class CodeRefusalTest {
    private static TreeSet<String> placeholders(String template) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(template);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everyKeyHasAChineseSentenceWithTheSameArguments() {
        for (CodeRefusal.Key k : CodeRefusal.Key.values()) {
            assertThat(placeholders(k.chinese())).as(k.name()).isEqualTo(placeholders(k.english()));
            assertThat(k.chinese()).as(k.name()).isNotEqualTo(k.english()).matches("(?s).*\\p{IsHan}.*");
        }
    }

    @Test
    void aNestedRefusalReadsInOneLanguage() {
        CodeRefusal r = CodeRefusal.of(CodeRefusal.Key.DAMAGED, CodeRefusal.of(CodeRefusal.Key.CRC, "\"a.py\""));
        assertThat(r.english()).isEqualTo("The zip is damaged: entry \"a.py\"'s CRC-32 does not match its bytes.");
        assertThat(r.in(Locale.forLanguageTag("zh-TW"))).isEqualTo("zip 檔已損壞：項目 \"a.py\" 的 CRC-32 與內容不符。");
        assertThat(r.in(Locale.ENGLISH)).isEqualTo(r.english()).isEqualTo(r.toString());
    }
}
