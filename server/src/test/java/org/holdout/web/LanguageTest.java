package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void theSwitchWinsOverTheBrowser() {
        assertThat(Language.choose("zh-TW", "en-US,en;q=0.9")).isEqualTo(Language.TRADITIONAL_CHINESE);
        assertThat(Language.choose("en", "zh-TW")).isEqualTo(Language.ENGLISH);
    }

    @Test
    void theBrowsersFirstLanguageWeHaveIsTaken() {
        assertThat(Language.choose(null, "zh-TW,zh;q=0.9,en-US;q=0.8")).isEqualTo(Language.TRADITIONAL_CHINESE);
        assertThat(Language.choose(null, "ja;q=0.9,zh-Hant;q=0.8,en;q=0.7")).isEqualTo(Language.TRADITIONAL_CHINESE);
        assertThat(Language.choose(null, "fr,en;q=0.5,zh;q=0.4")).isEqualTo(Language.ENGLISH);
        assertThat(Language.choose(null, "zh-CN")).as("Chinese readers get the Chinese pages")
                .isEqualTo(Language.TRADITIONAL_CHINESE);
        assertThat(Language.choose(null, "zh;q=0, en")).as("q=0 means not wanted").isEqualTo(Language.ENGLISH);
    }

    @Test
    void nothingUsableMeansEnglish() {
        assertThat(Language.choose(null, null)).isEqualTo(Language.ENGLISH);
        assertThat(Language.choose("klingon", "")).isEqualTo(Language.ENGLISH);
        assertThat(Language.choose(null, "de-DE")).isEqualTo(Language.ENGLISH);
        assertThat(Language.choose(null, ";;;q=abc,,")).isEqualTo(Language.ENGLISH);
    }

    @Test
    void theSwitchGoesBackOnlyToAPageOfThisServer() {
        assertThat(LanguageSwitch.localPath("/c/hw3/submit?submission=4")).isEqualTo("/c/hw3/submit?submission=4");
        assertThat(LanguageSwitch.localPath("https://evil.example/")).isEqualTo("/");
        assertThat(LanguageSwitch.localPath("//evil.example/")).isEqualTo("/");
        assertThat(LanguageSwitch.localPath("/\\evil.example/")).isEqualTo("/");
        assertThat(LanguageSwitch.localPath("/a\r\nSet-Cookie: x=1")).isEqualTo("/");
        assertThat(LanguageSwitch.localPath(null)).isEqualTo("/");
    }

    @Test
    void bothLanguagesHaveEveryText() throws IOException {
        Properties en = load("/i18n/messages.properties");
        Properties zh = load("/i18n/messages_zh_TW.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            for (int i = 0; i < 4; i++) {
                String slot = "{" + i + "}";
                assertThat(zh.getProperty(key).contains(slot)).as(key + " " + slot)
                        .isEqualTo(en.getProperty(key).contains(slot));
            }
        }
    }

    @Test
    void argumentsAreFilledInAsTheyAre() {
        assertThat(Messages.text(Language.ENGLISH, "submit.resets", "2026-03-02 00:00 GMT+8"))
                .isEqualTo("The count resets at 2026-03-02 00:00 GMT+8.");
        assertThat(Messages.text(Language.TRADITIONAL_CHINESE, "overview.limit.value", 12345))
                .isEqualTo("每天 12345 次計分上傳");
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LanguageTest.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
