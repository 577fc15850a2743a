package org.holdout.rescore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.holdout.account.Role;
import org.holdout.testing.Chrome;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A TA rescores in real headless Chromium: from the staff page to the rescore page, uploads the corrected
 * solution.csv, reads the diff, applies it with a reason, and finds it in the audit log. Screenshots in
 * target/screenshots.
 */
@Tag("slow")
class RescoreBrowserTest {

    @Test
    void aTaUploadsPreviewsAndAppliesACorrectedSolution(@TempDir Path dir) throws Exception {
        Chrome.assumeInstalled();
        try (TestServer server = new TestServer(dir.resolve("server"))) {
            server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
            StringBuilder perfect = new StringBuilder("Id,Predicted\n");
            StringBuilder corrected = new StringBuilder("Id,Expected,Usage\n");
            for (int i = 0; i < TinyCompetition.ROWS; i++) {
                boolean anomaly = TinyCompetition.anomaly(i);
                perfect.append(i).append(',').append(String.format(Locale.ROOT, "%.3f", (anomaly ? 0.6 : 0.4)
                        + i / 1000.0)).append('\n');
                corrected.append(i).append(',').append(anomaly || i == 0 ? 1 : 0).append(',')
                        .append(i < 20 ? "Public" : "Private").append('\n');
            }
            Client ann = server.login("ann", Role.STUDENT);
            assertThat(ann.uploadApi("ann.csv", perfect.toString().getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(201);
            Path solution = Files.writeString(dir.resolve("solution-fixed.csv"), corrected);

            WebDriver driver = Chrome.start(dir.resolve("chrome"));
            try {
                WebDriverWait wait = Chrome.await(driver, 30);
                driver.get(server.url() + "/login?next=/staff");
                Chrome.submitLogin(driver, "ta", "password-ta");
                wait.until(d -> d.getCurrentUrl().endsWith("/staff"));
                driver.findElement(By.id("rescore-link")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/staff/rescore"));

                driver.findElement(By.cssSelector("#rescore-form input[type=file]"))
                        .sendKeys(solution.toAbsolutePath().toString());
                driver.findElement(By.cssSelector("#rescore-form button[type=submit]")).click();
                wait.until(d -> d.getCurrentUrl().contains("/staff/rescore?preview="));
                assertThat(driver.findElement(By.id("rescore-summary")).getText()).contains("1 label(s)");
                assertThat(driver.findElement(By.id("rescore-ids")).getText()).contains("0 → 1");
                assertThat(driver.findElement(By.id("rescore-submissions")).getText()).contains("ANN (ann)",
                        "1.00000", "0.88889", "-0.1111111111");
                assertThat(driver.findElement(By.id("rescore-students")).getText()).contains("1.00000 → 0.88889");
                shot(driver, "rescore-preview");

                driver.findElement(By.cssSelector("#rescore-apply input[name=reason]"))
                        .sendKeys("the label of Id 0 was wrong");
                driver.findElement(By.cssSelector("#rescore-apply button[type=submit]")).click();
                wait.until(d -> !d.findElements(By.id("rescore-applied")).isEmpty());
                assertThat(driver.findElement(By.id("rescore-applied")).getText()).contains("1 submission(s)",
                        "solution.csv.replaced-");
                shot(driver, "rescore-applied");

                driver.get(server.url() + "/staff/audit");
                assertThat(driver.findElement(By.id("audit")).getText()).contains("rescore",
                        "the label of Id 0 was wrong");
                assertThat(ann.apiGet("/api/submissions").body()).contains("\"publicScoreText\":\"0.88889\"");
            } finally {
                driver.quit();
            }
        }
    }

    private static void shot(WebDriver driver, String name) throws Exception {
        Files.createDirectories(Chrome.SHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Chrome.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
