package se.samlarande.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/** The report in Debian's headless Chromium: under the staff pages' Content-Security-Policy the charts are drawn. */
@SamlarandeTest
class ReportBrowserTest extends ReportScenario {

    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();

    @BeforeEach
    void driveTheVisits() {
        drive();
    }

    @Test
    void aProcessOwnerSeesTheChartsDrawnFromThePagesOwnData() {
        // given a process owner signed in through the login page
        var driver = chromium.driver();
        driver.get("http://127.0.0.1:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys("per");
        driver.findElement(By.id("password")).sendKeys("per");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.waiting().until(ExpectedConditions.urlContains("/app/visits"));

        // when the report for 2029 opens
        driver.get("http://127.0.0.1:" + port + "/app/report?" + YEAR_2029);

        // then Chart.js (served by the app) draws all four charts, each on a canvas of its own
        chromium.waiting().until(d -> d.findElements(By.cssSelector("figure.chart.drawn")).size() == 4);
        List<WebElement> canvases = driver.findElements(By.cssSelector("figure.chart canvas"));
        assertThat(canvases).hasSize(4).allSatisfy(c -> assertThat(c.getSize().getWidth()).isPositive());
        assertThat(driver.findElement(By.id("table-blog-activity")).getText()).contains(driven.ryhov());
    }
}
