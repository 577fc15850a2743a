package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.holdout.competition.Competition;
import org.holdout.competition.LatePolicy;
import org.holdout.scoring.Refusal;
import org.holdout.submission.QuotaRules;
import org.holdout.submission.StoredMessage;
import org.holdout.submission.SubmissionService;
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

    @Test
    void storedMessagesReadInEnglishAsStoredAndInChinese() {
        Competition c = new Competition(1, "hw", "HW", Path.of("b"), ZoneId.of("Asia/Taipei"), 5,
                Instant.parse("2026-06-01T15:59:59Z"), false, Instant.EPOCH, 2, null, false, LatePolicy.REFUSE);
        for (StoredMessage m : List.of(QuotaRules.limitMessage(c, Instant.parse("2026-03-10T15:59:59Z")),
                QuotaRules.deadlineMessage(c), SubmissionService.NOT_STORED, SubmissionService.NOT_SCORED,
                StoredMessage.of("You already have 2 uploads being scored; wait for their results, then upload"
                        + " again. This one was not stored and does not count against your limit.", "submission.busy",
                        2))) {
            StoredMessage stored = StoredMessage.parse(m.english(), m.json());
            assertThat(Web.message(Language.ENGLISH, stored)).isEqualTo(m.english());
            assertThat(Web.message(Language.TRADITIONAL_CHINESE, stored)).as(m.key())
                    .containsPattern("[\\u4e00-\\u9fff]").doesNotContain("{");
        }
        assertThat(Web.message(Language.TRADITIONAL_CHINESE, QuotaRules.limitMessage(c,
                Instant.parse("2026-03-10T15:59:59Z")))).isEqualTo("已達每日上限：你已用完 2026-03-10（Asia/Taipei）的全部 5"
                + " 次上傳；次數在 2026-03-11 00:00 GMT+8 重新計算。");
    }

    @Test
    void aRefusalSurvivesTheDatabaseAsJson() {
        Refusal r = Refusal.of(Refusal.Key.MORE, Refusal.of(Refusal.Key.FIELD_COUNT, 7,
                Refusal.of(Refusal.Key.FIELDS, "3")), Refusal.of(Refusal.Key.MORE_PROBLEMS, "1,233"));
        StoredMessage back = StoredMessage.parse(r.english(), StoredMessage.of(r).json());
        assertThat(back.refusal()).isEqualTo(r);
        assertThat(Web.message(Language.ENGLISH, back))
                .isEqualTo("line 7 has 3 fields, expected 2 (Id,Predicted); the file has 1,233 more problems");
        assertThat(Web.message(Language.TRADITIONAL_CHINESE, back))
                .isEqualTo("第 7 行有 3 個欄位，應為 2 個（Id,Predicted）；檔案還有 1,233 個問題");
        assertThat(StoredMessage.parse("x", "{\"key\":\"scorer.NO_SUCH\",\"args\":[]}")).isNull();
        assertThat(StoredMessage.parse("x", "not json")).isNull();
    }
}
