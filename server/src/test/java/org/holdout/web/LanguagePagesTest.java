package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
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
            assertThat(unknown.body()).as("in Chinese: the switch above chose it").contains("xx", "en 和 zh-TW");
        }
    }

    /** What a student meets when something is wrong is in Chinese too: the login form's refusals and the 4xx pages. */
    @Test
    void theRefusalsAStudentMeetsAreInChinese(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ben = server.login("ben", Role.STUDENT);
            assertThat(ben.uploadApi("b.csv", TinyCompetition.submission(5)).statusCode()).isEqualTo(201);
            Client ann = server.login("ann", Role.STUDENT);
            Map<String, String> pages = new java.util.LinkedHashMap<>();
            pages.put("/submit?submission=1", "你沒有編號 1 的上傳。");
            pages.put("/submissions/abc/histogram.png", "沒有上傳 abc。");
            pages.put("/leaderboard?board=x", "沒有「x」這個排行榜");
            pages.put("/leaderboard?board=private", "非公開排行榜尚未公布");
            pages.put("/c/nope/leaderboard", "沒有名為「nope」的競賽。");
            pages.put("/data/nope.csv", "沒有名為「nope.csv」的下載檔案。");
            pages.put("/data/preview/nope", "沒有名為「nope」的預覽");
            for (var e : pages.entrySet()) {
                HttpResponse<String> r = get(ann, e.getKey(), "zh-TW");
                assertThat(r.statusCode()).as(e.getKey()).isBetween(400, 404);
                assertThat(r.body()).as(e.getKey()).contains(e.getValue()).doesNotContain("There is no", "is not one",
                        "not revealed yet");
            }
            assertThat(get(ann, "/leaderboard?board=private", "en").body()).as("and in English as before")
                    .contains("The private leaderboard is not revealed yet");

            Client anonymous = new Client(server.url());
            get(anonymous, "/login", "zh-TW");
            HttpResponse<String> expired = anonymous.http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/login")).header("Accept-Language", "zh-TW").header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    "username=ann&password=x&_csrf=stale")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("這個表單已過期；請重新登入。").doesNotContain("This form has expired");
            String csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(expired.body())
                    .results().findFirst().orElseThrow().group(1);
            HttpResponse<String> wrong = anonymous.http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/login")).header("Accept-Language", "zh-TW").header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    "username=ann&password=x&_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("帳號或密碼錯誤。").doesNotContain("Wrong username");
        }
    }

    @Test
    void theSwitchTakesTheTagsPeopleTypeForChineseAndAnswersAnUnknownOneInThePagesLanguage(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir, Map.of())) {
            for (String tag : new String[] {"zh_TW", "zh", "zh-Hant", "ZH-tw"}) {
                Client c = new Client(server.url());
                HttpResponse<String> r = c.get("/language/" + tag + "?next=%2Flogin");
                assertThat(r.statusCode()).as(tag).isEqualTo(303);
                assertThat(r.headers().allValues("Set-Cookie")).as(tag).anyMatch(v -> v.startsWith("holdout_lang=zh-TW"));
            }
            Client chinese = new Client(server.url());
            chinese.get("/language/zh?next=%2Flogin");
            HttpResponse<String> unknown = chinese.get("/language/xx");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("這裡沒有語言 xx").doesNotContain("There is no language");
        }
    }

    private static HttpResponse<String> send(Client c, HttpRequest.Builder b, String acceptLanguage)
            throws Exception {
        if (c.token != null) {
            b.header("Authorization", "Bearer " + c.token);
        }
        return c.http.send(b.header("Accept-Language", acceptLanguage).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every student page in zh-TW: no key left unresolved, no English sentence of the page left. */
    @Test
    void everyStudentPageAndItsTextsAreInChinese(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ann = server.login("ann", Role.STUDENT);
            Client staff = server.login("tia", Role.STAFF);
            ann.get("/language/zh-TW?next=%2F");
            assertThat(ann.get("/submissions").body()).contains("我的上傳", "還沒有任何上傳。").doesNotContain("??");
            ann.follow(ann.uploadForm("good.csv", TinyCompetition.submission(1)));

            String mine = ann.get("/submissions").body();
            assertThat(mine).contains("最終選擇", "今天還剩 2 次（共 3 次）", "沒有標記：計入你公開分數最好的 1 個。",
                    "已計分", "儲存最終選擇", "非公開排行榜").doesNotContain("??", "None marked", "Final selection",
                    "Save final selection");
            String board = ann.get("/leaderboard").body();
            assertThat(board).contains("公開排行榜", "名稱", "上傳次數", "非公開排行榜在截止時間後公布。")
                    .doesNotContain("??", "Public leaderboard", "Best public score");
            String code = ann.get("/code").body();
            assertThat(code).contains("上傳你的程式碼", "你最新的上傳", "還沒有。", "這個競賽沒有程式碼上傳")
                    .doesNotContain("??", "Upload your code", "None yet.");
            assertThat(ann.get("/submissions/selection").body()).doesNotContain("??");
            HttpResponse<String> notYours = send(ann, HttpRequest.newBuilder(URI.create(server.url() + "/api/selection"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"submissions\": [999]}")), "zh-TW");
            assertThat(notYours.statusCode()).isEqualTo(400);
            assertThat(notYours.body()).contains("上傳 999 不是你在這個競賽中的上傳。");
            assertThat(send(ann, HttpRequest.newBuilder(URI.create(server.url() + "/api/selection")).GET(), "zh-TW")
                    .body()).contains("\"why\":\"沒有標記：計入你公開分數最好的 1 個。\"");
            assertThat(ann.get("/nowhere").body()).contains("網址 /nowhere 沒有任何內容。");

            assertThat(staff.api("PUT", "/api/staff/deadline", staff.token,
                    HttpRequest.BodyPublishers.ofString("{\"deadline\":\"2026-03-01T00:00:00Z\"}"),
                    "application/json").statusCode()).isEqualTo(200);
            assertThat(staff.api("POST", "/api/staff/reveal", staff.token, HttpRequest.BodyPublishers.noBody(),
                    null).statusCode()).isEqualTo(200);
            String revealed = ann.get("/leaderboard").body();
            assertThat(revealed).contains("非公開分數已公布", ">非公開<").doesNotContain("??");
            String privateBoard = ann.get("/leaderboard?board=private").body();
            assertThat(privateBoard).contains("非公開排行榜", "公開名次", "變動", "最終選擇").doesNotContain("??",
                    "Private leaderboard", "Shift");
            String closed = ann.get("/submissions").body();
            assertThat(closed).contains("截止時間已過：最終選擇不能再變更。", "非公開分數").doesNotContain("??");
            HttpResponse<String> late = ann.follow(ann.uploadForm("late.csv", TinyCompetition.submission(2)));
            assertThat(late.body()).contains("競賽已在 2026-03-01", "不再接受上傳。");
        }
    }

    /** A refused file: the page and the API say why in the student's language; the database keeps the English. */
    @Test
    void aRefusalIsShownInTheStudentsLanguageAndStoredInEnglish(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ann = server.login("ann", Role.STUDENT);
            byte[] bad = "Id,Predicted\n0,0.5\n1,abc\n".getBytes(StandardCharsets.UTF_8);
            ann.get("/language/zh-TW?next=%2F");
            HttpResponse<String> page = ann.follow(ann.uploadForm("bad.csv", bad));
            assertThat(page.body()).contains("檔案不被接受", "第 3 行（Id 1）的 &quot;abc&quot; 不是數字；檔案還有 38 個問題");
            assertThat(ann.get("/submissions").body()).contains("第 3 行（Id 1）的 &quot;abc&quot; 不是數字", "不被接受");
            ann.get("/language/en?next=%2F");
            assertThat(ann.get("/submissions").body())
                    .contains("&quot;abc&quot; is not a number on line 3 (Id 1); the file has 38 more problems");
            assertThat(server.app.submissions().repository().ofCompetition(server.competition().id()).get(0)
                    .message())
                    .isEqualTo("\"abc\" is not a number on line 3 (Id 1); the file has 38 more problems");

            Client api = new Client(server.url());
            api.token = ann.token;
            Client.Multipart mp = new Client.Multipart().file("file", "bad.csv", TinyCompetition.missingId());
            HttpResponse<String> zh = send(api, HttpRequest.newBuilder(URI.create(server.url() + "/api/submissions"))
                    .header("Content-Type", mp.contentType()).POST(mp.publisher()), "zh-TW,zh;q=0.9");
            assertThat(zh.statusCode()).isEqualTo(422);
            assertThat(zh.body()).contains("\"error\":\"缺少 Id 7（檔案有 40 個測試 Id 中的 39 個）\"");
            HttpResponse<String> en = send(api, HttpRequest.newBuilder(URI.create(server.url() + "/api/submissions"))
                    .header("Content-Type", mp.contentType()).POST(mp.publisher()), "en-US");
            assertThat(en.body()).contains("\"error\":\"missing Id 7 (the file has 39 of the 40 test Ids)\"");
            HttpResponse<String> list = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/submissions")).GET(), "zh-TW");
            assertThat(list.body()).contains("缺少 Id 7", "第 3 行（Id 1）的 \\\"abc\\\" 不是數字");

            HttpResponse<String> gz = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/submissions?filename=s.csv.gz")).header("Content-Type", "text/csv").POST(
                    HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x1f, (byte) 0x8b, 8, 0})), "zh-TW");
            assertThat(gz.statusCode()).isEqualTo(415);
            assertThat(gz.body()).contains("\\\"s.csv.gz\\\"是 gzip 壓縮檔，不是 CSV");
            HttpResponse<String> none = send(new Client(server.url()), HttpRequest.newBuilder(URI.create(
                    server.url() + "/api/submissions")).GET(), "zh-TW");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("請先登入：以「Authorization: Bearer <權杖>」送出你的 API 權杖。");
        }
    }

    /** A student who has used the day's uploads is told so in Chinese, with the day and when it resets. */
    @Test
    void theDailyLimitIsExplainedInChinese(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "1"))) {
            Client ann = server.login("ann", Role.STUDENT);
            ann.uploadApi("a.csv", TinyCompetition.submission(1));
            Client.Multipart mp = new Client.Multipart().file("file", "b.csv", TinyCompetition.submission(2));
            HttpResponse<String> r = send(ann, HttpRequest.newBuilder(URI.create(server.url() + "/api/submissions"))
                    .header("Content-Type", mp.contentType()).POST(mp.publisher()), "zh-TW");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).contains("已達每日上限：你已用完", "的全部 1 次上傳；次數在");
            ann.get("/language/zh-TW?next=%2F");
            assertThat(ann.get("/submissions").body()).contains("已達每日上限").doesNotContain("Daily limit reached");
        }
    }

    /** A refused code zip: the Code & report page and {@code POST /api/code} say why in the student's language. */
    @Test
    void aCodeZipRefusalIsShownInTheStudentsLanguage(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of())) {
            Client staff = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(staff.api("PUT", "/api/staff/settings", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"deadline\": \"2026-03-05T23:59\", \"codeDeadline\": \"2026-03-07T23:59\", \"reason\": \"plan\"}"),
                    "application/json").statusCode()).isEqualTo(200);
            byte[] notZip = "these bytes are not a zip at all".getBytes(StandardCharsets.UTF_8);
            ann.get("/language/zh-TW?next=%2F");
            HttpResponse<String> none = ann.get("/code/latest.zip");
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).contains("你還沒有在這裡上傳過程式碼的 zip 檔。");
            ann.get("/code");
            Client.Multipart form = new Client.Multipart().field("_csrf", ann.csrf()).file("file", "code.zip", notZip);
            HttpResponse<String> page = ann.http.send(HttpRequest.newBuilder(URI.create(ann.base + "/code"))
                    .header("Content-Type", form.contentType()).POST(form.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(422);
            assertThat(page.body()).contains("檔案不是 zip 檔（沒有 zip 目錄）；請用 zip、7-Zip 或系統內建的「壓縮」功能製作。")
                    .doesNotContain("??", "The file is not a zip");

            Client api = new Client(server.url());
            api.token = ann.token;
            HttpResponse<String> zh = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/code?filename=code.zip")).header("Content-Type", "application/zip").POST(
                    HttpRequest.BodyPublishers.ofByteArray(notZip)), "zh-TW");
            assertThat(zh.statusCode()).isEqualTo(422);
            assertThat(zh.body()).contains("\"error\":\"檔案不是 zip 檔（沒有 zip 目錄）");
            HttpResponse<String> en = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/code?filename=code.zip")).header("Content-Type", "application/zip").POST(
                    HttpRequest.BodyPublishers.ofByteArray(notZip)), "en");
            assertThat(en.body()).contains("\"error\":\"The file is not a zip (it has no zip directory)");
            HttpResponse<String> fakePdf = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/code?filename=code.zip")).header("Content-Type", "application/zip").POST(
                    HttpRequest.BodyPublishers.ofByteArray(Zips.ofText("train.py", "print(1)", "report.pdf",
                    "not a pdf"))), "zh-TW");
            assertThat(fakePdf.statusCode()).isEqualTo(201);
            assertThat(fakePdf.body()).contains("report.pdf", "的檔名是 .pdf，但內容不是 PDF（開頭不是 %PDF-），所以不算是報告。");
            HttpResponse<String> wrongType = send(api, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/code")).header("Content-Type", "application/json").POST(
                    HttpRequest.BodyPublishers.ofString("{}")), "zh-TW");
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(wrongType.body()).contains("請以 multipart 欄位 'file' 或 application/zip 內容傳送 zip 檔，而不是 application/json。");
        }
    }

    /** The rarer answers: a 405 and a malformed multipart body, in Chinese. */
    @Test
    void aWrongMethodAndAnUnreadableBodyAreExplainedInChinese(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of())) {
            Client ann = server.login("ann", Role.STUDENT);
            HttpResponse<String> logout = get(ann, "/logout", "zh-TW");
            assertThat(logout.statusCode()).isEqualTo(405);
            assertThat(logout.body()).contains("這個網址只接受 POST 請求，不接受 GET（它是表單的按鈕）。");
            assertThat(get(ann, "/logout", "en").body()).contains("This address takes POST requests, not GET (it is"
                    + " the button of a form).");
            HttpResponse<String> broken = send(ann, HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/submissions")).header("Content-Type", "multipart/form-data").POST(
                    HttpRequest.BodyPublishers.ofString("Id,Predicted\n0,1\n")), "zh-TW");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).contains("無法讀取 multipart/form-data 內容", "boundary");
        }
    }

    /** Every staff page in zh-TW: a Chinese heading, no key left unresolved, the English heading gone. */
    @Test
    void everyStaffPageIsInChinese(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("daily.limit", "3"))) {
            Client ta = server.login("ta", Role.STAFF);
            Client ann = server.login("ann", Role.STUDENT);
            ann.uploadApi("a.csv", TinyCompetition.submission(1));
            assertThat(ta.api("PUT", "/api/staff/thresholds/simple", ta.token, HttpRequest.BodyPublishers.ofString(
                    "{\"public\": 0.6, \"private\": 0.61, \"reason\": \"plan\"}"), "application/json").statusCode())
                    .isEqualTo(200);
            assertThat(ta.api("POST", "/api/staff/exclusions", ta.token, HttpRequest.BodyPublishers.ofString(
                    "{\"submission\": 1, \"reason\": \"copied\"}"), "application/json").statusCode()).isEqualTo(201);
            ta.get("/language/zh-TW?next=%2F");
            Map<String, String[]> pages = new java.util.LinkedHashMap<>();
            pages.put("/staff", new String[] {"<h1>助教</h1>", "門檻", "訓練參考基準線", "最新的上傳", "儲存截止時間",
                    "：公開 0.60000，非公開 0.61000，點數 ", "已計分", "歷史紀錄"});
            pages.put("/staff/settings", new String[] {"<h1>設定</h1>", "截止時間之後", "誰可以參加", "儲存設定"});
            pages.put("/staff/audit", new String[] {"<h1>稽核紀錄</h1>", "這個競賽上的每一項助教操作"});
            pages.put("/staff/competitions/new", new String[] {"<h1>新增競賽</h1>", "訓練影像", "建立競賽",
                    "data-t-not-created=\"沒有建立任何競賽：{0}\""});
            pages.put("/staff/exclusions", new String[] {"<h1>排除</h1>", "ann 的上傳 1", "生效中", "取消排除"});
            pages.put("/staff/grades", new String[] {"<h1>成績</h1>", "非公開分數尚未公布", "公開 → 非公開的名次變動"});
            pages.put("/staff/rescore", new String[] {"<h1>以修正後的答案重新計分</h1>", "預覽重新計分"});
            pages.put("/staff/code", new String[] {"<h1>程式碼上傳</h1>", "沒有：學生無法上傳程式碼", "需要報告？"});
            pages.put("/staff/submissions", new String[] {"<h1>所有上傳</h1>", "每天的上傳", "篩選", "已計分"});
            for (Map.Entry<String, String[]> page : pages.entrySet()) {
                HttpResponse<String> r = ta.get(page.getKey());
                assertThat(r.statusCode()).as(page.getKey()).isEqualTo(200);
                assertThat(r.body()).as(page.getKey()).contains(page.getValue()).doesNotContain("??", "Back to the"
                        + " staff page", "Reason (optional", "<th>Name</th>", "<th>Student</th>");
            }

            HttpResponse<String> staged = ta.api("PUT", "/api/staff/staging/bundle.zip", ta.token,
                    HttpRequest.BodyPublishers.ofByteArray(Zips.ofText("bundle.json", "{}", "train.npy", "x")),
                    "application/octet-stream");
            String stagedId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(staged.body()).path("id")
                    .asText();
            HttpResponse<String> started = ta.api("POST", "/api/staff/competitions", ta.token,
                    HttpRequest.BodyPublishers.ofString("{\"slug\": \"hw9\", \"bundle\": \"" + stagedId + "\"}"),
                    "application/json");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String jobId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.body()).path("id")
                    .asText();
            String job = "";
            for (int i = 0; i < 200 && !job.contains("沒有建立任何東西"); i++) {
                Thread.sleep(50);
                job = ta.get("/staff/competitions/jobs/" + jobId).body();
            }
            assertThat(job).contains("<title>正在建立 hw9", "步驟", "沒有建立任何東西").doesNotContain("??");
        }
    }
}
