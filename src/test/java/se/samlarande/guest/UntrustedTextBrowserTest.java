package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;
import static se.samlarande.process.VisitProcess.Element.*;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/**
 * Whatever a guest or the public types is shown as text, never as markup: a corpus of payloads (HTML, event handlers,
 * {@code javascript:} and data URLs, Markdown links, images, headings, lists, tables, autolinks, entities, template
 * braces, very long words, right-to-left marks) goes in through the public request page and the guests' intake and
 * evaluation, and every page and Tasklist task form where it shows is read in Chromium: no element, link or image
 * comes from the payload, and its text is there as typed.
 */
@SamlarandeTest
class UntrustedTextBrowserTest extends VisitScenario {

    /** What fits a short field (200 characters): a tag, a Markdown link, emphasis, an entity, an autolink, RTL. */
    static final String SHORT = "<img src=x onerror=alert(1)> [Logga in](https://evil.example/a) **Fet** &amp; www.evil.example \u202Egnp.exe";

    /** The corpus, one payload a paragraph, for the long fields (4,000 characters). */
    static final List<String> CORPUS = List.of(
            "<a href=\"https://evil.example/login\">Logga in igen här</a>",
            "<img src=\"https://evil.example/pixel.png\" onerror=\"alert(1)\">",
            "<script>alert(1)</script><svg onload=alert(1)></svg><iframe src=\"https://evil.example/f\"></iframe>",
            "[Logga in igen här](javascript:alert(1)) och [här](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![bild](https://evil.example/pixel.png)",
            "# Utvärderingsresultat\n\n**Betyg: 5 av 5** _alla nöjda_",
            "> citat\n- punkt\n1. nummer\n\n---\n\n| a | b |\n|---|---|\n| c | d |",
            "`kod` ~~struket~~ <details open>mer</details> <b>fet</b>",
            "https://evil.example/auto www.evil.example mallory@evil.example",
            "&lt;b&gt;entitet&lt;/b&gt; &#x3C;i&#x3E; {{visitOverview}} ${visitId}",
            "Långt" + "ord".repeat(100),
            "\u202Etxet-ot-thgir שלום עולם",
            "    indenterad kod",
            "Setext-rubrik\n===");
    static final String LONG = String.join("\n\n", CORPUS);

    /**
     * In the page (or in its part {@code arguments[0]} selects): elements and links that only the payload could have
     * made, and the text as shown, white space collapsed.
     */
    private static final String INSPECT = """
            const root = arguments[0] ? document.querySelectorAll(arguments[0]) : [document.body];
            const madeByPayload = /^(Betyg: 5 av 5|alla nöjda|Fet|fet|punkt|nummer|Logga in igen här|Logga in|här|bild|Utvärderingsresultat|Setext-rubrik|citat|kod|struket|mer|entitet|a|b|c|d|indenterad kod)$/;
            const found = [];
            let text = '';
            for (const part of root) {
              text += ' ' + part.innerText;
              for (const e of part.querySelectorAll('*')) {
                const tag = e.tagName.toLowerCase();
                const own = (e.textContent || '').replace(/[\u2068\u2069]/g, '').trim();
                const href = (e.getAttribute('href') || '') + (e.getAttribute('src') || '');
                if (/evil|javascript:|data:|^x$/i.test(href)) found.push(tag + ' ' + href);
                if (['img', 'svg', 'iframe', 'details', 'script', 'object', 'embed'].includes(tag) && arguments[0]) found.push(tag);
                if (madeByPayload.test(own) && !['p', 'div', 'span'].includes(tag)) found.push(tag + ': ' + own);
                for (const a of e.attributes) if (/^on/i.test(a.name)) found.push(tag + ' ' + a.name);
              }
            }
            return [found, text.replace(/[\u2068\u2069]/g, '').replace(/\\s+/g, ' ')];
            """;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @Test
    void guestsAndThePublicTypeTextThatEveryPageAndTaskFormShowsAsText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // given a visit request from the public page, every field a payload
        GuestHttp requester = new GuestHttp(port);
        requester.get("/request?lang=sv");
        HttpResponse<String> requested = requester.postJson("/request?lang=sv", json.writeValueAsString(Map.of("values", Map.of(
                "organisation", SHORT, "partnerLevel", "INTERNATIONAL", "contactName", SHORT, "contactEmail", guestEmail,
                "contactLanguage", "SV", "hostUnitWish", SHORT, "whatToSee", LONG, "preferredPeriods", SHORT))));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        ProcessInstance request = runtime.createProcessInstanceQuery().processDefinitionKey("visit")
                .variableValueEquals("guestOrganisation", SHORT).singleResult();

        // then the coordinator's task form shows it as text
        signIn("kim");
        checkTaskForm(request, TASK_ASSESS_REQUEST, "Vad de vill se", SHORT, LONG);

