package org.holdout.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * A page test class's {@link TestServer} and the headless Chromium ({@link Chrome}) that clicks through it: open a
 * path, log in, keep a screenshot in {@link Chrome#SHOTS}. Closing quits the browser, then closes the server.
 */
public final class BrowserSession implements AutoCloseable {
    public final TestServer server;
    private WebDriver driver;

    public BrowserSession(TestServer server) {
        this.server = server;
    }

    /** Starts Chromium with its files under {@code home}, once the server holds what the test needs. */
    public WebDriver startChrome(Path home) throws Exception {
        driver = Chrome.start(home);
        Files.createDirectories(Chrome.SHOTS);
        return driver;
    }

    public void open(String path) {
        driver.get(server.url() + path);
    }

    public void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Chrome.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Logs in on a fresh login page, whoever was logged in before. */
    public void login(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        fillLogin(user, password);
    }

    /** Fills and sends the login form on the page open now, and waits until it has left it. */
    public void fillLogin(String user, String password) {
        Chrome.submitLogin(driver, user, password);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
        server.close();
    }
}
