package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.BrowserSession;
import org.holdout.testing.Chrome;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/** The pages in real headless Chromium: one browser for the whole class; screenshots in target/screenshots. */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    BrowserSession browser;
    TestServer server;
    WebDriver driver;
    Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        Chrome.assumeInstalled();
        dir = tmp;
        browser = new BrowserSession(new TestServer(tmp.resolve("server"), Map.of("daily.limit", "5")));
        server = browser.server;
        server.app.accounts().create("mei", "Lin Mei", null, Role.STUDENT, "password-mei");
        server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
        for (String[] s : new String[][] {{"wei", "Chen Wei", "31"}, {"yu", "Wang Yu", "32"}, {"hao", "Liu Hao", "33"}}) {
            var a = server.app.accounts().create(s[0], s[1], null, Role.STUDENT, "password").account();
            server.app.submissions().submit(server.competition(), a, "model.csv",
                    TinyCompetition.submission(Long.parseLong(s[2])));
        }
        server.app.thresholds().type(server.competition().id(), "simple", 0.6, 0.59, null, null, "ta");
        server.app.thresholds().type(server.competition().id(), "strong", 0.9, 0.88, null, null, "ta");

        driver = browser.startChrome(tmp.resolve("chrome"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aStudentLogsInUploadsAFileAndSeesTheScoreAndTheLeaderboardRow() throws Exception {
        browser.open("/leaderboard");
        assertThat(driver.getCurrentUrl()).contains("/login?next=%2Fleaderboard");
        browser.shot("login");
        browser.fillLogin("mei", "password-mei");
        assertThat(driver.getCurrentUrl()).endsWith("/leaderboard");

        browser.open("/");
        assertThat(driver.findElement(By.cssSelector("article.prose")).getText()).contains("Id,Predicted");
        browser.shot("overview");
        browser.open("/data");
        assertThat(driver.findElements(By.cssSelector("a.file"))).hasSize(4);
        assertThat(driver.findElement(By.cssSelector("a.file[href=\"/data/starter-kit.zip\"]")).getText())
                .contains("starter-kit.zip", "submission checker");
        for (String preview : new String[] {"preview-train", "preview-test"}) {
            assertThat(loadedWidth(preview)).as(preview + " loaded").isGreaterThan(0);
        }
        browser.shot("data");

        browser.open("/submit");
        assertThat(driver.findElement(By.id("left")).getText()).isEqualTo("5");
        Path csv = dir.resolve("my-predictions.csv");
        Files.write(csv, TinyCompetition.submission(7));
        driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        String score = Chrome.await(driver, 10)
                .until(d -> d.findElement(By.id("public-score"))).getText();
        assertThat(score).matches("0\\.\\d{5}|1\\.00000");
        assertThat(driver.findElement(By.id("left")).getText()).isEqualTo("4");
        browser.shot("submit");
        driver.navigate().refresh();
        assertThat(Chrome.await(driver, 10)
                .until(d -> d.findElement(By.id("public-score"))).getText()).isEqualTo(score);
        assertThat(driver.findElement(By.id("left")).getText()).as("a reload uploads nothing").isEqualTo("4");
        assertThat(uploadsOf("mei")).isEqualTo(1);

        Path bad = dir.resolve("broken.csv");
        Files.write(bad, TinyCompetition.missingId());
        driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(Chrome.await(driver, 10).until(d -> d.findElement(By.id("refusal")))
                .getText()).contains("7");
        assertThat(driver.findElement(By.id("left")).getText()).isEqualTo("4");
        browser.shot("submit-refused");
        driver.navigate().refresh();
        assertThat(Chrome.await(driver, 10).until(d -> d.findElement(By.id("refusal")))
                .getText()).contains("7");
        assertThat(uploadsOf("mei")).isEqualTo(2);

        browser.open("/submissions");
        assertThat(driver.findElement(By.id("submissions")).getText()).contains("my-predictions.csv", score,
                "broken.csv", "refused");
        assertThat(loadedWidth("score-chart")).as("the score chart loaded").isEqualTo(720);
        browser.shot("submissions");

        browser.open("/leaderboard");
        String mine = driver.findElement(By.cssSelector("tr.mine")).getText();
        assertThat(mine).contains("Lin Mei", score);
        assertThat(driver.findElements(By.cssSelector("tr.baseline"))).hasSize(2);
        browser.shot("leaderboard");

        browser.open("/account");
        driver.findElement(By.cssSelector("main form button")).click();
        String token = Chrome.await(driver, 10).until(d -> d.findElement(By.id("token")))
                .getText();
        assertThat(token).hasSizeGreaterThan(30);
        browser.shot("account");
        driver.navigate().refresh();
        Chrome.await(driver, 10).until(d -> d.findElement(By.cssSelector("main h1")));
        assertThat(driver.findElements(By.id("token"))).as("the token is shown once").isEmpty();
        assertThat(server.app.accounts().byToken(token)).as("a reload does not replace the token").isPresent();
    }

    /** The width of the picture the image element {@code id} loaded, or -1 while it has not finished loading. */
    private int loadedWidth(String id) {
        Number w = (Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete ? i.naturalWidth : -1;", id);
        return w.intValue();
    }

    private int uploadsOf(String username) {
        long id = server.app.accounts().repository().byUsername(username).orElseThrow().id();
        return server.app.submissions().repository().ofStudent(server.competition().id(), id).size();
    }

    @Test
    @Order(2)
    void onAPhoneThePagesFitTheScreen() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : new String[] {"submit", "leaderboard", "submissions", "data"}) {
                browser.open("/" + page);
                browser.shot("phone-" + page);
                Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow).as(page + " scrolls sideways").isLessThanOrEqualTo(0L);
                if (page.equals("submissions")) {
                    assertThat(driver.findElement(By.id("score-chart")).getSize().getWidth()).as("the chart fits")
                            .isLessThanOrEqualTo(390);
                    assertThat(loadedWidth("score-chart")).as("the phone's picture, legend below").isEqualTo(400);
                }
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(3)
    void staffSeeTheStaffPageAndStudentsDoNot() throws Exception {
        browser.open("/staff");
        assertThat(driver.findElement(By.id("error-message")).getText()).contains("Only staff");
        browser.shot("forbidden");
        browser.login("ta", "password-ta");
        browser.open("/staff");
        assertThat(driver.findElement(By.id("thresholds")).getText()).contains("simple", "0.60000", "0.59000");
        browser.shot("staff");
        browser.open("/nowhere");
        browser.shot("not-found");
    }

    @Test
    @Order(4)
    void onAPhoneAStudentChangesTheirPasswordAndLogsInWithTheNewOne() throws Exception {
        server.app.accounts().create("kai", "Kai", null, Role.STUDENT, "password-kai-generated");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.login("kai", "password-kai-generated");
            browser.open("/account");
            driver.findElement(By.name("current")).sendKeys("password-kai-generated");
            driver.findElement(By.name("password")).sendKeys("my own secret");
            driver.findElement(By.name("repeat")).sendKeys("my own secret");
            driver.findElement(By.cssSelector("form[action='/account/password'] button")).click();
            Chrome.await(driver, 10)
                    .until(d -> d.getPageSource().contains("Your password is changed"));
            Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("account page scrolls sideways").isLessThanOrEqualTo(0L);
            browser.shot("phone-account-password");
            driver.navigate().refresh();
            Chrome.await(driver, 10).until(d -> d.findElement(By.cssSelector("main h1")));

            browser.login("kai", "my own secret");
            assertThat(driver.getCurrentUrl()).doesNotContain("/login");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(5)
    void everyPageWorksUnderTheContentSecurityPolicyAndNoOtherSiteMayFrameIt() throws Exception {
        browser.login("mei", "password-mei");
        for (String page : new String[] {"/", "/data", "/submit", "/submissions", "/leaderboard", "/account",
            "/nowhere"}) {
            browser.open(page);
            assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return getComputedStyle(document.body).backgroundColor;")).as(page + " has its stylesheet")
                    .isEqualTo("rgb(245, 246, 248)");
        }
        browser.open("/data");
        assertThat(loadedWidth("preview-train")).isGreaterThan(0);
        browser.login("ta", "password-ta");
        browser.open("/staff");

        Path framing = dir.resolve("framing.html");
        Files.writeString(framing, "<!DOCTYPE html><iframe id=f src=\"" + server.url() + "/login\"></iframe>");
        driver.get(framing.toUri().toString());
        Thread.sleep(1000);
        driver.switchTo().frame("f");
        assertThat(driver.findElements(By.id("username"))).as("the login page inside another site's frame").isEmpty();
        driver.switchTo().defaultContent();

        java.util.List<String> logged = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .getAll().stream().map(e -> e.getMessage()).toList();
        assertThat(logged).as("console messages of every page this class opened")
                .filteredOn(m -> m.contains("Content Security Policy") && !m.contains("framing.html")
                        && !m.contains("frame-ancestors"))
                .isEmpty();
    }
    @Test
    @Order(6)
    void aFileDroppedOnTheSubmitPageIsScoredWithoutLeavingThePage() throws Exception {
        server.app.accounts().create("lan", "Lan", null, Role.STUDENT, "password-lan");
        browser.open("/");
        browser.login("lan", "password-lan");
        browser.open("/submit");
        var js = (org.openqa.selenium.JavascriptExecutor) driver;
        js.executeScript("window.stillThisPage = true;"
                + "const t = new DataTransfer(); t.items.add(new File([arguments[0]], 'dropped.csv', {type: 'text/csv'}));"
                + "document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', {dataTransfer: t,"
                + " bubbles: true, cancelable: true}));",
                new String(TinyCompetition.submission(9), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(driver.findElement(By.id("chosen")).getText()).startsWith("dropped.csv");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        String score = Chrome.await(driver, 10)
                .until(d -> d.findElement(By.id("public-score"))).getText();
        assertThat(score).matches("0\\.\\d{5}|1\\.00000");
        assertThat(js.executeScript("return window.stillThisPage === true;")).as("no page load").isEqualTo(true);
        assertThat(driver.findElement(By.id("left")).getText()).isEqualTo("4");
        assertThat(driver.getCurrentUrl()).as("a reload shows this result").contains("/submit?submission=");
        assertThat(uploadsOf("lan")).isEqualTo(1);
        browser.shot("submit-dropped");
        long id = server.app.accounts().repository().byUsername("lan").orElseThrow().id();
        assertThat(server.app.submissions().repository().ofStudent(server.competition().id(), id).get(0).fileName())
                .isEqualTo("dropped.csv");
    }
    @Test
    @Order(7)
    void theLanguageSwitchTurnsEveryPageChineseAndBack() throws Exception {
        browser.open("/");
        browser.login("mei", "password-mei");
        browser.open("/submit");
        driver.findElement(By.id("language")).click();
        Chrome.await(driver, 10).until(d -> d.findElement(By.cssSelector("main h1"))
                .getText().equals("上傳預測結果"));
        assertThat(driver.getCurrentUrl()).endsWith("/submit");
        assertThat(driver.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("zh-TW");
        browser.shot("zh-TW-submit");
        Path bad = dir.resolve("broken-zh.csv");
        Files.write(bad, TinyCompetition.missingId());
        driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(Chrome.await(driver, 10).until(d -> d.findElement(By.id("refusal")))
                .getText()).isEqualTo("缺少 Id 7（檔案有 40 個測試 Id 中的 39 個）");
        browser.shot("zh-TW-submit-refused");
        for (String page : new String[] {"submissions", "leaderboard", "data"}) {
            browser.open("/" + page);
            assertThat(driver.findElement(By.cssSelector("header nav")).getText()).contains("我的上傳", "排行榜");
            browser.shot("zh-TW-" + page);
        }
        Client staff = server.login("ta7", Role.STAFF);
        assertThat(staff.api("PUT", "/api/staff/deadline", staff.token, HttpRequest.BodyPublishers.ofString(
                "{\"deadline\":\"" + server.clock.instant().plusSeconds(30) + "\"}"), "application/json")
                .statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(staff.api("POST", "/api/staff/reveal", staff.token, HttpRequest.BodyPublishers.noBody(), null)
                .statusCode()).isEqualTo(200);
        browser.open("/leaderboard?board=private");
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("非公開排行榜");
        assertThat(driver.findElement(By.cssSelector("#private-leaderboard thead")).getText()).contains("公開名次",
                "變動");
        browser.shot("zh-TW-leaderboard-private");
        browser.open("/data");
        driver.findElement(By.id("language")).click();
        Chrome.await(driver, 10).until(d -> d.findElement(By.cssSelector("header nav"))
                .getText().contains("Leaderboard"));
        assertThat(driver.getCurrentUrl()).endsWith("/data");
        assertThat(driver.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("en");
    }
}
