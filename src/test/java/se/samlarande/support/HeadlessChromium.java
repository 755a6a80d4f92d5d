package se.samlarande.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver ({@code apt-get install chromium
 * chromium-driver}). Both binaries are named here, so Selenium Manager never looks for, let alone downloads, a
 * driver or a browser. Without them the test is skipped, except on CI ({@code CI=true}), where {@code .ci/run}
 * installs them and their absence is a failure.
 * <p>
 * A JUnit extension: {@code @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();} gives each
 * test a fresh browser with an empty profile of its own, closed and removed after the test.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a slow CI machine; waits end as soon as their condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        String missing = !Files.isExecutable(BROWSER) ? BROWSER.toString() : !Files.isExecutable(DRIVER) ? DRIVER.toString() : null;
        if (missing != null) {
            String message = missing + " is missing: apt-get install -y chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + " (the browser test is skipped)");
        }
        profile = Files.createTempDirectory("chromium-profile-");
        // Should anything still reach Selenium Manager, it passes SE_* properties on and stays offline.
        System.setProperty("SE_OFFLINE", "true");
        service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1280,1024", "--user-data-dir=" + profile.toAbsolutePath());
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** An explicit wait: polls until its condition holds, fails with the page's address after {@link #PATIENCE}. */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        wait.withMessage(() -> "at " + driver.getCurrentUrl());
        return wait;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                FileSystemUtils.deleteRecursively(profile);
            }
        }
    }
}
