package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.VisitRequest;
import se.samlarande.visit.VisitRequests;

/** An organisation asks to visit through the public page; a coordinator declines, proposes other dates, or invites. */
@SamlarandeTest
class VisitRequestTest extends VisitScenario {

    @LocalServerPort int port;
    @Autowired VisitRequests requests;

    private String request(String email, String language) {
        return """
                {"values": {"organisation": "Helse Bergen", "partnerLevel": "INTERNATIONAL", "contactName": "Ingrid Dahl",
                            "contactEmail": "%s", "contactLanguage": "%s", "hostUnitWish": "Akutmottagningen",
                            "whatToSee": "Triage and patient flow", "preferredPeriods": "May or June 2027", "groupSize": 4}}"""
                .formatted(email, language);
    }

    private ProcessInstance submitted(GuestHttp browser, String lang, String language) {
        browser.get("/request?lang=" + lang);
        HttpResponse<String> sent = browser.postJson("/request?lang=" + lang, request(guestEmail, language));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("/request/sent");
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("visit")
                .variableValueEquals("guestOrganisation", "Helse Bergen").orderByProcessInstanceId().desc().list().stream()
                .filter(p -> requests.get((Long) runtime.getVariable(p.getId(), "requestId")).contactEmail().equals(guestEmail))
                .findFirst().orElseThrow();
        assertThat(instance.getBusinessKey()).startsWith("REQ-");
        assertThat(instance).isWaitingAt(TASK_ASSESS_REQUEST);
        return instance;
    }

    @Test
    void thePublicPageTakesARequestInEitherLanguageAndRefusesAnIncompleteOne() {
        GuestHttp browser = new GuestHttp(port);
        assertThat(browser.get("/request").body()).contains("lang=\"sv\"", "Be om att få besöka oss");
        assertThat(browser.get("/request?lang=en").body()).contains("lang=\"en\"", "Ask to visit us");
        assertThat(browser.get("/request/schema?lang=en").body()).contains("What would you like to see, and why?");

        HttpResponse<String> refused = browser.postJson("/request?lang=en", "{\"values\": {\"organisation\": \"X\"}}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Contact person is required.");

        submitted(browser, "en", "EN");
    }

    @Test
    void aDeclinedRequestTellsTheOrganisationWhy() {
        ProcessInstance instance = submitted(new GuestHttp(port), "en", "EN");

        assertThatThrownBy(() -> complete(instance, TASK_ASSESS_REQUEST, "kim", "requestDecision", "decline"))
                .hasMessageContaining("Anledning måste fyllas i");
        complete(instance, TASK_ASSESS_REQUEST, "kim", "requestDecision", "decline", "declineReason",
                "The unit is being rebuilt in 2027");
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed(END_REQUEST_DECLINED);
        assertThat(subjectsTo(guestEmail)).containsExactly("Your visit to Akutmottagningen");
        assertThat(lastBodyTo(guestEmail)).contains("The unit is being rebuilt in 2027");
    }

    @Test
    void otherDatesAreProposedAndThenTheRequestBecomesAVisit() {
        ProcessInstance instance = submitted(new GuestHttp(port), "sv", "SV");
        long requestId = (Long) runtime.getVariable(instance.getId(), "requestId");

        complete(instance, TASK_ASSESS_REQUEST, "kim", "requestDecision", "propose", "proposal", "Vecka 40 eller 42");
        runDueJobs(instance);
        assertThat(subjectsTo(guestEmail)).containsExactly("Ert besök hos Akutmottagningen: förslag på andra datum");
        assertThat(instance).isWaitingAt(TASK_ASSESS_REQUEST);
        assertThat(requests.get(requestId).state()).isEqualTo(VisitRequest.State.DATES_PROPOSED);

        complete(instance, TASK_ASSESS_REQUEST, "kim", "requestDecision", "accept", "hostUnit", "Akutmottagningen Ryhov",
                "topic", "Triage och flöden", "dateFrom", "2027-10-04", "dateTo", "2027-10-05");
        runDueJobs(instance);

        assertThat(instance).isWaitingAt(RECEIVE_AWAIT_INTAKE);
        String reference = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getBusinessKey();
        assertThat(reference).startsWith("SL-2027-");
        assertThat(requests.get(requestId).state()).isEqualTo(VisitRequest.State.ACCEPTED);
        assertThat(requests.get(requestId).visitId()).isEqualTo(visits.getByReference(reference).id());
        assertThat(visits.getByReference(reference).guestOrganisation()).isEqualTo("Helse Bergen");
        assertThat(subjectsTo(guestEmail)).last().asString().isEqualTo("Inbjudan till samlärandebesök: Triage och flöden");
    }
}
