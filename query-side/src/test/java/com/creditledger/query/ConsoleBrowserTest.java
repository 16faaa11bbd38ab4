package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium, signed in as support, finance and a customer, on a seeded
 * ledger: the $9,999 pack of the worked example with 641.60 credits used at each month-end (March's
 * usage revenue 641.60 × 9,999 / 10,998.90 → 583.27 by cumulative rounding) and an account with the
 * $999 pack (1,058.94 credits) that used 154.00 credits of gemini-3.1-pro and holds 10.00 for a
 * stream. Each page is saved as a screenshot under target/console-screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=ConsoleBrowserTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class ConsoleBrowserTest extends LedgerScenario {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private WebDriver browser;
    private Path downloads;

    @BeforeAll
    void aSeededLedgerAndABrowser() throws Exception {
        startCommandSide("--ledger.clock.mode=manual");
        at("2025-01-01T10:00:00Z");
        created(commands.openAccount("we"));
        created(commands.topUp("we", "t1", "9999.00")); // 10,998.90 credits
        created(commands.openAccount("acme"));
        created(commands.topUp("acme", "t1", "999.00")); // 1,058.94 credits
        for (String monthEnd : new String[]{"2025-01-31", "2025-02-28", "2025-03-31"}) {
            at(monthEnd + "T23:00:00Z");
            created(commands.debit("we", "w-" + monthEnd, "641.60"));
        }
        at("2025-04-01T12:00:00Z");
        created(commands.post("/v1/accounts/acme/usage", "{\"idempotencyKey\":\"a-1\",\"model\":\"gemini-3.1-pro\","
                + "\"inputTokens\":50000000,\"outputTokens\":10000000}")); // 70.00 + 84.00 = 154.00
        created(commands.post("/v1/accounts/acme/reservations", "{\"reservationId\":\"stream-1\",\"amount\":\"10.00\","
                + "\"expiresIn\":\"PT24H\"}"));
        awaitProjections();

        assertThat(Path.of(CHROMEDRIVER)).as("the browser tests need Debian's chromium and chromium-driver "
                + "(.ci/run installs them: apt-get install chromium chromium-driver)").exists();
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1300,1800");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(),
                options);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void supportFindsAnAccountSeesItsLotsAndHoldsFollowsADebitAndRewindsIt() {
        signIn("SUPPORT", null);
        click(By.cssSelector("#accounts tbody tr:nth-child(1)")); // acme comes first
        waitFor(By.id("available"));
        // 1,058.94 − 154.00 used − 10.00 held = 894.94
        assertThat(text(By.id("available"))).isEqualTo("894.94");
        assertThat(text(By.id("reserved"))).isEqualTo("10.00");
        assertThat(text(By.id("lots"))).contains("1,058.94", "154.00", "904.94", "999.00");
        assertThat(text(By.id("holds"))).contains("stream-1", "10.00");
        assertThat(text(By.id("timeline"))).contains("UsageDebited", "TopUpPurchased", "CreditReserved");
        screenshot("support-account");

        click(By.xpath("//table[@id='timeline']//tr[td[text()='UsageDebited']]"));
        waitFor(By.id("debitAmount"));
        assertThat(text(By.id("debitAmount"))).isEqualTo("154.00");
        assertThat(text(By.id("draws"))).contains("154.00");
        assertThat(text(By.id("debitLines"))).contains("UsageDebited", "a-1");
        screenshot("support-debit-drilldown");

        browser.get(console("#/account/acme?asOf=2025-03-31T00:00:00Z"));
        browser.navigate().refresh();
        waitFor(By.id("available"));
        assertThat(text(By.id("available"))).isEqualTo("1,058.94"); // before the call and the hold
        assertThat(text(By.id("holds"))).contains("none");
        screenshot("support-account-as-of");

        browser.get(console("#/finance/roll-forward?year=2025"));
        assertThat(waitFor(By.id("refused")).getText()).contains("Not for this key");
    }

    @Test
    void financeReadsTheRollForwardDrillsIntoACellDownloadsItAndVerifiesTheChain() throws Exception {
        signIn("FINANCE", null);
        browser.get(console("#/finance/roll-forward?year=2025"));
        WebElement march = waitFor(By.xpath("//table[@id='rollforward']//tr[td[1][text()='2025-03']]"));
        assertThat(march.getText()).contains("583.27");
        assertThat(text(By.id("rollforward"))).contains("583.28", "10,998.00"); // February; January's cash, both packs
        screenshot("finance-roll-forward");

        march.findElement(By.xpath("td[@data-cell='usageRevenue']")).click();
        assertThat(waitFor(By.id("cellTotal")).getText()).isEqualTo("583.27");
        assertThat(text(By.id("cellLines"))).contains("w-2025-03-31", "UsageDebited");
        screenshot("finance-cell-trace");

        browser.get(console("#/finance/roll-forward?year=2025"));
        click(By.id("csv"));
        Path csv = downloads.resolve("deferred-revenue-2025.csv");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> Files.exists(csv));
        assertThat(Files.readString(csv)).contains("2025-03,USD,");

        browser.get(console("#/finance/waterfall?year=2025"));
        assertThat(waitFor(By.id("waterfall")).getText()).contains("583.27");
        screenshot("finance-waterfall");
        browser.get(console("#/finance/periods?year=2025"));
        waitFor(By.id("periods"));
        screenshot("finance-periods");
        browser.get(console("#/finance/verify?year=2025"));
        click(By.id("verify"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("verifyResult"), "Intact"));
        screenshot("finance-verify");

        // metered instead: three months of 641.60 billed as used, against the 9,999.00 paid up front
        browser.get(console("#/finance/simulation?year=2025"));
        waitFor(By.id("simAccount")).sendKeys("we");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("simBilling"))).selectByValue("postpaid");
        click(By.cssSelector("#simulate button"));
        assertThat(waitFor(By.id("simCost")).getText()).isEqualTo("1,924.80");
        assertThat(text(By.id("actCost"))).isEqualTo("9,999.00");
        assertThat(text(By.id("simMonths"))).contains("2025-03", "641.60", "583.27");
        screenshot("finance-simulation");
    }

    @Test
    void aCustomerSeesOnlyItsOwnAccount() {
        signIn("CUSTOMER", "acme");
        waitFor(By.id("available"));
        assertThat(text(By.id("available"))).isEqualTo("894.94");
        assertThat(text(By.id("lots"))).contains("1,058.94");
        assertThat(text(By.id("usage"))).contains("2025-04-01", "gemini-3.1-pro", "154.00");
        assertThat(text(By.id("topups"))).contains("t1");
        screenshot("customer");

        // as of 2025-04-30: 154.00 in the last 90 days is 51.33 a month; $99 (118.80 credits) covers 2.31 months
        browser.get(console("#/customer?asOf=2025-04-30T00:00:00Z"));
        browser.navigate().refresh();
        assertThat(waitFor(By.id("recommendation")).getText()).contains("99.00", "2.31 months", "51.33");
        // the burn reaches 421.64 of the 904.94 left before 2026-01-01T10:00; the rest is at risk
        assertThat(text(By.id("atRisk"))).contains("t1.combined", "2026-01-01");
        assertThat(text(By.id("economics"))).contains("999.00", "1,058.94", "5.66%", "projected");
        screenshot("customer-economics");

        browser.get(console("#/account/we"));
        assertThat(waitFor(By.id("refused")).getText()).contains("Not for this key");
        browser.get(console("#/finance/roll-forward?year=2025"));
        browser.navigate().refresh();
        assertThat(waitFor(By.id("refused")).getText()).contains("Not for this key");
        assertThat(browser.getPageSource()).doesNotContain("583.27");
        screenshot("customer-refused");
    }

    private void signIn(String role, String account) {
        LedgerClient.Response key = commands.post("/v1/admin/api-keys", "{\"role\":\"" + role + "\""
                + (account == null ? "" : ",\"accountId\":\"" + account + "\"") + "}");
        browser.get("about:blank"); // a fresh page, not a hash change of the last one
        browser.get(console("#/"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(By.id("key")).sendKeys(key.text("token"));
        WebElement commandUrl = browser.findElement(By.id("commandUrl"));
        commandUrl.clear();
        commandUrl.sendKeys("http://127.0.0.1:" + commandSide.port());
        screenshot("sign-in-" + role.toLowerCase());
        browser.findElement(By.cssSelector("#signin button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), role));
    }

    private String console(String fragment) {
        return "http://127.0.0.1:" + port + "/console/index.html" + fragment;
    }

    private WebElement waitFor(By element) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(element));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + element.toString().replaceAll("\\W+", "-"));
            throw new AssertionError(element + " did not appear on " + browser.getCurrentUrl() + "; the page says: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private void click(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    private String text(By element) {
        return waitFor(element).getText();
    }

    private void screenshot(String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }
}
