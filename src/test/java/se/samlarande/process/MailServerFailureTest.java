package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.notification.Email;
import se.samlarande.notification.EmailState;
import se.samlarande.notification.MailKind;
import se.samlarande.notification.Outbox;
import se.samlarande.notification.VisitMailer;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * A mail server that is down makes the sending job fail, be retried, and end as an incident in Cockpit; the
 * visit is never lost or rolled back. When the server is back, retrying the incident delivers the email once.
 */
@SamlarandeTest
class MailServerFailureTest extends VisitScenario {

    @Autowired Outbox outbox;
    @Autowired VisitMailer mailer;

    @Test
    void aMailServerThatIsDownBecomesRetriesThenAnIncidentAndTheRetryDeliversOnce() {
        // given the SMTP server is down when a visit is registered
        smtp.stop();
        ProcessInstance visit = registerVisit();
        long visitId = visitOf(visit).id();
        Job send = management.createJobQuery().processInstanceId(visit.getId()).activityId(TASK_SEND_INVITATIONS).singleResult();

        // when the sending job runs out of its three tries
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(send.getId()))
                    .hasMessageContaining("did not accept the INVITATION email");
        }

        // then there is an incident where the visit waits, the visit itself is intact, the failure is recorded
        Incident incident = runtime.createIncidentQuery().processInstanceId(visit.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(TASK_SEND_INVITATIONS);
        assertThat(visit).isWaitingAt(TASK_SEND_INVITATIONS);
        assertThat(visits.get(visitId).reference()).isNotBlank();
        Email failed = outbox.recent(visitId, 10).get(0);
        assertThat(failed.state()).isEqualTo(EmailState.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isNotBlank();

        // when the server is back and an operator retries the incident (as Cockpit does)
        smtp.start();
        management.setJobRetries(send.getId(), 1);
        management.executeJob(send.getId());

        // then the invitation is delivered once and the visit goes on
        assertThat(subjectsTo(guestEmail)).hasSize(1);
        assertThat(outbox.recent(visitId, 10)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(EmailState.SENT);
            assertThat(e.attempts()).isEqualTo(4);
        });
        assertThat(runtime.createIncidentQuery().processInstanceId(visit.getId()).count()).isZero();
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
    }

    @Test
    void aSendingJobThatRunsAgainSendsNothingTwice() {
        // given an invitation delivered by its job
        ProcessInstance visit = registerVisit();
        String round = management.createJobQuery().processInstanceId(visit.getId()).activityId(TASK_SEND_INVITATIONS)
                .singleResult().getExecutionId();
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).hasSize(1);

        // when the same round is sent again, as a job run twice (a lock expired on another node) would
        mailer.send(visitOf(visit).id(), MailKind.INVITATION, round, null);

        // then the outbox finds it delivered and the guest still has one invitation
        assertThat(subjectsTo(guestEmail)).hasSize(1);
        assertThat(outbox.recent(visitOf(visit).id(), 10)).hasSize(1);
    }
}
