package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Summary;
import se.samlarande.visit.InvalidVisitException;

/**
 * Completing "Hold the summary meeting": stores the answers to the summary questions; {@code publishOnBlog} stays
 * in the process for the gateway that asks whether the summary goes on the blog.
 */
@Component
class RecordSummaryListener implements TaskListener {

    private final AnswerService answers;

    RecordSummaryListener(AnswerService answers) {
        this.answers = answers;
    }

    @Override
    public void notify(DelegateTask task) {
        Summary.PurposeMet purposeMet;
        try {
            purposeMet = Summary.PurposeMet.valueOf(String.valueOf(PURPOSE_MET.get(task)).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Ange om syftet med besöket uppnåddes: ja, delvis eller nej.");
        }
        boolean publish = Boolean.TRUE.equals(PUBLISH_ON_BLOG.get(task));
        answers.recordSummaryAnswers(VISIT_ID.require(task), purposeMet,
                LEARNED.get(task),
                INTRODUCE_IN_PRACTICE.get(task),
                FOLLOW_UP_ACTIONS.get(task),
                publish, Boolean.TRUE.equals(LIBRARY_CONSENT.get(task)), TaskUsers.actor(task));
        task.getExecution().removeVariables(java.util.List.of(PURPOSE_MET.name(), LEARNED.name(),
                INTRODUCE_IN_PRACTICE.name(), FOLLOW_UP_ACTIONS.name(), LIBRARY_CONSENT.name()));
        PUBLISH_ON_BLOG.set(task.getExecution(), publish); // for Gateway_PublishSummary, never null

    }
}
