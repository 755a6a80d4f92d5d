package se.samlarande.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.evaluation.EvaluationStored;
import se.samlarande.evaluation.IntakeStored;
import se.samlarande.evaluation.LateAnswerKept;
import se.samlarande.visit.VisitService;

/**
 * Keeps the overviews of a visit's open tasks current: once an answer is stored (an intake, a correction, a late
 * one, an evaluation, an answer kept because it came too late) and committed, every open task of the visit's process gets its overview again, as
 * {@link TaskOverviewListener} builds it now. So the host reviewing the intake sees a guest's correction, and a
 * coordinator's "Follow up missing intake" shows an intake that came after the deadline.
 * <p>
 * After the commit, in a transaction of its own and as the app (not as whoever stored the answer, who may not be
 * allowed to change another person's task): the answer is stored whatever happens here, and a task completed at the
 * same moment only makes this refresh fail, which is logged; the next answer, or the next task, shows it.
 */
@Component
class OverviewRefresh {

    private static final Logger log = LoggerFactory.getLogger(OverviewRefresh.class);
    /** A visit has a handful of open tasks at most; the bound only keeps a runaway from reading without end. */
    private static final int MAX_OPEN_TASKS = 50;

    private final TaskService tasks;
    private final IdentityService identity;
    private final TaskOverviewListener overviews;
    private final VisitService visits;
    private final TransactionTemplate ownTransaction;

    OverviewRefresh(TaskService tasks, IdentityService identity, TaskOverviewListener overviews, VisitService visits,
            PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.identity = identity;
        this.overviews = overviews;
        this.visits = visits;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(IntakeStored stored) {
        refresh(stored.visit().id(), stored.visit().reference());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EvaluationStored stored) {
        refresh(stored.visitId(), null);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(LateAnswerKept kept) {
        refresh(kept.visitId(), null);
    }

    /** Puts the current overviews on every open task of the visit. */
    void refresh(long visitId, String knownReference) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            ownTransaction.executeWithoutResult(tx -> {
                String reference = knownReference != null ? knownReference : visits.get(visitId).reference();
                for (Task task : tasks.createTaskQuery().processDefinitionKey(VisitProcess.KEY)
                        .processInstanceBusinessKey(reference).listPage(0, MAX_OPEN_TASKS)) {
                    tasks.setVariablesLocal(task.getId(), overviews.overviews(task.getTaskDefinitionKey(), visitId));
                    log.debug("Overview of task {} of visit {} brought up to date", task.getTaskDefinitionKey(), reference);
                }
            });
        } catch (RuntimeException e) {
            log.warn("The open tasks of visit {} keep their earlier overview: {}", visitId, e.toString());
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
