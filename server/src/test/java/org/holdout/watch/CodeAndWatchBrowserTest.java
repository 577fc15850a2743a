package org.holdout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.holdout.account.Role;
import org.holdout.testing.Chrome;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The code step in real headless Chromium: staff set the code deadline and report rule on the settings page, a student
 * finds Code &amp; report in the menu and uploads a zip through the page, staff see it on the code uploads page, then
 * watch every submission with its charts. Screenshots go to {@code target/screenshots/}.
 */
@Tag("slow")
class CodeAndWatchBrowserTest {
    private static void shot(WebDriver driver, String name) throws Exception {
        Files.createDirectories(Chrome.SHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Chrome.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void login(WebDriver driver, TestServer server, String user, String password, String next) {
        driver.manage().deleteAllCookies();
        driver.get(server.url() + "/login?next=" + next);
        Chrome.submitLogin(driver, user, password);
        Chrome.await(driver, 20).until(d -> d.getCurrentUrl().endsWith(next));
    }

    @Test
    void staffOpenTheCodeStepAndAStudentUploadsTheirZipThroughThePage(@TempDir Path dir) throws Exception {
        Chrome.assumeInstalled();
        Path zip = Files.write(dir.resolve("hw3-code.zip"), Zips.code(true, "browser"));
        try (TestServer server = new TestServer(dir.resolve("server"), Map.of())) {
            server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
            server.app.accounts().create("mei", "Lin Mei", null, Role.STUDENT, "password-mei");
            WebDriver driver = Chrome.start(dir.resolve("chrome"));
            try {
                login(driver, server, "ta", "password-ta", "/staff/settings");
                ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2026-03-09T23:59:00';",
                        driver.findElement(By.name("codeDeadline")));
                driver.findElement(By.name("reportRule")).clear();
                driver.findElement(By.name("reportRule")).sendKeys("passing:boss");
                driver.findElement(By.id("save-button")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl().contains("saved="));
                assertThat(server.competition().reportRule().toString()).isEqualTo("passing:boss");
                assertThat(server.competition().codeDeadline()).isNotNull();

                login(driver, server, "mei", "password-mei", "/");
                driver.findElement(By.linkText("Code & report")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl().endsWith("/code"));
                assertThat(driver.findElement(By.id("report-rule")).getText())
                        .contains("A report PDF is required if you pass boss on both boards");
                driver.findElement(By.id("file")).sendKeys(zip.toAbsolutePath().toString());
                driver.findElement(By.id("code-button")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl().contains("uploaded="));
                assertThat(driver.findElement(By.id("latest-name")).getText()).isEqualTo("hw3-code.zip");
                assertThat(driver.findElement(By.id("latest-report")).getText()).isEqualTo("A report PDF is in it.");
                shot(driver, "code-student");

                login(driver, server, "ta", "password-ta", "/staff");
                driver.findElement(By.id("code-link")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl().endsWith("/staff/code"));
                assertThat(driver.findElement(By.cssSelector("tr[data-username=mei]")).getText())
                        .contains("Lin Mei", "yes");
                assertThat(driver.findElement(By.id("uploaded-count")).getText()).isEqualTo("1");
                shot(driver, "code-staff");

                var mei = server.app.accounts().repository().byUsername("mei").orElseThrow();
                for (long seed = 1; seed <= 4; seed++) {
                    server.app.submissions().submit(server.competition(), mei, "try-" + seed + ".csv",
                            TinyCompetition.submission(seed));
                    server.clock.advance(Duration.ofHours(20));
                }
                server.app.submissions().submit(server.competition(), mei, "bad.csv", TinyCompetition.missingId());
                server.app.thresholds().type(server.competition().id(), "simple", 0.55, 0.5, null, null, "ta");
                driver.get(server.url() + "/staff");
                driver.findElement(By.id("watch-link")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl()
                        .endsWith("/staff/submissions"));
                JavascriptExecutor js = (JavascriptExecutor) driver;
                Chrome.await(driver, 20).until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return ['uploads-chart', 'best-chart'].every(function (id) {"
                                + " var i = document.getElementById(id); return i.complete && i.naturalWidth === 720; });")));
                assertThat(driver.findElement(By.id("watch-count")).getText()).startsWith("5 of 5 submissions");
                shot(driver, "watch-staff");
                driver.findElement(By.name("state")).sendKeys("refused");
                driver.findElement(By.cssSelector("#watch-filter button")).click();
                Chrome.await(driver, 20).until(d -> d.getCurrentUrl().contains("state=refused"));
                assertThat(driver.findElements(By.cssSelector("#watch-table tbody tr"))).hasSize(1);
            } finally {
                driver.quit();
            }
        }
    }
}
