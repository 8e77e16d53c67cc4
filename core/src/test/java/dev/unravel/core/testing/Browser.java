package dev.unravel.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, from Debian's chromium and chromium-driver packages. Without
 * them a test is skipped with the reason, and fails under {@code CI=true}.
 */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;
    private final String missing;

    private Browser(WebDriver driver, String missing) {
        this.driver = driver;
        this.missing = missing;
    }

    /** Starts Chromium, or notes why it cannot ({@link #require} then skips or fails). */
    public static Browser start() {
        Path chromedriver = onPath("chromedriver");
        if (chromedriver == null) {
            return new Browser(null, "chromedriver is not on PATH (apt-get install chromium chromium-driver)");
        }
        // a driver given by path keeps Selenium Manager off the network
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        Path chromium = onPath("chromium");
        if (chromium != null) {
            options.setBinary(chromium.toFile());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1280,1600", "--force-device-scale-factor=1");
        WebDriver driver = new ChromeDriver(options);
        driver.manage().window().setSize(new Dimension(1280, 1600));
        return new Browser(driver, null);
    }

    /** The driver; call {@link #require} first. */
    public WebDriver driver() {
        return driver;
    }

    /** Skips the test, with the reason, when there is no browser; fails it under {@code CI=true}. */
    public void require(String what) {
        if (missing != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("browser tests are required under CI=true: " + missing);
        }
        assumeTrue(missing == null, () -> "skipping browser test of " + what + ": " + missing);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
