package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.testing.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real browser (headless Debian chromium through chromedriver): the page's
 * own script runs under its Content-Security-Policy, injected markup does not, sorting, filtering
 * and collapsed sections work, and the charts draw. Skips with a message when chromedriver is not
 * installed ({@code apt-get install chromium chromium-driver}), and fails instead under CI=true.
 *
 * <p>With {@code -Dunravel.screenshot=FILE} it also saves a screenshot of the sample report (the
 * README's {@code docs/images/report.png}).
 */
class HtmlReportBrowserTest {

    private static Browser browser;
    private static WebDriver driver;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
        driver = browser.driver();
    }

    /** Each test is reported as skipped, with the reason, when there is no browser (a failure under CI=true). */
    @BeforeEach
    void requireBrowser() {
        browser.require("the HTML report");
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    private static void open(Report report, String name) throws Exception {
        Path file = dir.resolve(name);
        HtmlReport.write(report, file);
        driver.get(file.toUri().toString());
    }

    private static List<String> column(int col) {
        List<String> out = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("#ranked tbody tr"))) {
            if (row.isDisplayed()) {
                out.add(row.findElement(By.cssSelector("td:nth-child(" + col + ")")).getText());
            }
        }
        return out;
    }

    @Test
    void pageScriptRuns_andInjectedMarkupDoesNot() throws Exception {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        String script = "<script>window.__pwned=1</script>";
        String img = "<img src=x onerror=\"window.__pwned=2\">";
        ws.set(0, HtmlReportTest.named(ws.get(0), "Mallory " + script, "R&D " + img, "America/Chicago",
                List.of(new Report.SignalEntry("2026-03-04T01:05:37Z", "d" + script, "control", null, 0.5, null,
                        "explained " + img, List.of("logs/\"><svg onload=\"window.__pwned=3\">.json#3")))));
        open(HtmlReportTest.withWorkers(base, ws), "hostile.html");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#ranked tbody tr td:nth-child(2)")).getText())
                .isEqualTo("Mallory " + script);
        // the filter box is hidden in the markup and shown by the page's script: the CSP hash let it run
        assertThat(driver.findElement(By.id("filter")).isDisplayed()).isTrue();
    }

    @Test
    void sortingFilteringAndCollapsedSectionsWork() throws Exception {
        open(SampleReport.build(), "sample.html");
        assertThat(column(1)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");

        driver.findElement(By.xpath("//table[@id='ranked']//th[text()='Name']")).click();
        List<String> names = column(2);
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER).hasSize(8);

        WebElement score = driver.findElement(By.xpath("//table[@id='ranked']//th[text()='Score']"));
        score.click();
        assertThat(column(6)).containsExactly("0.91", "0.78", "0.66", "0.52", "0.33", "0.18", "0.12", "0.09");
        score.click();
        assertThat(column(6)).containsExactly("0.09", "0.12", "0.18", "0.33", "0.52", "0.66", "0.78", "0.91");

        WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys("Engineering");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> column(4).size() < 8);
        assertThat(column(4)).hasSize(4).containsOnly("Engineering");
        filter.clear();
        filter.sendKeys(" ");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> column(4).size() == 8);

        // a lower-level worker's section is collapsed until its link is followed
        WebElement becker = driver.findElement(By.xpath("//article[.//h3[contains(., 'Tom Becker')]]"));
        assertThat(becker.isDisplayed()).isFalse();
        driver.findElement(By.linkText("Tom Becker")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> becker.isDisplayed());
    }

    @Test
    void printing_opensCollapsedSections_andHidesScreenOnlyControls() throws Exception {
        open(SampleReport.build(), "print.html");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        WebElement lower = driver.findElement(By.cssSelector("details.lower"));
        assertThat(lower.getAttribute("open")).isNull();
        js.executeScript("window.dispatchEvent(new Event('beforeprint'))");
        assertThat(driver.findElements(By.cssSelector("details:not([open])"))).isEmpty();
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.id("filter")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.xpath("//article[.//h3[contains(., 'Tom Becker')]]")).isDisplayed()).isTrue();
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        }
        js.executeScript("window.dispatchEvent(new Event('afterprint'))");
        assertThat(lower.getAttribute("open")).isNull();
    }

    @Test
    void everyFlaggedWorkerHasA24BarChartThatDraws() throws Exception {
        open(SampleReport.build(), "charts.html");
        List<WebElement> charts = driver.findElements(By.cssSelector("#flagged svg.hours"));
        assertThat(charts).hasSize(5);
        for (WebElement chart : charts) {
            List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
            assertThat(bars).hasSize(24);
            long tall = bars.stream().filter(b -> b.getRect().getHeight() > 20).count();
            assertThat(tall).as("bars of a busy eight-hour day").isBetween(6L, 9L);
        }
        Object width = ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('#flagged svg.hours').getBoundingClientRect().width");
        assertThat(((Number) width).doubleValue()).isGreaterThan(600);
        // each flagged worker's findings over time: drawn, a dot per finding
        List<WebElement> timelines = driver.findElements(By.cssSelector("#flagged svg.scheme-timeline"));
        assertThat(timelines).hasSize(5);
        assertThat(timelines.get(0).isDisplayed()).isTrue();
        assertThat(timelines.get(0).findElements(By.tagName("circle"))).isNotEmpty();
        assertThat(timelines.get(0).getText()).contains("hired 2026-02-23", "apply", "extort");

        String target = System.getProperty("unravel.screenshot");
        if (target != null && !target.isBlank()) {
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path out = Path.of(target).toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            assertThat(png).hasSizeGreaterThan(10_000);
            // and the first flagged worker's findings over time, beside it
            ((JavascriptExecutor) driver).executeScript("document.querySelector('#flagged figure.scheme')"
                    + ".scrollIntoView({block: 'center'})");
            Files.write(out.resolveSibling(out.getFileName().toString().replace(".png", "-over-time.png")),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }
}
