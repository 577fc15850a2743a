package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.account.Role;
import org.holdout.testing.Chrome;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The student pages in headless Chromium, in both languages, at a phone's width (390 px): every form control has a
 * label, every image an alt text, nothing scrolls sideways; the keyboard alone reaches the file input and the submit
 * button, with a visible focus. Phone screenshots in {@code target/screenshots/a11y-*}.
 */
@Tag("slow")
class AccessibilityBrowserTest {
    private static final List<String> PAGES = List.of("/", "/data", "/submit", "/submissions", "/leaderboard",
            "/code", "/account");
    /** What is wrong on the page, one line per problem (an empty list: nothing). */
    private static final String PROBLEMS = """
            var problems = [];
            var shown = function (e) { return e.getClientRects().length > 0; };
            document.querySelectorAll('input, select, textarea').forEach(function (e) {
              if (e.type === 'hidden' || !shown(e)) { return; }
              var named = (e.labels && e.labels.length > 0) || e.getAttribute('aria-label')
                  || e.getAttribute('aria-labelledby') || e.title;
              if (!named) { problems.push('no label: ' + e.outerHTML.slice(0, 160)); }
            });
            document.querySelectorAll('img').forEach(function (i) {
              if (!i.hasAttribute('alt')) { problems.push('no alt: ' + i.outerHTML.slice(0, 160)); }
            });
            var width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > width) {
              var wide = [];
              document.querySelectorAll('body *').forEach(function (e) {
                var r = e.getBoundingClientRect();
                if (r.right > width + 1 && wide.length < 5) {
                  wide.push(e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(r.right));
                }
              });
              problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width + ' '
                  + wide.join(', '));
            }
            return problems;""";

    @Test
    void theStudentPagesHaveLabelsAltTextsNoSidewaysScrollAndWorkWithTheKeyboard(@TempDir Path dir)
            throws Exception {
        Chrome.assumeInstalled();
        Path shots = Files.createDirectories(Chrome.SHOTS);
        try (TestServer server = new TestServer(dir.resolve("server"), Map.of("daily.limit", "100"))) {
            Account mei = server.app.accounts().create("mei", "Lin Mei", null, Role.STUDENT, "password-mei")
                    .account();
            Account wei = server.app.accounts().create("wei", "Chen Wei", null, Role.STUDENT, "password").account();
            server.app.submissions().submit(server.competition(), wei, "wei.csv", TinyCompetition.submission(31));
            server.app.submissions().submit(server.competition(), mei, "a-rather-long-file-name-from-colab-"
                    + "notebook-final-v2.csv", TinyCompetition.submission(7));
            server.app.submissions().submit(server.competition(), mei, "constant.csv", constantFile());
            server.app.submissions().submit(server.competition(), mei, "bad.csv", TinyCompetition.missingId());
            server.app.thresholds().type(server.competition().id(), "simple", 0.6, 0.59, null, null, "ta");
            Client staff = server.login("staff", Role.STAFF);
            assertThat(staff.api("PUT", "/api/staff/settings", staff.token, HttpRequest.BodyPublishers.ofString(
                    "{\"codeDeadline\": \"2026-03-09T23:59\"}"), "application/json").statusCode()).isEqualTo(200);

            WebDriver driver = Chrome.start(dir.resolve("chrome"));
            try {
                driver.manage().window().setSize(new Dimension(390, 844));
                assertThat(js(driver, "return document.documentElement.clientWidth;")).isEqualTo(390L);
                List<String> problems = new ArrayList<>();
                for (String lang : List.of("en", "zh-TW")) {
                    driver.manage().deleteAllCookies();
                    driver.get(server.url() + "/language/" + lang + "?next=%2Flogin");
                    check(driver, "/login " + lang, problems);
                    shot(driver, shots, "a11y-login-" + lang);
                    Chrome.submitLogin(driver, "mei", "password-mei");
                    for (String page : PAGES) {
                        driver.get(server.url() + page);
                        assertThat(driver.getCurrentUrl()).as(page).isEqualTo(server.url() + page);
                        if (page.equals("/submissions")) {
                            js(driver, "document.querySelectorAll('details.histogram').forEach("
                                    + "function (d) { d.open = true; });");
                            Chrome.await(driver, 10).until(d -> (Boolean) js(d,
                                    "return Array.from(document.querySelectorAll('details.histogram img'))"
                                            + ".every(function (i) { return i.complete && i.naturalWidth > 0; });"));
                            assertThat(driver.findElements(By.cssSelector("details.histogram img"))).hasSize(2);
                            js(driver, "document.querySelector('details.histogram').scrollIntoView();");
                            shot(driver, shots, "a11y-histogram-" + lang);
                        }
                        check(driver, page + " " + lang, problems);
                        shot(driver, shots, "a11y" + (page.equals("/") ? "-overview" : page.replace('/', '-'))
                                + "-" + lang);
                    }
                }
                assertThat(problems).isEmpty();

                driver.get(server.url() + "/leaderboard");
                driver.findElement(By.cssSelector("#jump-to-me a")).click();
                assertThat(js(driver, "return location.hash;")).isEqualTo("#me");
                assertThat(driver.findElement(By.id("me")).getAttribute("class")).contains("mine");

                for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1280, 900))) {
                    driver.manage().window().setSize(size);
                    driver.get(server.url() + "/submit");
                    List<String> reached = tabUntilTheSubmitButton(driver);
                    assertThat(reached).as("Tab from the top at " + size).contains("input#file");
                    assertThat(reached.get(reached.size() - 1)).as("Tab from the top at " + size)
                            .isEqualTo("button.primary");
                    assertThat(js(driver, "return getComputedStyle(document.activeElement).outlineStyle;"))
                            .as("the focused button shows it").isEqualTo("solid");
                }
                driver.manage().window().setSize(new Dimension(390, 844));
                shot(driver, shots, "a11y-submit-focus-zh-TW");
            } finally {
                driver.quit();
            }
        }
    }

    /** Presses Tab from the top of the page until the submit form's button has the focus (at most 40 times). */
    private static List<String> tabUntilTheSubmitButton(WebDriver driver) {
        js(driver, "if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement e = driver.switchTo().activeElement();
            String name = e.getTagName() + (e.getAttribute("id").isEmpty() ? "" : "#" + e.getAttribute("id"))
                    + (e.getAttribute("class").isEmpty() ? "" : "." + e.getAttribute("class"));
            reached.add(name);
            if (name.equals("button.primary") && e.findElements(By.xpath("ancestor::form[@id='submit-form']")).size() == 1) {
                return reached;
            }
        }
        return reached;
    }

    @SuppressWarnings("unchecked")
    private static void check(WebDriver driver, String page, List<String> problems) {
        for (Object p : (List<Object>) js(driver, PROBLEMS)) {
            problems.add(page + ": " + p);
        }
    }

    private static Object js(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void shot(WebDriver driver, Path shots, String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] constantFile() {
        StringBuilder sb = new StringBuilder("Id,Predicted\n");
        for (int i = 0; i < TinyCompetition.ROWS; i++) {
            sb.append(i).append(",0.5\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
