package se.samlarande.report;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the report reads from the process engine's history, by visit reference (the process's business key).
 * Implemented in {@code process}; the report knows nothing of BPMN ids or Camunda's API.
 */
public interface ProcessHistory {

    /** When each phase of the visit's lifecycle ended, as far as it has come; by reference. */
    Map<String, Milestones> milestones(Collection<String> references);

    /** Open incidents (jobs that ran out of retries, e.g. an email that cannot be sent), by reference; absent = none. */
    Map<String, Long> openIncidents(Collection<String> references);

    /** Who did what in the visit's process: started it, completed tasks, claimed, changed variables, retried jobs... */
    List<Step> trail(String reference);

    /**
     * The moments that bound the phases, null until reached.
     *
     * @param invited           the invitation was sent
     * @param intakeDone        the intake phase ended (intake received, or a coordinator decided to go on without)
     * @param programmePlanned  the host reviewed the intake and planned the programme
     * @param visitStarted      the visit's first day came (the host's task opened)
     * @param visitHosted       the host reported on the visit
     * @param evaluationDone    guests' and host's evaluations are in (or their time ran out): summary meeting planning began
     * @param summaryHeld       the summary meeting's answers were recorded
     */
    record Milestones(Instant invited, Instant intakeDone, Instant programmePlanned, Instant visitStarted,
            Instant visitHosted, Instant evaluationDone, Instant summaryHeld) {
    }

    /**
     * One thing that happened in the process.
     *
     * @param actor  the Camunda user id, or null when the engine did it on its own (a timer, a job)
     * @param action a stable code: PROCESS_STARTED, TASK_COMPLETED, TASK_CLAIMED, VARIABLE_CHANGED, JOB_RETRIES_SET,
     *               MESSAGE_RECEIVED, INCIDENT, PROCESS_ENDED or OPERATION (any other operation of the user log)
     * @param detail what it was about: the task's name, the variable and its values...
     */
    record Step(Instant at, String actor, String action, String detail) {
    }
}
