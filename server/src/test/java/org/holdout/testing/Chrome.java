package org.holdout.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium for page tests, writing only under {@code home} and never asking the network. */
public final class Chrome {
    /** Where page tests leave their screenshots for a person to look at. */
    public static final Path SHOTS = Path.of("target", "screenshots");

    private Chrome() {
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isExecutable(Path.of("/usr/bin/chromedriver")), "needs chromium and chromium-driver");
    }

    /**
     * A wait that polls again when an element it found was replaced (a page loading after a click): Selenium's own
     * ignores only elements not found yet.
     */
    public static WebDriverWait await(WebDriver driver, int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Fills and sends the login form on the page open now, and waits until the browser has left the login page (its
     * address, {@code /login?next=/staff}, already ends like the page it leads to).
     */
    public static void submitLogin(WebDriver driver, String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await(driver, 20).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    public static ChromeDriver start(Path home) throws Exception {
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
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }
}
