package org.holdout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.holdout.account.Account;
import org.holdout.account.Role;
import org.holdout.submission.Submission;
import org.holdout.testing.BrowserSession;
import org.holdout.testing.Chrome;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The end of a competition clicked through in headless Chromium: a student saves a final selection, staff exclude a
 * submission and look at the private board before the reveal, the student opens the private tab after it.
 * Screenshots in target/screenshots.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndOfCompetitionBrowserTest {
    BrowserSession browser;
    TestServer server;
    WebDriver driver;
    Submission weiFirst;
    Submission weiSecond;
    Submission yuOnly;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        Chrome.assumeInstalled();
        browser = new BrowserSession(new TestServer(tmp.resolve("server")));
        server = browser.server;
        Account wei = server.app.accounts().create("wei", "Chen Wei", null, Role.STUDENT, "password-wei").account();
        Account yu = server.app.accounts().create("yu", "Wang Yu", null, Role.STUDENT, "password-yu").account();
        server.app.accounts().create("ta", "Course staff", null, Role.STAFF, "password-ta");
        weiFirst = server.app.submissions().submit(server.competition(), wei, "first.csv",
                TinyCompetition.submission(31)).submission();
        server.clock.advance(Duration.ofMinutes(1));
        weiSecond = server.app.submissions().submit(server.competition(), wei, "second.csv",
                TinyCompetition.submission(32)).submission();
        yuOnly = server.app.submissions().submit(server.competition(), yu, "only.csv",
                TinyCompetition.submission(33)).submission();
        driver = browser.startChrome(tmp.resolve("chrome"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void login(String user) {
        browser.login(user, "password-" + user);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void aStudentSelectsStaffExcludeAndThePrivateBoardShowsAfterTheReveal() throws Exception {
        login("wei");
        browser.open("/submissions");
        assertThat(text("selection-why")).isEqualTo("None marked: your 2 best public ones count.");
        driver.findElement(By.cssSelector("input[name=submission][value='" + weiFirst.id() + "']")).click();
        driver.findElement(By.id("save-selection")).click();
        Chrome.await(driver, 10).until(d -> d.getCurrentUrl().contains("selected=1"));
        assertThat(text("selection-notice")).isEqualTo("Saved your final selection.");
        assertThat(text("selection-why")).isEqualTo("You marked 1: it counts for the private leaderboard.");
        assertThat(driver.findElement(By.cssSelector("input[name=submission][value='" + weiFirst.id() + "']"))
                .isSelected()).isTrue();
        browser.shot("final-selection");
        browser.open("/leaderboard");
        assertThat(driver.findElements(By.id("board-switch"))).as("no private tab before the reveal").isEmpty();

        login("ta");
        browser.open("/staff");
        driver.findElement(By.id("exclusions-link")).click();
        driver.findElement(By.name("submission")).sendKeys(String.valueOf(yuOnly.id()));
        driver.findElement(By.cssSelector("#exclude-form input[name=reason]")).sendKeys("the same file as wei's");
        driver.findElement(By.cssSelector("#exclude-form button[type=submit]")).click();
        Chrome.await(driver, 10).until(d -> d.getCurrentUrl().contains("done="));
        assertThat(text("exclusions-notice")).startsWith("Excluded (exclusion");
        assertThat(driver.findElement(By.id("exclusions")).getText()).contains("submission " + yuOnly.id()
                + " of yu", "the same file as wei's");
        browser.shot("staff-exclusions");
        browser.open("/leaderboard");
        driver.findElement(By.id("private-link")).click();
        assertThat(text("not-revealed")).contains("Students cannot see this yet");
        List<String> names = driver.findElements(By.cssSelector("#private-leaderboard tbody tr td:nth-child(2)"))
                .stream().map(e -> e.getText()).toList();
        assertThat(names).contains("Chen Wei").doesNotContain("Wang Yu");
        browser.shot("private-board-staff");

        Client api = server.login("ta2", Role.STAFF);
        assertThat(api.api("PUT", "/api/staff/deadline", api.token, HttpRequest.BodyPublishers.ofString(
                "{\"deadline\":\"" + server.clock.instant().plusSeconds(30) + "\"}"), "application/json")
                .statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(api.api("POST", "/api/staff/reveal", api.token, HttpRequest.BodyPublishers.noBody(), null)
                .statusCode()).isEqualTo(200);

        login("wei");
        browser.open("/leaderboard");
        driver.findElement(By.id("private-link")).click();
        assertThat(driver.findElements(By.id("not-revealed"))).isEmpty();
        String row = driver.findElement(By.cssSelector("#private-leaderboard tr.mine")).getText();
        assertThat(row).contains("Chen Wei", String.format(java.util.Locale.ROOT, "%.5f",
                server.app.submissions().repository().byId(weiFirst.id()).orElseThrow().privateAuc()));
        browser.shot("private-board-student");
        browser.open("/submissions");
        assertThat(text("selection-why")).isEqualTo("You marked 1: it counts for the private leaderboard.");
        assertThat(driver.findElements(By.id("save-selection"))).as("the selection is closed").isEmpty();
    }
}
