package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.holdout.account.Role;
import org.holdout.testing.Chrome;
import org.holdout.testing.Client;
import org.holdout.testing.CourseFiles;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13's "done when", in real headless Chromium: a TA creates a competition from the course's files on the New
 * competition page, sets its deadline, limit and a threshold, sees its calibration floors; a student uploads to it
 * through the page and through the API and sees the score and the board; the default competition is untouched.
 */
@Tag("slow")
class CreateCompetitionBrowserTest {

    @Test
    void aTaCreatesSetsUpAndAStudentCompetesInASecondCompetition(@TempDir Path dir) throws Exception {
        Chrome.assumeInstalled();
        Path train = Files.write(dir.resolve("trainingset.npy"), CourseFiles.train());
        Path test = Files.write(dir.resolve("testingset.npy"), CourseFiles.test());
        Path labels = Files.write(dir.resolve("labels.csv"), CourseFiles.labels(TinyCompetition.ROWS));
        try (TestServer server = new TestServer(dir.resolve("server"))) {
            server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
            WebDriver driver = Chrome.start(dir.resolve("chrome"));
            try {
                WebDriverWait wait = Chrome.await(driver, 30);
                driver.get(server.url() + "/login?next=/staff");
                Chrome.submitLogin(driver, "ta", "password-ta");
                wait.until(d -> d.getCurrentUrl().endsWith("/staff"));

                driver.findElement(By.id("new-competition")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/staff/competitions/new"));
                driver.findElement(By.id("slug")).sendKeys("hw5");
                driver.findElement(By.id("title")).sendKeys("Homework 5: anomalies");
                WebElement limit = driver.findElement(By.id("dailyLimit"));
                limit.clear();
                limit.sendKeys("4");
                driver.findElement(By.id("train")).sendKeys(train.toAbsolutePath().toString());
                driver.findElement(By.id("test")).sendKeys(test.toAbsolutePath().toString());
                driver.findElement(By.id("labels")).sendKeys(labels.toAbsolutePath().toString());
                JavascriptExecutor js = (JavascriptExecutor) driver;
                js.executeScript("document.getElementById('create-form').addEventListener('submit', function (e) {"
                        + " window.name = e.defaultPrevented ? 'sent by the script' : 'sent as a plain form'; });");
                driver.findElement(By.id("create-button")).click();

                wait.until(d -> d.getCurrentUrl().contains("/staff/competitions/jobs/"));
                assertThat(js.executeScript("return window.name;")).as("the page's script sent the files")
                        .isEqualTo("sent by the script");
                WebElement link = wait.until(d -> {
                    WebElement done = d.findElement(By.id("job-done"));
                    return done.isDisplayed() ? d.findElement(By.id("staff-link")) : null;
                });
                assertThat(driver.findElement(By.id("steps")).getText()).contains("check trainingset.npy",
                        "write the bundle");
                link.click();
                wait.until(d -> d.getCurrentUrl().endsWith("/c/hw5/staff"));
                assertThat(driver.findElement(By.cssSelector("main h2")).getText()).isEqualTo("Homework 5: anomalies");
                assertThat(server.competition("hw5").dailyLimit()).isEqualTo(4);

                driver.findElement(By.id("settings-link")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/c/hw5/staff/settings"));
                WebElement dailyLimit = driver.findElement(By.name("dailyLimit"));
                dailyLimit.clear();
                dailyLimit.sendKeys("3");
                js.executeScript("document.querySelector('[name=deadline]').value = '2099-06-01T23:59';");
                driver.findElement(By.id("save-button")).click();
                wait.until(d -> !d.findElements(By.id("settings-notice")).isEmpty());
                assertThat(server.competition("hw5").dailyLimit()).isEqualTo(3);
                assertThat(server.competition("hw5").deadline()).hasToString("2099-06-01T15:59:00Z");

                driver.get(server.url() + "/c/hw5/staff");
                WebElement simple = driver.findElement(By.id("threshold-simple"));
                simple.findElement(By.name("public")).sendKeys("0.6");
                simple.findElement(By.name("private")).sendKeys("0.55");
                simple.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("threshold-simple")).getText().contains("0.60000"));
                WebElement floors = wait.until(d -> {
                    d.navigate().refresh();
                    WebElement f = d.findElement(By.id("floors"));
                    return f.findElements(By.cssSelector("tbody tr")).isEmpty() ? null : f;
                });
                assertThat(floors.getText()).contains("mean training image");
                assertThat(server.competition().slug()).as("the default competition").isNotEqualTo("hw5");
                assertThat(server.competition().dailyLimit()).as("the default competition's limit").isNotEqualTo(3);

                Client ann = server.login("ann", Role.STUDENT);
                driver.manage().deleteAllCookies();
                driver.get(server.url() + "/login?next=/c/hw5/submit");
                Chrome.submitLogin(driver, "ann", "password-ann");
                wait.until(d -> d.getCurrentUrl().endsWith("/c/hw5/submit"));
                Path csv = Files.write(dir.resolve("mine.csv"), TinyCompetition.submission(7));
                driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
                driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
                String shown = wait.until(d -> d.findElements(By.id("public-score")).isEmpty() ? null
                        : d.findElement(By.id("public-score")).getText());
                assertThat(shown).matches("0\\.\\d{5}");

                var api = ann.uploadApiTo("/api/c/hw5/submissions", "api.csv", TinyCompetition.submission(8));
                assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
                assertThat(api.body()).contains("\"submissionsLeftToday\":1");

                driver.get(server.url() + "/c/hw5/leaderboard");
                String board = driver.findElement(By.id("leaderboard")).getText();
                assertThat(board).contains("ANN", "simple", "0.60000");
                assertThat(board).doesNotContain("0.55000");
            } finally {
                driver.quit();
            }
        }
    }
}
