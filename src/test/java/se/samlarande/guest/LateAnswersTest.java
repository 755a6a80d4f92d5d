package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;

import java.net.http.HttpResponse;
import java.util.Arrays;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.LateAnswer;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * A guest's answer that arrives after the process moved on is told to the guest, in their language, and kept for
 * the coordinator; the same answer sent twice is still only received once.
 */
@SamlarandeTest
class LateAnswersTest extends VisitScenario {

    private static final String INTAKE = """
            {"values": {"goalsAndPurpose": "%s", "improvementWork": "Falls prevention", "confidentialityAccepted": true}}""";

    @LocalServerPort int port;
    @Autowired AuditLog audit;

    @Test
    void aCorrectionAfterTheHostTookTheReviewIsToldAndKeptAndShownToTheCoordinator() {
        ProcessInstance visit = registerVisit();
        GuestHttp guest = intakeSentAndReviewTaken(visit);

        // a tab opened before the host took the review sends a correction
        HttpResponse<String> late = guest.postJson("/guest/intake", INTAKE.formatted("<b>Corrected</b> goals"));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("\"late\":true", "This came too late to be taken into the visit",
                "the coordinator will see it").doesNotContain("redirect");
        long visitId = visitOf(visit).id();
        assertThat(answers.intake(contactGuestId(visit)).orElseThrow().goalsAndPurpose()).isEqualTo("First goals");
        assertThat(answers.lateAnswers(visitId)).singleElement().satisfies(kept -> {
            assertThat(kept.participantId()).isEqualTo(contactGuestId(visit));
            assertThat(kept.kind()).isEqualTo(LateAnswer.Kind.INTAKE_CORRECTION);
            assertThat(kept.receivedAt()).isNotNull();
            assertThat(kept.texts()).isEqualTo(Arrays.asList("<b>Corrected</b> goals", "Falls prevention"));
        });
        assertThat(audit.forVisit(visitId)).extracting(AuditEvent::action).contains("LATE_ANSWER_KEPT");

        // the coordinator sees it on the visit page, as text
        String page = Browser.signedIn(port, "kim").get("/app/visits/" + visitOf(visit).reference()).body();
        assertThat(page).contains("Rättat underlag som kom för sent", "&lt;b&gt;Corrected&lt;/b&gt; goals")
                .doesNotContain("<b>Corrected</b>");
    }

    @Test
    void aGuestWritingInSwedishIsToldInSwedish() {
        ProcessInstance visit = registerVisit(VISIT_FROM, VISIT_TO, "SV");
        GuestHttp guest = intakeSentAndReviewTaken(visit);

        HttpResponse<String> late = guest.postJson("/guest/intake", INTAKE.formatted("Rättade mål"));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("Det här kom för sent för att tas med i besöket", "samordnaren ser det");
        assertThat(answers.lateAnswers(visitOf(visit).id())).extracting(LateAnswer::kind)
                .containsExactly(LateAnswer.Kind.INTAKE_CORRECTION);
    }

    @Test
    void theSameAnswerSentAgainKeepsNothingNew() {
        ProcessInstance visit = registerVisit();
        GuestHttp guest = intakeSentAndReviewTaken(visit);
        long visitId = visitOf(visit).id();

        // the intake as it was received (a double click that arrives after the host took the review): already received
        HttpResponse<String> same = guest.postJson("/guest/intake", INTAKE.formatted("First goals"));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).contains("/guest/intake/sent");
        assertThat(answers.lateAnswers(visitId)).isEmpty();

        // a late correction sent twice is kept once, and told both times
        assertThat(guest.postJson("/guest/intake", INTAKE.formatted("Later goals")).statusCode()).isEqualTo(409);
        assertThat(guest.postJson("/guest/intake", INTAKE.formatted("Later goals")).statusCode()).isEqualTo(409);
        assertThat(answers.lateAnswers(visitId)).hasSize(1);
        assertThat(audit.forVisit(visitId)).filteredOn(e -> e.action().equals("LATE_ANSWER_KEPT")).hasSize(1);
        assertThat(answers.intake(contactGuestId(visit)).orElseThrow().goalsAndPurpose()).isEqualTo("First goals");
    }

    /** The guest sent an intake, and the host took up the review task; the guest's page is still open. */
    private GuestHttp intakeSentAndReviewTaken(ProcessInstance visit) {
        runDueJobs(visit);
        GuestHttp guest = new GuestHttp(port);
        guest.get(GuestFormsTest.linkIn(lastBodyTo(guestEmail)));
        guest.get("/guest/intake");
        assertThat(guest.postJson("/guest/intake", INTAKE.formatted("First goals")).statusCode()).isEqualTo(200);
        runDueJobs(visit);
        tasks.claim(task(visit, TASK_REVIEW_INTAKE).getId(), "hanna");
        return guest;
    }
}
