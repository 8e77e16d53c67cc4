package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.core.testing.Browser;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.ScanInfo;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An analyst in a real browser: signs in, opens the case from the list, closes it as fraud with a
 * note, and sees the decision in the case and its history. With {@code -Dunravel.screenshot=DIR} it
 * saves the case page (the README's {@code docs/images/console-case.png}).
 */
class ConsoleBrowserTest {

    @TempDir
    static Path dir;
    static Browser browser;
    static Store store;
    static Javalin app;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash("correct horse battery"));
        store.save(new ScanInfo("2026-04-01T00:00:00Z", "test", List.of("exports/"), null, null, 10, 10, 0, null),
                List.of(new Assessment("E100514", "worker", "Shirley Watson", 0.97, "critical",
                        List.of("onboard", "access"), List.of(
                                new Finding("2026-02-22T18:53:19Z", "onboard.laptop-farm", "onboard", null, 0.7,
                                        "worker:E100514", "Laptops for 3 people who are not one household went to "
                                                + "the same building.", List.of("assets/shipments.csv#374"), null),
                                new Finding("2026-03-10T03:10:46Z", "access.anonymising-network", "access", "T1090",
                                        0.4, "worker:E100514", "357 of 357 sign-ins came through a commercial VPN.",
                                        List.of("okta/system-log-2026-03-10.ndjson#8"), null)))),
                CaseRules.defaults(), "unravel");
        app = Console.create(store, "test").start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        browser.close();
        if (app != null) {
            app.stop();
        }
        store.close();
    }

    @Test
    void anAnalystSignsIn_opensTheCase_andClosesItAsFraud() throws Exception {
        browser.require("the console");
        WebDriver d = browser.driver();
        String base = "http://127.0.0.1:" + app.port();
        d.get(base + "/cases");
        assertThat(d.getCurrentUrl()).endsWith("/login");
        d.findElement(By.name("name")).sendKeys("dana");
        d.findElement(By.name("password")).sendKeys("correct horse battery");
        d.findElement(By.cssSelector("form.login button")).click();

        assertThat(d.getCurrentUrl()).endsWith("/cases");
        assertThat(d.findElement(By.tagName("nav")).getText()).contains("Signed in as dana");
        d.findElement(By.linkText("1")).click();
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Case 1: Shirley Watson (worker E100514)");
        assertThat(d.findElements(By.cssSelector(".signal"))).hasSize(2);

        new Select(d.findElement(By.name("status"))).selectByValue("closed");
        new Select(d.findElement(By.name("disposition"))).selectByValue("fraud");
        d.findElement(By.name("note")).sendKeys("The laptop was recovered from a farm in Brooklyn.");
        d.findElement(By.cssSelector("form.update button")).click();

        assertThat(d.getCurrentUrl()).endsWith("/cases/1");
        assertThat(d.findElement(By.cssSelector("p.meta")).getText()).startsWith("closed (fraud)");
        String history = d.findElement(By.xpath("//h2[.='History']/following-sibling::table")).getText();
        assertThat(history).contains("dana status open → closed (fraud)",
                "dana note The laptop was recovered from a farm in Brooklyn.");

        String shots = System.getProperty("unravel.screenshot");
        if (shots != null) {
            Files.write(Path.of(shots).resolve("console-case.png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        }
    }
}
