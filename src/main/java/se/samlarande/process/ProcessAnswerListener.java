package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.AnswerListener;

/**
 * Moves the process when an answer has been stored: correlates {@code IntakeSubmitted} by the visit's
 * reference, and {@code EvaluationSubmitted} by the reference and the guest. Runs in the caller's transaction,
 * so the answer and the correlation commit together. Correlating nothing is not an error: the answer arrived
 * after the process moved on, and stays stored for the coordinator.
 * <p>
 * When another transaction moved the same process instance at the same moment (a second node correlating for
 * another guest of the visit, a timer firing), the engine's {@link OptimisticLockingException} is passed on as
 * Spring's {@link OptimisticLockingFailureException}, so that {@code AnswerService}, which knows no Camunda, tries
 * the whole transaction again.
 */
@Component
class ProcessAnswerListener implements AnswerListener {

    private final RuntimeService runtime;
    private final TaskService tasks;

    ProcessAnswerListener(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Override
    public boolean intakeReviewStarted(String visitReference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(visitReference)
                .taskDefinitionKey(Element.TASK_REVIEW_INTAKE).taskAssigned().count() > 0;
    }

    @Override
    public boolean intakeReceived(String visitReference, long participantId) {
        return conflictsPassedOn(() -> !runtime.createMessageCorrelation(Message.INTAKE_SUBMITTED)
                .processInstanceBusinessKey(visitReference)
                .correlateAllWithResult().isEmpty());
    }

    @Override
    public boolean evaluationReceived(String visitReference, long participantId) {
        return conflictsPassedOn(() -> !runtime.createMessageCorrelation(Message.EVALUATION_SUBMITTED)
                .processInstanceBusinessKey(visitReference)
                .localVariableEquals(GUEST_ID.name(), participantId)
                .correlateAllWithResult().isEmpty());
    }

    private static boolean conflictsPassedOn(Supplier<Boolean> correlation) {
        try {
            return correlation.get();
        } catch (OptimisticLockingException concurrentlyMoved) {
            throw new OptimisticLockingFailureException("The visit's process was moved by another transaction at the "
                    + "same moment", concurrentlyMoved);
        }
    }
}
