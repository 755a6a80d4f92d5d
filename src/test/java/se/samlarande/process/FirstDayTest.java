package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.notification.Outbox;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Visit;

/**
 * A visit's first day is today or later in the region (by the engine's clock), on every road in: the start form as
 * Tasklist submits it, the app's registration page, new dates. A visit recorded afterwards says so, and gets no
 * invitation. "Now" is 1 December 2026, 09:00 in Stockholm.
 */
@SamlarandeTest
class FirstDayTest extends VisitScenario {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Autowired Outbox outbox;

    @Test
    void aFirstDayBeforeTodayIsRefusedAndNothingIsStored() {
        long instancesBefore = runtime.createProcessInstanceQuery().count();

        assertThatThrownBy(() -> registerVisit(LocalDate.of(1999, 3, 1), LocalDate.of(1999, 3, 2), "SV"))
                .isInstanceOf(InvalidVisitException.class).hasMessageContaining("har redan passerat")
                .hasMessageContaining("Besöket har redan ägt rum");
        assertThatThrownBy(() -> registerVisit(TODAY.minusDays(1), TODAY, "SV")).isInstanceOf(InvalidVisitException.class);

        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void todayIsAccepted() {
        ProcessInstance visit = registerVisit(TODAY, TODAY, "SV");

        assertThat(visitOf(visit).dateFrom()).isEqualTo(TODAY);
    }

    @Test
    void todayIsTheRegionsDayNotUtcs() {
        // 23:30 UTC on 1 December is already 2 December in Stockholm
        moveClockTo(java.time.Instant.parse("2026-12-01T23:30:00Z"));

        assertThatThrownBy(() -> registerVisit(TODAY, TODAY.plusDays(1), "SV")).isInstanceOf(InvalidVisitException.class);
        assertThat(visitOf(registerVisit(TODAY.plusDays(1), TODAY.plusDays(1), "SV")).dateFrom()).isEqualTo(TODAY.plusDays(1));
    }

    @Test
    void aVisitRecordedAsAlreadyHeldIsRegisteredWithoutAnInvitation() {
        ProcessInstance visit = as("kim", () -> runtime.startProcessInstanceByKey("visit", form(TODAY.minusDays(5),
                TODAY.minusDays(4), true)));
        runDueJobs(visit);

        Visit held = visitOf(visit);
        assertThat(held.dateFrom()).isEqualTo(TODAY.minusDays(5));
        assertThat(subjectsTo(guestEmail)).isEmpty();
        assertThat(outbox.recent(held.id(), 10)).isEmpty();
        // and a visit still to come cannot have been held
        assertThatThrownBy(() -> as("kim", () -> runtime.startProcessInstanceByKey("visit", form(TODAY.plusDays(3),
                TODAY.plusDays(4), true)))).isInstanceOf(InvalidVisitException.class).hasMessageContaining("inte kommit");
    }

    @Test
    void aVisitCannotMoveToAFirstDayThatHasPassed() {
        Visit visit = visitOf(registerVisit());

        assertThatThrownBy(() -> visits.checkReschedulable(visit, TODAY.minusDays(1), TODAY))
                .isInstanceOf(InvalidVisitException.class).hasMessageContaining("har redan passerat");
        assertThatThrownBy(() -> visits.reschedule(visit.id(), TODAY.minusDays(1), TODAY))
                .isInstanceOf(InvalidVisitException.class);
        assertThat(visits.get(visit.id()).dateFrom()).isEqualTo(VISIT_FROM);
    }

    @Test
    void theRegistrationPageShowsTheRefusalNextToTheForm() {
        Browser kim = Browser.signedIn(port(), "kim");
        kim.get("/app/visits/new");

        var page = kim.postForm("/app/visits/new", "hostUnit=V%C3%A5rdcentralen+Ryhov&topic=Triage&dateFrom=1999-03-01"
                + "&dateTo=1999-03-02&direction=INCOMING&guestOrganisation=NHS+Lothian&partnerLevel=INTERNATIONAL"
                + "&contactName=Fiona+Grant&contactEmail=" + guestEmail + "&contactLanguage=EN");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"error\" role=\"alert\"").contains("har redan passerat")
                .contains("id=\"register-visit\"");
    }

    private int port() {
        return Integer.parseInt(environment.getProperty("local.server.port"));
    }

    @Autowired org.springframework.core.env.Environment environment;

    private Map<String, Object> form(LocalDate from, LocalDate to, boolean alreadyHeld) {
        return new java.util.HashMap<>(Map.of("hostUnit", hostUnit, "topic", "Digital triage i primärvården",
                "dateFrom", from.toString(), "dateTo", to.toString(), "guestOrganisation", "NHS Lothian",
                "partnerLevel", "INTERNATIONAL", "contactName", "Fiona Grant", "contactEmail", guestEmail,
                "contactLanguage", "EN", "alreadyHeld", alreadyHeld));
    }
}