        // given the request invited, and the contact guest's intake with a co-traveller, every field a payload
        complete(request, TASK_ASSESS_REQUEST, "kim", "requestDecision", "accept", "hostUnit", "Vårdcentralen Ryhov",
                "topic", "Triage", "dateFrom", VISIT_FROM.toString(), "dateTo", VISIT_TO.toString());
        runDueJobs(request);
        ProcessInstance visit = request;
        Visit registered = visitOf(visit);
        String link = GuestFormsTest.linkIn(lastBodyTo(guestEmail));
        GuestHttp guest = new GuestHttp(port);
        guest.get(link);
        guest.get("/guest/intake");
        HttpResponse<String> sent = guest.postJson("/guest/intake", json.writeValueAsString(Map.of("values", Map.of(
                "goalsAndPurpose", LONG, "improvementWork", LONG, "confidentialityAccepted", true, "libraryConsent", true,
                "contactAgainConsent", true,
                "coTravellers", List.of(Map.of("name", SHORT, "email", "co-" + guestEmail, "language", "SV"))))));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);

        // then the host's review form, the visit's page, its partner's page and the guest's own receipt show text
        signIn("hanna");
        checkTaskForm(visit, TASK_REVIEW_INTAKE, "Underlag från gästerna", SHORT, LONG);
        signIn("kim");
        checkPage("/app/visits/" + registered.reference(), SHORT, LONG);
        checkPage("/app/partners/" + partnerIdOf(registered), SHORT);
        browser.get(base() + link.substring(link.indexOf("/g/")));
        wait.until(urlMatches("/guest/intake"));
        checkPage("/guest/intake/sent", LONG);

        // and the emails about it carry it as text too (the co-traveller's invitation names the contact guest)
        for (String html : htmlPartsTo("co-" + guestEmail)) {
            assertThat(html).doesNotContain("<img src=x", "<img src=\"x\"", "href=\"https://evil");
        }

        // given the visit hosted and a guest's evaluation, its free text payloads
        complete(visit, TASK_REVIEW_INTAKE, "hanna", "programme", "Dag 1");
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit);
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 2L, "hostingNotes", "Bra", "sharedWork", "Fall");
        runDueJobs(visit);
        String evaluationLink = GuestFormsTest.linkIn(lastBodyTo(guestEmail));
        GuestHttp evaluating = new GuestHttp(port);
        evaluating.get(evaluationLink);
        evaluating.get("/guest/evaluation");
        HttpResponse<String> evaluated = evaluating.postJson("/guest/evaluation", json.writeValueAsString(Map.of("values",
                Map.of("score", "5", "wentWell", LONG, "toImprove", SHORT))));
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
        complete(visit, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "4", "hostWentWell", "Engagerade gäster");
        moveClockTo(at(VISIT_TO.plusDays(60), 9, 0)); // the co-traveller's evaluation is not waited for longer
        runDueJobs(visit);

        // then the coordinator's summary meeting form shows the evaluation as text
        checkTaskForm(visit, TASK_SCHEDULE_SUMMARY_MEETING, "Utvärderingar", SHORT, LONG);
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.cssSelector("main button[type=submit], form button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** The task's form as Tasklist draws it, once its text views show the words that only the overview has. */
    private void checkTaskForm(ProcessInstance instance, String taskDefinitionKey, String marker, String... typed) {
        String taskId = task(instance, taskDefinitionKey).getId();
        browser.get(base() + "/camunda/app/tasklist/default/#/?task=" + taskId);
        wait.until(presenceOfElementLocated(By.cssSelector(".fjs-form-field-text")));
        wait.until(d -> ((String) js().executeScript("return document.querySelector('.fjs-form') ? "
                + "document.querySelector('.fjs-form').innerText : ''")).contains(marker));
        check(taskDefinitionKey, ".fjs-form-field-text", typed);
    }

    private void checkPage(String path, String... typed) {
        browser.get(base() + path);
        wait.until(presenceOfElementLocated(By.tagName("main")));
        check(path, null, typed);
    }

    @SuppressWarnings("unchecked")
    private void check(String where, String selector, String... typed) {
        List<Object> result = (List<Object>) js().executeScript(INSPECT, selector);
        List<String> found = (List<String>) result.get(0);
        String shown = (String) result.get(1);
        assertThat(found).as("elements, links and handlers made by the payload on %s", where).isEmpty();
        for (String text : typed) {
            for (String line : text.split("\n")) {
                String expected = line.strip().replaceAll("\\s+", " ");
                if (!expected.isEmpty()) {
                    assertThat(shown).as("the typed text on %s", where).contains(expected);
                }
            }
        }
    }

    private List<String> htmlPartsTo(String address) throws Exception {
        List<String> parts = new ArrayList<>();
        for (var message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                parts.add(partOfType(message, "text/html"));
            }
        }
        assertThat(parts).as("emails to %s", address).isNotEmpty();
        return parts;
    }

    private long partnerIdOf(Visit visit) {
        return jdbc.sql("SELECT partner_id FROM sl_visit WHERE id = ?").param(visit.id()).query(Long.class).single();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
