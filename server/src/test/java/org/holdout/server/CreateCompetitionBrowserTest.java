package org.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.holdout.account.Role;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A TA creates a competition from the course's files on the New competition page, in real headless Chromium. */
@Tag("slow")
class CreateCompetitionBrowserTest {

    @Test
    void aTaUploadsTheCourseFilesAndLandsOnTheNewCompetitionsStaffPage(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isExecutable(Path.of("/usr/bin/chromedriver")), "needs chromium and chromium-driver");
        Path train = Files.write(dir.resolve("trainingset.npy"), CourseFiles.train());
        Path test = Files.write(dir.resolve("testingset.npy"), CourseFiles.test());
        Path labels = Files.write(dir.resolve("labels.csv"), CourseFiles.labels(TinyCompetition.ROWS));
        try (TestServer server = new TestServer(dir.resolve("server"))) {
            server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
            WebDriver driver = chrome(dir.resolve("chrome"));
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(server.url() + "/login?next=/staff");
                driver.findElement(By.id("username")).sendKeys("ta");
                driver.findElement(By.id("password")).sendKeys("password-ta");
                driver.findElement(By.cssSelector("button[type=submit]")).click();
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
            } finally {
                driver.quit();
            }
        }
    }

    private static WebDriver chrome(Path home) throws Exception {
        Files.createDirectories(home);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.toString(), "XDG_CACHE_HOME", home.toString(),
                        "TMPDIR", home.toString(), "HOME", home.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + home.resolve("profile"));
        return new ChromeDriver(service, options);
    }
}
