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
 * note, sees the decision in the case and its history, and opens the Okta record behind a finding.
 * With {@code -Dunravel.screenshot=DIR} it saves the case, record and sources pages (the README's
 * {@code docs/images/console-*.png}).
 */
class ConsoleBrowserTest {

    @TempDir
    static Path dir;
    static Browser browser;
    static Store store;
    static Javalin app;
    /** The Okta sign-in a finding cites, in a file of its own. */
    static String signIn;
    static final String OKTA = """
            {"actor":{"id":"00uaNtMpES1Wwawvirh5","type":"User","alternateId":"shirley.watson@northwindlabs.com","displayName":"Shirley Watson","detailEntry":null},"client":{"userAgent":{"rawUserAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36","os":"Mac OS X","browser":"CHROME"},"zone":"null","device":"Computer","id":null,"ipAddress":"185.242.5.85","geographicalContext":{"city":"Seattle","state":"Washington","country":"United States","postalCode":"98103","geolocation":{"lat":47.6733,"lon":-122.342}}},"device":null,"authenticationContext":{"authenticationProvider":null,"credentialProvider":null,"credentialType":null,"issuer":null,"interface":null,"authenticationStep":0,"rootSessionId":"102KJ92PFgF99Q1UqbFpWD1ES","externalSessionId":"102KJ92PFgF99Q1UqbFpWD1ES"},"displayMessage":"User login to Okta","eventType":"user.session.start","outcome":{"result":"SUCCESS","reason":null},"published":"2026-03-10T00:29:11.000Z","securityContext":{"asNumber":9009,"asOrg":"m247 europe srl","isp":"m247 europe srl","domain":"m247.com","isProxy":true},"severity":"INFO","debugContext":{"debugData":{"requestId":"379378313c12364693b08ea0d63bfd6c","requestUri":"/idp/idx/authenticators/poll","url":"/idp/idx/authenticators/poll?","dtHash":"466ffbe05888882e4225cd5f2c205087ff6ac327e410e23f0ab4a04eb4ee3a67","threatSuspected":"false","origin":"https://northwindlabs.okta.com"}},"legacyEventType":"core.user_auth.login_success","transaction":{"type":"WEB","id":"379378313c12364693b08ea0d63bfd6c","detail":{}},"uuid":"6df8cf5c-3794-4961-9240-1ca817aa817e","version":"0","request":{"ipChain":[{"ip":"185.242.5.85","geographicalContext":{"city":"Seattle","state":"Washington","country":"United States","postalCode":"98103","geolocation":{"lat":47.6733,"lon":-122.342}},"version":"V4","source":null}]},"target":[{"id":"opfVqSvTb2VtyRWzlmNh","type":"AuthenticatorEnrollment","alternateId":"unknown","displayName":"Okta Verify","detailEntry":null},{"id":"0oamDLE2QcF7bRjPxJql","type":"AppInstance","alternateId":"Okta Dashboard","displayName":"Okta Dashboard","detailEntry":null}]}""";
    /** The store's clock, set back to make a source that has been silent for days. */
    static final java.util.concurrent.atomic.AtomicReference<java.time.Duration> BACK =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Duration.ZERO);

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        Path okta = Files.createDirectories(dir.resolve("exports/okta")).resolve("system-log-2026-03-10.ndjson");
        signIn = Files.writeString(okta, OKTA + "\n") + "#1";
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.now().minus(BACK.get());
            }
        };
        store = Store.open(dir.resolve("store").toString(), clock);
        store.putAnalyst("dana", Passwords.hash("correct horse battery"));
        store.putAnalyst("legal.kim", Passwords.hash("correct horse battery"), Store.AnalystRole.VIEWER);
        store.save(new ScanInfo("2026-04-01T00:00:00Z", "test", List.of("exports/"), null, null, 10, 10, 0, null),
                List.of(new Assessment("E100514", "worker", "Shirley Watson", 0.97, "critical",
                        List.of("onboard", "access"), List.of(
                                new Finding("2026-02-22T18:53:19Z", "onboard.laptop-farm", "onboard", null, 0.7,
                                        "worker:E100514", "Laptops for 3 people who are not one household went to "
                                                + "the same building.", List.of("assets/shipments.csv#374"), null),
                                new Finding("2026-03-10T03:10:46Z", "access.anonymising-network", "access", "T1090",
                                        0.4, "worker:E100514", "357 of 357 sign-ins came through a commercial VPN.",
                                        List.of(signIn), null)), "2026-02-23", null, List.of(new Assessment.Tie(
                                                "ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", List.of(
                                                        new Assessment.Tied("worker", "E100511", "Shirley Brooks"),
                                                        new Assessment.Tied("worker", "E100512", "Ryan Ramos")))))),
                CaseRules.defaults(), "unravel");
        app = Console.create(store, "test", new Spool(dir.resolve("spool"), 1 << 20, store, clock))
                .start("127.0.0.1", 0);
        long token = store.addToken("dana", "e".repeat(64), "fluent-bit", Store.TokenScope.INGEST);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        java.time.OffsetDateTime silent = now.minusDays(3).minusHours(2);
        BACK.set(java.time.Duration.ofDays(3).plusHours(2));
        store.addIngestBatch(new Store.IngestBatch(0, null, "osquery", "1".repeat(64), 88_000, "osquery-results", 412,
                412, 0, silent.minusHours(6), silent.minusMinutes(4), "osquery/d/a.log", token, "10.20.0.4"));
        BACK.set(java.time.Duration.ofMinutes(42));
        store.addIngestBatch(new Store.IngestBatch(0, null, "github-enterprise-audit", "2".repeat(64), 51_000,
                "github-audit", 120, 120, 0, now.minusHours(2), now.minusMinutes(43), "github-enterprise-audit/d/b.ndjson",
                token, "10.20.0.5"));
        // serve --collect: Duo's log, failing since its first run five hours ago; Okta's, bringing records
        String duo = "Duo authentication log of api-1a2b3c4d.duosecurity.com";
        String refused = "GET https://api-1a2b3c4d.duosecurity.com/admin/v2/logs/authentication?mintime=… answered 401 "
                + "\"Invalid signature in request credentials\": check the credential (expired, revoked, or for another "
                + "organisation)";
        for (long minutes = 5 * 60; minutes >= 0; minutes -= 15) {
            BACK.set(java.time.Duration.ofMinutes(minutes));
            store.addCollectRun("duo-api-1a2b3c4d.duosecurity.com", "duo", duo, 0, refused);
        }
        BACK.set(java.time.Duration.ZERO);
        store.addCollectRun("okta-acme.okta.com", "okta", "Okta System Log of https://acme.okta.com", 2_310, null);
        store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "3".repeat(64), 612_000, "okta", 2_310, 2_309, 1,
                now.minusHours(1), now.minusMinutes(1), "okta/d/c.ndjson", null, null));
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

        // A click returns when the event is sent, not when the page it posts has come: wait for it.
        arrived(d, "/cases");
        assertThat(d.findElement(By.tagName("nav")).getText()).contains("Signed in as dana");
        d.findElement(By.linkText("1")).click();
        arrived(d, "/cases/1");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Case 1: Shirley Watson (worker E100514)");
        assertThat(d.findElements(By.cssSelector(".signal"))).hasSize(2);

        new Select(d.findElement(By.name("status"))).selectByValue("closed");
        new Select(d.findElement(By.name("disposition"))).selectByValue("fraud");
        d.findElement(By.name("note")).sendKeys("The laptop was recovered from a farm in Brooklyn.");
        d.findElement(By.cssSelector("form.update button")).click();

        // the same address before and after: wait for the page that the post redirects to
        new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> x.findElement(By.cssSelector("p.meta")).getText().startsWith("closed"));
        arrived(d, "/cases/1");
        assertThat(d.findElement(By.cssSelector("p.meta")).getText()).startsWith("closed (fraud)");
        String history = d.findElement(By.xpath("//h2[.='History']/following-sibling::table")).getText();
        assertThat(history).contains("dana status open → closed (fraud)",
                "dana note The laptop was recovered from a farm in Brooklyn.");

        // shared with legal, who may then read it
        new Select(d.findElement(By.name("viewer"))).selectByValue("legal.kim");
        d.findElement(By.xpath("//form[contains(@action,'/share')]//button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> !x.findElements(By.id("shared")).isEmpty());
        assertThat(d.findElement(By.id("shared")).getText()).contains("legal.kim", "dana", "Stop sharing");
        assertThat(store.mayRead("legal.kim", 1)).isTrue();

        // the findings over time are drawn: a dot for each, the hire date marked
        org.openqa.selenium.WebElement timeline = d.findElement(By.cssSelector("svg.scheme-timeline"));
        assertThat(timeline.isDisplayed()).isTrue();
        assertThat(timeline.getSize().getWidth()).isGreaterThan(600);
        assertThat(timeline.findElements(By.tagName("circle"))).hasSize(2);
        assertThat(timeline.getText()).contains("hired 2026-02-23", "onboard", "extort");

        // what to check next: the general step first, by team
        List<org.openqa.selenium.WebElement> checks = d.findElements(By.cssSelector("ol.checks li"));
        assertThat(checks).hasSizeGreaterThan(1);
        assertThat(checks.get(0).getText()).startsWith("Legal: Agree the next steps");
        // marked done from the page: the step says who, and the button takes the mark back
        checks.get(0).findElement(By.cssSelector("form.step button")).click();
        arrived(d, "/cases/1#checks");
        org.openqa.selenium.WebElement first = d.findElements(By.cssSelector("ol.checks li")).get(0);
        assertThat(first.getAttribute("class")).isEqualTo("done");
        assertThat(first.getText()).contains("✓ done, dana, ", "Not done");
        d.get(base + "/cases/1"); // the page from its top again, for the screenshot

        String shots = System.getProperty("unravel.screenshot");
        if (shots != null) {
            Files.write(Path.of(shots).resolve("console-case.png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        }

        d.findElement(By.linkText(signIn)).click();
        arrived(d, "/cases/1/record?ref=" + java.net.URLEncoder.encode(signIn, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Record behind case 1: Shirley Watson (worker "
                + "E100514)");
        assertThat(d.findElement(By.cssSelector("table")).getText()).contains("okta · user.session.start",
                "shirley.watson@northwindlabs.com", "185.242.5.85");
        assertThat(d.findElement(By.cssSelector("pre.record")).getText()).contains("\"isProxy\" : true",
                "\"asOrg\" : \"m247 europe srl\"");
        if (shots != null) {
            Files.write(Path.of(shots).resolve("console-record.png"),
                    ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        }

        d.findElement(By.linkText("Sources")).click();
        arrived(d, "/sources");
        List<org.openqa.selenium.WebElement> rows = d.findElements(By.xpath("(//table)[1]//tr"));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1).getText()).as("the longest silent first").startsWith("osquery").contains("3 days");
        assertThat(rows.get(1).findElement(By.cssSelector("td.late")).getCssValue("color"))
                .as("a source silent for days stands out").isEqualTo("rgba(176, 0, 32, 1)");
        assertThat(rows.get(2).getText()).as("collected, never brought anything: silent from its first run")
                .startsWith("duo").contains("5 hours");
        assertThat(rows.get(4).getText()).startsWith("okta").contains("under a minute");
        List<org.openqa.selenium.WebElement> collected = d.findElements(By.xpath("(//table)[2]//tr"));
        assertThat(collected).hasSize(3);
        assertThat(collected.get(1).getText()).as("a failing collection first, in its own words")
                .startsWith("Duo authentication log").contains("failed 21 runs in a row: GET https://api-1a2b3c4d",
                        "Invalid signature in request credentials", "never");
        assertThat(collected.get(2).getText()).startsWith("Okta System Log").contains("2,310 new records");
        assertThat(d.findElements(By.cssSelector("td.late"))).hasSize(2);
        if (shots != null) {
            Files.write(Path.of(shots).resolve("console-sources.png"),
                    ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        }
    }

    /** Waits (up to 10 s) until the browser shows the page at {@code path}. */
    static void arrived(WebDriver d, String path) {
        new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlMatches(".*" + java.util.regex.Pattern.quote(
                        path) + "$"));
        assertThat(d.getCurrentUrl()).endsWith(path);
    }
}
