package se.samlarande.guest;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver ({@code apt-get install chromium
 * chromium-driver}). Both binaries are named here, so Selenium Manager never looks for, let alone downloads, a
 * driver or a browser. Without them the test is skipped, except on CI ({@code CI=true}), where {@code .ci/run}
 * installs them and their absence is a failure.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a slow CI machine; waits end as soon as their condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** A fresh browser with its profile in {@code profile} (an empty directory the test owns). */
    public static HeadlessChromium start(Path profile) {
        String missing = !Files.isExecutable(BROWSER) ? BROWSER.toString() : !Files.isExecutable(DRIVER) ? DRIVER.toString() : null;
        if (missing != null) {
            String message = missing + " is missing: apt-get install -y chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + " (the browser test is skipped)");
        }
        // Should anything still reach Selenium Manager, it passes SE_* properties on and stays offline.
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1280,1024", "--user-data-dir=" + profile.toAbsolutePath());
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options));
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
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
