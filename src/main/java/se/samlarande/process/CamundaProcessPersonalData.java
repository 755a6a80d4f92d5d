package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import se.samlarande.privacy.ProcessPersonalData;

/**
 * Removes the engine's historic copies of variables that carried personal data or free text. While a process runs
 * these are needed only for a moment (the registration's contact until the visit is stored, a form's answers until
 * its listener stores them, the task-local overviews while a task is open); their history would otherwise stay until
 * the history time-to-live.
 */
@Component
class CamundaProcessPersonalData implements ProcessPersonalData {

    /** Variables that hold names, addresses or free text. Ids, dates and decisions are not among them. */
    static final List<ProcessVariable<?>> PERSONAL = List.of(CONTACT_NAME, CONTACT_EMAIL, CONTACT_LANGUAGE,
            ANSWERS_OVERVIEW, REQUEST_OVERVIEW, HOSTING_NOTES, SHARED_WORK, HOST_WENT_WELL, HOST_TO_IMPROVE, LEARNED,
            INTRODUCE_IN_PRACTICE, FOLLOW_UP_ACTIONS, SUMMARY_POST_TEXT, CANCEL_REASON, PROPOSAL, DECLINE_REASON,
            PRACTICE_OVERVIEW, WHAT_WAS_INTRODUCED, EFFECT, OBSTACLES);

    private final HistoryService history;
    private final RuntimeService runtime;

    CamundaProcessPersonalData(HistoryService history, RuntimeService runtime) {
        this.history = history;
        this.runtime = runtime;
    }

    @Override
    public boolean running(String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(businessKey)
                .count() > 0;
    }

    /** Where a visit's process waits while it follows up the practice, after the visit closed. */
    static final Set<String> PRACTICE_FOLLOW_UP = Set.of(Element.TIMER_PRACTICE_FOLLOW_UP_DUE,
            Element.TASK_FOLLOW_UP_PRACTICE, Element.TASK_SEND_PRACTICE_FOLLOW_UP_REMINDER,
            Element.TASK_SEND_PRACTICE_FOLLOW_UP_UNANSWERED);

    @Override
    public boolean awaitingPracticeFollowUp(String businessKey) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(businessKey).list();
        return !instances.isEmpty() && instances.stream()
                .allMatch(instance -> PRACTICE_FOLLOW_UP.containsAll(runtime.getActiveActivityIds(instance.getId())));
    }

    @Override
    public int eraseFromHistory(String businessKey) {
        return erase(businessKey, PERSONAL);
    }

    @Override
    public int erasePracticeFollowUpFromHistory(String businessKey) {
        return erase(businessKey, List.of(WHAT_WAS_INTRODUCED, EFFECT, OBSTACLES));
    }

    private int erase(String businessKey, List<ProcessVariable<?>> variables) {
        String[] names = variables.stream().map(ProcessVariable::name).toArray(String[]::new);
        int erased = 0;
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).processDefinitionKey(KEY).list()) {
            for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                    .processInstanceId(instance.getId()).variableNameIn(names).includeDeleted().list()) {
                history.deleteHistoricVariableInstance(variable.getId());
                erased++;
            }
        }
        return erased;
    }
}
