package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.evaluation.Intake;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Participant;
import se.samlarande.visit.VisitActions;

/**
 * A guest goes from the emailed link to a submitted answer over real HTTP: the link from the email GreenMail
 * received, the page, the form as JSON, the submission validated on the server, and the process moving on.
 */
@SamlarandeTest
class GuestFormsTest extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/g/[A-Za-z0-9_-]{43}");
    private static final String VALID_INTAKE = """
            {"values": {"goalsAndPurpose": "See video triage", "improvementWork": "Falls prevention",
                        "confidentialityAccepted": true}}""";

    @LocalServerPort int port;
    @Autowired VisitActions visitActions;

    @Test
    void aGuestSubmitsTheIntakeFromTheInvitationAndTheProcessMovesOn() {
        // given the invitation in the guest's inbox
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        String link = linkIn(lastBodyTo(guestEmail));
        GuestHttp browser = new GuestHttp(port);

        // when the guest opens it: the token is swapped for a session and leaves the address bar
        HttpResponse<String> opened = browser.get(link);
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/guest/intake"));
        HttpResponse<String> page = browser.get("/guest/intake");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"en\"", "Your brief before the visit", "form-viewer.umd.js");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(browser.get("/guest/intake/schema").body()).contains("Goals and purpose of the visit", "\"id\":\"intake\"");
        assertThat(browser.get("/guest/intake/data").body()).contains("\"isContactGuest\":true");

        // a half-filled form is refused with messages in the guest's language, and nothing moves
        HttpResponse<String> refused = browser.postJson("/guest/intake",
                "{\"values\": {\"goalsAndPurpose\": \"See video triage\", \"confidentialityAccepted\": false}}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Improvement work to share is required.", "you need to accept");
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);

        // then a complete one moves the process on, with the confidentiality commitment recorded
        HttpResponse<String> accepted = browser.postJson("/guest/intake", VALID_INTAKE);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("/guest/intake/sent");
        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);
        Intake intake = answers.intake(contactGuestId(visit)).orElseThrow();
        assertThat(intake.recordedOnBehalf()).isFalse();
        assertThat(intake.confidentialityVersion()).isEqualTo("2026-1");
        assertThat(intake.confidentialityAcceptedAt()).isNotNull();
        assertThat(browser.get("/guest/intake/sent").body()).contains("What you sent", "See video triage", "version 2026-1");
    }

    @Test
    void aDoubleSubmissionCorrelatesOnceAndCorrectionsStopWhenTheHostStartsReviewing() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        GuestHttp browser = new GuestHttp(port);
        browser.get(linkIn(lastBodyTo(guestEmail)));
        browser.get("/guest/intake");

        // two posts (a double click, or a second tab)
        assertThat(browser.postJson("/guest/intake", VALID_INTAKE).statusCode()).isEqualTo(200);
        assertThat(browser.postJson("/guest/intake", VALID_INTAKE.replace("See video triage", "See video triage, corrected"))
                .statusCode()).isEqualTo(200);

        // one correlation, one review task; the second corrected the text
        assertThat(management.createJobQuery().processInstanceId(visit.getId()).activityId(TASK_REVIEW_INTAKE).count()).isEqualTo(1);
        runDueJobs(visit);
        assertThat(tasks.createTaskQuery().processInstanceId(visit.getId()).taskDefinitionKey(TASK_REVIEW_INTAKE).count()).isEqualTo(1);
        assertThat(answers.intake(contactGuestId(visit)).orElseThrow().goalsAndPurpose()).isEqualTo("See video triage, corrected");
        assertThat(browser.get("/guest/intake").body()).contains("You have already sent your brief");

        // once the host has taken the review, the intake stands as it is
        tasks.claim(task(visit, TASK_REVIEW_INTAKE).getId(), "hanna");
        browser.postJson("/guest/intake", VALID_INTAKE.replace("See video triage", "Too late"));
        assertThat(answers.intake(contactGuestId(visit)).orElseThrow().goalsAndPurpose()).isEqualTo("See video triage, corrected");
        HttpResponse<String> again = browser.get("/guest/intake");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/guest/intake/sent"));
    }

    @Test
    void theContactGuestAddsACoTravellerWhoGetsAnInvitationAndAnEvaluationOfTheirOwn() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        GuestHttp contact = new GuestHttp(port);
        contact.get(linkIn(lastBodyTo(guestEmail)));
        contact.get("/guest/intake");
        String coTraveller = "co-" + guestEmail;

        HttpResponse<String> sent = contact.postJson("/guest/intake", """
                {"values": {"goalsAndPurpose": "Goals", "improvementWork": "Work", "confidentialityAccepted": true,
                            "coTravellers": [{"name": "Ola Berg", "email": "%s", "language": "SV"}]}}""".formatted(coTraveller));
        assertThat(sent.statusCode()).isEqualTo(200);
        runDueJobs(visit);

        // the co-traveller has an invitation in Swedish, with a link of their own, to a form without the list
        assertThat(subjectsTo(coTraveller)).containsExactly("Inbjudan till samlärandebesök: Digital triage i primärvården");
        assertThat(subjectsTo(guestEmail)).hasSize(1);
        GuestHttp ola = new GuestHttp(port);
        ola.get(linkIn(lastBodyTo(coTraveller)));
        assertThat(ola.get("/guest/intake").body()).contains("lang=\"sv\"");
        assertThat(ola.get("/guest/intake/data").body()).contains("\"isContactGuest\":false");
        assertThat(ola.postJson("/guest/intake", """
                {"values": {"goalsAndPurpose": "G", "improvementWork": "W", "confidentialityAccepted": true,
                            "coTravellers": [{"name": "X", "email": "x@example.org", "language": "SV"}]}}""").statusCode())
                .as("only the contact guest adds co-travellers").isEqualTo(422);

        // after the visit both guests are asked to evaluate it, each through their own link
        complete(visit, TASK_REVIEW_INTAKE, "hanna", "programme", "Day 1");
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit);
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 4L);
        runDueJobs(visit);
        assertThat(subjectsTo(coTraveller)).contains("Hur var besöket? Utvärdering av Digital triage i primärvården");
        GuestHttp olaLater = new GuestHttp(port);
        olaLater.get(linkIn(lastBodyTo(coTraveller)));
        olaLater.get("/guest/evaluation");
        assertThat(olaLater.postJson("/guest/evaluation", "{\"values\": {\"score\": \"4\", \"wentWell\": \"Bra\"}}").statusCode())
                .isEqualTo(200);
        long olaId = visits.guests(visitOf(visit).id()).stream().filter(g -> g.email().equals(coTraveller))
                .map(Participant::id).findFirst().orElseThrow();
        assertThat(answers.evaluation(olaId)).hasValueSatisfying(e -> assertThat(e.score()).isEqualTo(4));
        assertThat(runtime.createExecutionQuery().processInstanceId(visit.getId()).activityId(RECEIVE_AWAIT_EVALUATION).count())
                .as("the contact guest's evaluation is still awaited").isEqualTo(1);
    }

    @Test
    void unknownTamperedAndForeignLinksOpenNothing() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        String link = linkIn(lastBodyTo(guestEmail));
        String tampered = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
        GuestHttp browser = new GuestHttp(port);

        HttpResponse<String> unknown = browser.get(tampered);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Länken fungerar inte").doesNotContain("Digital triage");
        assertThat(browser.get("/g/not-a-token").statusCode()).isEqualTo(404);
        assertThat(browser.get("/guest/intake").statusCode()).as("no session, no form").isEqualTo(403);
        assertThat(browser.get("/guest/intake/schema").statusCode()).isEqualTo(403);

        // an intake link does not open the evaluation
        browser.get(link);
        assertThat(browser.get("/guest/evaluation").statusCode()).isEqualTo(403);
        assertThat(browser.postJson("/guest/evaluation", "{\"values\": {\"score\": \"5\"}}").statusCode()).isEqualTo(403);
        // and a post without the page's CSRF token is refused
        assertThat(browser.postJsonWithoutCsrf("/guest/intake", VALID_INTAKE).statusCode()).isEqualTo(403);
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
    }

    @Test
    void anExpiredLinkOffersANewOneByEmailThatWorks() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        String link = linkIn(lastBodyTo(guestEmail));
        moveClockTo(at(VISIT_TO.plusDays(32), 12, 0));
        GuestHttp browser = new GuestHttp(port);

        HttpResponse<String> expired = browser.get(link);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired", "Send a new link to my email").doesNotContain(guestEmail);
        HttpResponse<String> renewed = browser.postForm("/g/renew", "token=" + link.substring(link.lastIndexOf('/') + 1));
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(renewed.body()).contains("Please check your email").doesNotContain("/g/");

        String newLink = linkIn(lastBodyTo(guestEmail));
        assertThat(newLink).isNotEqualTo(link);
        assertThat(subjectsTo(guestEmail)).last().asString().startsWith("Your new link");
        assertThat(browser.get(newLink).statusCode()).isEqualTo(302);
        assertThat(browser.get("/guest/intake").statusCode()).isEqualTo(200);
    }

    @Test
    void aSubmissionAfterTheVisitWasCancelledIsTurnedAwayWithAPage() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        GuestHttp browser = new GuestHttp(port);
        browser.get(linkIn(lastBodyTo(guestEmail)));
        browser.get("/guest/intake");

        visitActions.cancel(visitOf(visit).reference(), "The unit is closed");

        assertThat(browser.postJson("/guest/intake", VALID_INTAKE).statusCode()).isEqualTo(409);
        assertThat(answers.intakes(visitOf(visit).id())).isEmpty();
        assertThat(browser.get("/guest/intake").body()).contains("The visit is cancelled");
    }

    @Test
    void oversizedAndMalformedSubmissionsAreRefusedWithoutAServerError() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        GuestHttp browser = new GuestHttp(port);
        browser.get(linkIn(lastBodyTo(guestEmail)));
        browser.get("/guest/intake");

        HttpResponse<String> oversized = browser.postJson("/guest/intake", VALID_INTAKE.replace("Falls prevention", "x".repeat(5000)));
        assertThat(oversized.statusCode()).isEqualTo(422);
        assertThat(oversized.body()).contains("at most 4000 characters (now 5000)");
        assertThat(browser.postJson("/guest/intake", "{\"values\": {\"goalsAndPurpose\": {\"$ne\": 1}, \"isAdmin\": true}}")
                .statusCode()).isEqualTo(422);
        assertThat(browser.postJson("/guest/intake", "not json").statusCode()).isEqualTo(400);
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
    }

    /** The personal link to the guest's form: the first in the email (a link to the visit's blog may follow it). */
    static String linkIn(String email) {
        Matcher m = LINK.matcher(email);
        List<String> found = m.results().map(r -> r.group()).toList();
        assertThat(found).as("the form's link (and the blog's) in the email").hasSizeBetween(1, 2);
        return found.get(0);
    }
}
