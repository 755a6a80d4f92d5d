package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;
import static se.samlarande.process.VisitProcess.Element.*;


import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.evaluation.Intake;
import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * The guest's intake in a real browser (headless Chromium): the link from the invitation GreenMail received, the
 * form rendered by form-js from the process's own Camunda Form, its checks in the page, the submission, the "sent"
 * page, and the process moving on.
 */
@SamlarandeTest
class GuestBrowserTest extends VisitScenario {

    private static final String GOALS = "See how video triage sorts the morning calls";
    private static final String WORK = "Our falls prevention rounds in home care";

    @LocalServerPort int port;

    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @Test
    void aGuestFillsInTheIntakeFromTheEmailedLinkAndTheProcessMovesOn() {
        // given the invitation in the guest's inbox
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        String link = GuestFormsTest.linkIn(lastBodyTo(guestEmail)).replace("http://localhost:8080", "http://127.0.0.1:" + port);

        // when the guest opens it: the token leaves the address bar, the page is in English, form-js draws the form
        browser.get(link);
        wait.until(urlMatches("/guest/intake$"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your brief before the visit");
        WebElement send = wait.until(elementToBeClickable(By.cssSelector("#guest-form button[type=submit]")));
        assertThat(send.getText()).isEqualTo("Send");
        WebElement goals = field("Goals and purpose of the visit");
        WebElement work = field("Improvement work to share");
        WebElement confidentiality = field("I have read the confidentiality commitment");
        assertThat(goals.getTagName()).isEqualTo("textarea");
        assertThat(confidentiality.getDomAttribute("type")).isEqualTo("checkbox");

        // a first try without the improvement work: form-js's message next to that field, the typing kept, nothing sent
        goals.sendKeys(GOALS);
        confidentiality.click();
        send.click();
        By workError = By.id(work.getDomAttribute("id") + "-error-message");
        wait.until(textToBe(workError, "Field is required."));
        assertThat(work.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.id(goals.getDomAttribute("id") + "-error-message"))).isEmpty();
        assertThat(goals.getDomProperty("value")).isEqualTo(GOALS);
        assertThat(confidentiality.isSelected()).isTrue();
        assertThat(browser.getCurrentUrl()).endsWith("/guest/intake");
        assertThat(answers.intake(contactGuestId(visit))).isEmpty();
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);

        // then with it filled in, the message goes, the answers are sent, and the guest lands on the "sent" page
        work.sendKeys(WORK);
        wait.until(invisibilityOfElementLocated(workError));
        send.click();
        wait.until(urlMatches("/guest/intake/sent$"));
        WebElement main = wait.until(visibilityOfElementLocated(By.id("main")));
        assertThat(main.getText()).contains("What you sent", GOALS, WORK, "(version 2026-1)");

        // and the process moved on with the intake and the confidentiality commitment recorded
        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);
        Intake intake = answers.intake(contactGuestId(visit)).orElseThrow();
        assertThat(intake.goalsAndPurpose()).isEqualTo(GOALS);
        assertThat(intake.improvementWork()).isEqualTo(WORK);
        assertThat(intake.recordedOnBehalf()).isFalse();
        assertThat(intake.confidentialityVersion()).isEqualTo("2026-1");
    }

    @Test
    void aSwedishGuestSeesFormJsMessagesInSwedish() {
        ProcessInstance visit = registerVisit(VISIT_FROM, VISIT_TO, "SV");
        runDueJobs(visit);
        String link = GuestFormsTest.linkIn(lastBodyTo(guestEmail)).replace("http://localhost:8080", "http://127.0.0.1:" + port);

        browser.get(link);
        wait.until(urlMatches("/guest/intake$"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("sv");
        wait.until(elementToBeClickable(By.cssSelector("#guest-form button[type=submit]"))).click();

        // every required field says so in Swedish, and no English message is left
        By errors = By.cssSelector("#guest-form [id$='-error-message']");
        wait.until(driver -> !driver.findElements(errors).isEmpty());
        assertThat(browser.findElements(errors)).extracting(WebElement::getText).isNotEmpty()
                .allSatisfy(message -> assertThat(message).isEqualTo("Fältet måste fyllas i."));
        assertThat(browser.findElement(By.id("guest-form")).getText()).doesNotContain("Field is required", "Select", "Search");
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
    }

    @Test
    void anUnknownLinkIsExplainedInSwedishAndEnglish() {
        browser.get("http://127.0.0.1:" + port + "/g/not-a-token");

        String page = wait.until(visibilityOfElementLocated(By.id("main"))).getText();
        assertThat(page).contains("Länken fungerar inte", "This link does not work");
        assertThat(browser.findElement(By.cssSelector("#main section")).getDomAttribute("lang")).isIn("sv", "en");
    }

    /** The form-js input a label (or the start of it) names, through the label's {@code for}. */
    private WebElement field(String label) {
        WebElement element = wait.until(visibilityOfElementLocated(By.xpath(
                "//div[@id='guest-form']//label[starts-with(normalize-space(.), '" + label + "')]")));
        return browser.findElement(By.id(element.getDomAttribute("for")));
    }
}
