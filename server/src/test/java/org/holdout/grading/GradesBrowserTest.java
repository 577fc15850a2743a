package org.holdout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.holdout.account.Role;
import org.holdout.testing.Chrome;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The staff grades page in headless Chromium: reached from the Staff page, its table, marks and chart. */
@Tag("slow")
class GradesBrowserTest {
    @Test
    void staffOpenTheGradesFromTheStaffPageAndSeeIntervalsMarksAndTheShakeUp(@TempDir Path tmp) throws Exception {
        Chrome.assumeInstalled();
        try (TestServer server = new TestServer(tmp.resolve("server"))) {
            server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
            for (String[] s : new String[][] {{"wei", "Chen Wei", "31"}, {"yu", "Wang Yu", "32"},
                {"hao", "Liu Hao", "33"}, {"mei", "Lin Mei", "0"}}) {
                var a = server.app.accounts().create(s[0], s[1], null, Role.STUDENT, "password").account();
                if (!s[2].equals("0")) {
                    server.app.submissions().submit(server.competition(), a, "model.csv",
                            TinyCompetition.submission(Long.parseLong(s[2])));
                }
            }
            server.app.thresholds().type(server.competition().id(), "simple", 0.6, 0.59, null, null, "ta");
            server.app.thresholds().type(server.competition().id(), "strong", 0.9, 0.88, null, null, "ta");
            WebDriver driver = Chrome.start(tmp.resolve("chrome"));
            try {
                driver.get(server.url() + "/login");
                Chrome.submitLogin(driver, "ta", "password-ta");
                driver.get(server.url() + "/staff");
                driver.findElement(By.id("grades-link")).click();
                Chrome.await(driver, 10).until(d -> d.getCurrentUrl().endsWith("/staff/grades"));

                List<WebElement> rows = driver.findElements(By.cssSelector("#grades tbody tr"));
                assertThat(rows).hasSize(4);
                assertThat(driver.findElement(By.id("grade-mei")).getText()).contains("Lin Mei", "0 + 0 = 0");
                assertThat(driver.findElements(By.cssSelector("#grades .ci")).stream().map(WebElement::getText)
                        .filter(t -> t.matches("\\d\\.\\d{5} – \\d\\.\\d{5}"))).hasSize(6);
                assertThat(driver.findElement(By.id("not-revealed")).isDisplayed()).isTrue();
                int marks = driver.findElements(By.cssSelector(".close-call")).size();
                assertThat(driver.findElement(By.id("close-calls")).getText()).isEqualTo(Integer.toString(marks));
                assertThat(driver.findElements(By.cssSelector("#shakeup circle"))).hasSize(3);
                assertThat(driver.findElement(By.id("shakeup")).getSize().getWidth()).isGreaterThan(300);
                assertThat(driver.findElement(By.id("download-canvas")).getAttribute("href"))
                        .endsWith("/api/staff/c/tiny/grades-canvas.csv");

                Path shots = Path.of("target", "screenshots");
                Files.createDirectories(shots);
                File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(f.toPath(), shots.resolve("staff-grades.png"), StandardCopyOption.REPLACE_EXISTING);
                ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                        "document.getElementById('shakeup').scrollIntoView()");
                f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(f.toPath(), shots.resolve("staff-grades-shakeup.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.quit();
            }
        }
    }
}
