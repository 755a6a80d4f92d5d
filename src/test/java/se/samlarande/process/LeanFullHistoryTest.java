package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * The task overviews are on the task for its form, and nowhere in the engine's history; a form answer the app has
 * stored and removed from the process is in the history once, as given, and marked removed; everything else is there.
 */
@SamlarandeTest
class LeanFullHistoryTest extends VisitScenario {

    @Autowired HistoryService history;

    @Test
    void theOverviewsAreRuntimeVariablesOfTheTaskButLeaveNoHistory() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Se videotriage", "Fallprevention", "kim");
        runDueJobs(visit);

        // the review task's form has its overviews
        Task review = task(visit, "Task_ReviewIntake");
        assertThat(tasks.getVariablesLocal(review.getId()))
                .containsKeys(VisitProcess.VISIT_OVERVIEW.name(), VisitProcess.ANSWERS_OVERVIEW.name());
        assertThat((String) tasks.getVariableLocal(review.getId(), VisitProcess.ANSWERS_OVERVIEW.name()))
                .contains("Fallprevention");

        complete(visit, "Task_ReviewIntake", "hanna", "programme", "Dag 1: triagerummet");

        // the history has the visit's variables and the form's answer, and who completed the task
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(visit.getId()).includeDeleted().list())
                .extracting(HistoricVariableInstance::getName)
                .contains("visitId", "programme")
                .doesNotContainAnyElementsOf(VisitProcess.TASK_OVERVIEWS);
        assertThat(history.createHistoricDetailQuery().processInstanceId(visit.getId()).variableUpdates().list())
                .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
                .contains("programme")
                .doesNotContainAnyElementsOf(VisitProcess.TASK_OVERVIEWS);
        // the answer the app stored and removed: its historic variable marked removed, one detail row with its value
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(visit.getId()).variableName("programme")
                .includeDeleted().singleResult().getState()).isEqualTo(HistoricVariableInstance.STATE_DELETED);
        assertThat(history.createHistoricDetailQuery().processInstanceId(visit.getId()).variableUpdates().list())
                .filteredOn(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName().equals("programme"))
                .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue())
                .containsExactly("Dag 1: triagerummet");
        assertThat(history.createUserOperationLogQuery().processInstanceId(visit.getId()).operationType("Complete")
                .list()).extracting(e -> e.getUserId()).contains("hanna");
    }
}
