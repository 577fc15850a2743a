package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages in English and in Traditional Chinese: by the browser's Accept-Language, or by the switch. */
class LanguagePagesTest {
    private static HttpResponse<String> get(Client c, String path, String acceptLanguage) throws Exception {
        return c.http.send(HttpRequest.newBuilder(URI.create(c.base + path)).header("Accept-Language", acceptLanguage)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChineseBrowserGetsChinesePagesAndTheSwitchChangesThemBack(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client anonymous = new Client(server.url());
            String login = get(anonymous, "/login", "zh-TW,zh;q=0.9,en;q=0.8").body();
            assertThat(login).contains("lang=\"zh-TW\"", ">帳號<", ">密碼<", "帳號由課程助教建立。");
            assertThat(get(anonymous, "/login", "en-US").body()).contains("lang=\"en\"", ">Username<");

            Client ann = server.login("ann", Role.STUDENT);
            String submit = get(ann, "/submit", "zh-TW").body();
            assertThat(submit).contains("上傳預測結果", "今天剩餘的上傳次數", "不被接受的檔案不計入次數。", "上傳並計分")
                    .doesNotContain("??");
            assertThat(get(ann, "/", "zh-TW").body()).contains("每天 3 次計分上傳", "尚未設定");
            assertThat(get(ann, "/data", "zh-TW").body()).contains("訓練影像（只有正常影像）").doesNotContain("??");
            assertThat(get(ann, "/account", "zh-TW").body()).contains("API 權杖", "變更密碼");
            assertThat(get(ann, "/nowhere", "zh-TW").body()).contains("找不到頁面");

            HttpResponse<String> toEnglish = ann.get("/language/en?next=%2Fsubmit");
            assertThat(toEnglish.statusCode()).isEqualTo(303);
            assertThat(toEnglish.headers().firstValue("Location")).hasValue("/submit");
            assertThat(toEnglish.headers().firstValue("Set-Cookie").orElseThrow()).contains("holdout_lang=en",
                    "Path=/", "SameSite=Lax");
            assertThat(get(ann, "/submit", "zh-TW").body()).as("the switch wins over the browser")
                    .contains("Submit predictions", "id=\"language\"", "href=\"/language/zh-TW\"");

            HttpResponse<String> back = ann.http.send(HttpRequest.newBuilder(URI.create(ann.base + "/language/zh-TW"))
                    .header("Referer", ann.base + "/leaderboard?board=private").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(back.headers().firstValue("Location")).as("back to the page the link was on")
                    .hasValue("/leaderboard?board=private");
            assertThat(get(ann, "/submit", "en").body()).contains("上傳預測結果");
            HttpResponse<String> elsewhere = ann.http.send(HttpRequest.newBuilder(URI.create(ann.base
                    + "/language/en")).header("Referer", "https://evil.example/x").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.headers().firstValue("Location")).as("another site's page").hasValue("/");
        }
    }

    @Test
    void theSwitchNeverSendsAnyoneToAnotherSite(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of())) {
            Client anonymous = new Client(server.url());
            for (String next : new String[] {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example"}) {
                HttpResponse<String> r = anonymous.get("/language/zh-TW?next=" + next);
                assertThat(r.statusCode()).isEqualTo(303);
                assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");
            }
            HttpResponse<String> unknown = anonymous.get("/language/xx?next=%2F");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("en and zh-TW");
        }
    }
}
