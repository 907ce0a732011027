package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The operator console in a real browser (Debian's headless Chromium): it renders the VPSes of a
 * run, filters them, shows a VPS's operations with their transitions, and its drain, undrain,
 * cancel and retry buttons change what the connector does.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperatorConsoleBrowserTest {
    private static final String PASSWORD = UUID.randomUUID().toString();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("admin.password", PASSWORD),
            ConfigOverride.config("database.url", "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", "console-" + UUID.randomUUID()),
            ConfigOverride.config("backends.hypervisor.farm", "console-" + UUID.randomUUID()),
            // A VM's guest boots after the build timeout: its provision fails, and one in flight can be cancelled.
            ConfigOverride.config("backends.hypervisor.bootTime", "60s"),
            ConfigOverride.config("provisioning.buildTimeout", "15s"),
            ConfigOverride.config("logging.level", "WARN"));

    private static ApsController controller;
    private static ApsController otherInstance;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        otherInstance = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        assertThat(otherInstance.install().status()).isEqualTo(200);
        profile = Files.createTempDirectory("console-browser");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theConsoleShowsTheRunsVpsesAndItsActionsTakeEffect() {
        UUID web = provisionContainer(controller);
        UUID db = provisionContainer(controller);
        UUID elsewhere = provisionContainer(otherInstance);
        assertThat(controller.sendAndPoll("POST", "/vpses/" + db + "/stop", null, Duration.ofSeconds(30)).status()).isEqualTo(200);
        UUID failing = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", failing), "sync").status()).isEqualTo(202);
        assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", cancelled), "sync").status()).isEqualTo(202);

        open();
        assertThat(vpsRows()).contains(web.toString(), db.toString(), elsewhere.toString(), failing.toString());
        assertThat(text("#host-rows")).contains("containers", "hypervisor", "up since");

        // Filters: by state, by instance.
        new Select(browser.findElement(By.id("filter-state"))).selectByVisibleText("Stopped");
        submitFilter();
        awaitRows(List.of(db.toString()));
        new Select(browser.findElement(By.id("filter-state"))).selectByVisibleText("any");
        browser.findElement(By.id("filter-instance")).sendKeys(otherInstance.instanceId().toString());
        submitFilter();
        awaitRows(List.of(elsewhere.toString()));
        browser.findElement(By.id("filter-instance")).clear();
        submitFilter();

        // A VPS's operations with their history; a build in flight is cancelled from the page.
        click(By.cssSelector("tr[data-vps='" + cancelled + "']"));
        await(By.cssSelector("#operation-list .operation"));
        assertThat(text("#operation-list")).contains("PROVISION");
        click(By.xpath("//div[@id='operation-list']//button[text()='Cancel']"));
        await(By.cssSelector("#operation-list .operation[data-status='CANCELLED']"));
        assertThat(text("#operation-list")).contains("ACCEPTED", "CANCELLED", "placed on hypervisor host hypervisor");
        Reply poll = controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", cancelled), "async");
        assertThat(poll.status()).as("the controller's poll of the cancelled build: " + poll).isEqualTo(500);

        // Drain and undrain: new provisions are turned away meanwhile.
        browser.findElement(By.id("drain-reason")).sendKeys("kernel update");
        click(By.id("drain-button"));
        await(By.cssSelector("#connector-drain[data-drained='true']"));
        Reply refused = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", UUID.randomUUID()), "sync");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().path("message").asText()).contains("kernel update");
        click(By.id("undrain-button"));
        await(By.cssSelector("#connector-drain[data-drained='false']"));
        provisionContainer(controller);

        // The VM whose guest never booted in time fails, is listed among the failures, and is retried from there.
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#failure-rows tr")));
        assertThat(text("#failure-rows")).contains("PROVISION", "did not boot within 15 s");
        click(By.xpath("//tbody[@id='failure-rows']//button[text()='Retry']"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//tbody[@id='failure-rows']//button[text()='Retry']")));
        Reply retried = controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", failing), "async");
        assertThat(retried.status()).as("the retried build is under way again: " + retried).isEqualTo(202);
        assertThat(browser.findElement(By.id("message")).getText()).doesNotContain("failed");
    }

    @Test
    void withoutTheOperatorsCredentialsThePageIsRefused() {
        Reply anonymous = new AdminPort(APP.client(), APP.getAdminPort(), null, null).get("/console/api/hosts");
        assertThat(anonymous.status()).isEqualTo(401);
        Reply unguarded = AdminPort.of(APP).post("/console/api/drain?reason=x");
        assertThat(unguarded.status()).as("an action without the console's header").isEqualTo(403);
    }

    private static UUID provisionContainer(ApsController as) {
        UUID id = UUID.randomUUID();
        Reply reply = as.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", id), Duration.ofSeconds(30));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return id;
    }

    private static void open() {
        browser.get("http://operator:" + PASSWORD + "@127.0.0.1:" + APP.getAdminPort() + "/");
        try {
            await(By.cssSelector("body[data-loaded='true']"));
        } catch (TimeoutException notLoaded) {
            throw new AssertionError("the console did not load: " + browser.getPageSource(), notLoaded);
        }
    }

    private static void submitFilter() {
        click(By.cssSelector("#vps-filter button[type='submit']"));
    }

    /** Read in the page in one go: the page renders anew every few seconds, elements found earlier go stale. */
    @SuppressWarnings("unchecked")
    private static List<String> vpsRows() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#vps-rows tr[data-vps]'), row => row.dataset.vps);");
    }

    private static void awaitRows(List<String> expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> vpsRows().equals(expected));
    }

    private static WebElement await(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** The page renders anew every few seconds: an element found just before may be replaced, and is found again. */
    private static void click(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
            try {
                driver.findElement(locator).click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException | ElementClickInterceptedException replaced) {
                return false;
            }
        });
    }

    private static String text(String css) {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.querySelector(arguments[0]).innerText;", css);
    }
}
