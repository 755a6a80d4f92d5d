package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import se.samlarande.evaluation.AnswerService.Confidentiality;
import se.samlarande.evaluation.AnswerService.Outcome;
import se.samlarande.support.FormViews;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Language;

/**
 * A task's overview shows the answers as they stand, not as they stood when the task was created: a guest's
 * correction reaches the host's review task, an intake that came after the deadline reaches the coordinator's
 * "Follow up missing intake", and a guest's late evaluation the summary meeting's tasks.
 */
@SamlarandeTest
class LiveOverviewTest extends VisitScenario {

    private static final Confidentiality READ = new Confidentiality("2026-1");

    @Test
    void aCorrectedIntakeReachesTheOpenReviewTask() {
        // given a guest's intake and the host's review task created with it, not yet taken
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        long visitId = visitOf(visit).id();
        answers.submitIntake(visitId, contactGuestId(visit), "First goals", "First work", READ);
        runDueJobs(visit);
        assertThat(answersOverviewOf(visit, TASK_REVIEW_INTAKE)).contains("First goals");

        // when the guest corrects it before the host takes the task
        Outcome corrected = answers.submitIntake(visitId, contactGuestId(visit), "Corrected goals", "Corrected work", READ);

        // then the open task shows the correction, and only it
        assertThat(corrected).isEqualTo(Outcome.CORRECTED);
        assertThat(answersOverviewOf(visit, TASK_REVIEW_INTAKE)).contains("Corrected goals", "Corrected work")
                .doesNotContain("First goals");
    }

    @Test
    void aCorrectionAfterTheHostTookTheReviewIsKeptAndShownOnTheTask() {
        // given the host's review task, taken by the host
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        long visitId = visitOf(visit).id();
        answers.submitIntake(visitId, contactGuestId(visit), "First goals", "First work", READ);
        runDueJobs(visit);
        tasks.claim(task(visit, TASK_REVIEW_INTAKE).getId(), "hanna");

        // when the guest sends a correction from a tab opened before
        Outcome late = answers.submitIntake(visitId, contactGuestId(visit), "Later goals", "Later work", READ);

        // then it is kept, and the host's open task shows it apart from the intake it reviews
        assertThat(late).isEqualTo(Outcome.KEPT_LATE);
        assertThat(answersOverviewOf(visit, TASK_REVIEW_INTAKE))
                .contains("Mål och syfte: First goals", "Svar som kom för sent", "rättat underlag", "Later goals", "Later work");
    }

    @Test
    void anIntakeAfterTheDeadlineUpdatesTheFollowUpTask() {
        // given the coordinator's task after the deadline passed without an intake
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM.minusDays(14), 17, 1));
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_MISSING_INTAKE);
        assertThat(answersOverviewOf(visit, TASK_FOLLOW_UP_MISSING_INTAKE)).contains("Inget underlag har kommit in");

        // when the guest's intake comes after all
        Outcome late = answers.submitIntake(visitOf(visit).id(), contactGuestId(visit), "Late goals", "Late work", READ);

        // then the coordinator's open task says so
        assertThat(late).isEqualTo(Outcome.RECEIVED_LATE);
        assertThat(answersOverviewOf(visit, TASK_FOLLOW_UP_MISSING_INTAKE)).contains("Late goals", "Late work")
                .doesNotContain("Inget underlag har kommit in");
    }

    @Test
    void aLateEvaluationReachesTheOpenSummaryMeetingTask() {
        // given a visit at its summary meeting, a co-traveller's evaluation not yet given
        ProcessInstance visit = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(visit);
        assertThat(answersOverviewOf(visit, TASK_HOLD_SUMMARY_MEETING)).contains("The triage room")
                .doesNotContain("Kan bli bättre: Shorter days");

        // when a guest's evaluation arrives through staff while the task is open
        long visitId = visitOf(visit).id();
        long coTraveller = visits.addGuest(visitId, "Ola Berg", "ola-" + guestEmail, Language.SV, contactGuestId(visit))
                .orElseThrow().id();
        answers.recordGuestEvaluation(visitId, coTraveller, 3, null, "Shorter days", "kim");

        // then it shows on the open task
        assertThat(answersOverviewOf(visit, TASK_HOLD_SUMMARY_MEETING)).contains("Ola Berg", "Kan bli bättre: Shorter days");
    }

    private String answersOverviewOf(ProcessInstance visit, String taskDefinitionKey) {
        return FormViews.shown(tasks.getVariableLocal(task(visit, taskDefinitionKey).getId(), "answersOverview"));
    }
}
