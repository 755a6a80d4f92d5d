package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.visit.InvalidVisitException;

/** Completing "Evaluate the visit as host": stores the host's evaluation. */
@Component
class RecordHostEvaluationListener implements TaskListener {

    private final AnswerService answers;

    RecordHostEvaluationListener(AnswerService answers) {
        this.answers = answers;
    }

    @Override
    public void notify(DelegateTask task) {
        int score;
        try {
            score = Integer.parseInt(String.valueOf(HOST_SCORE.get(task)));
        } catch (NumberFormatException e) {
            throw new InvalidVisitException("Välj ett betyg mellan 1 och 5.");
        }
        answers.recordHostEvaluation(VISIT_ID.require(task), score,
                HOST_WENT_WELL.get(task),
                HOST_TO_IMPROVE.get(task), TaskUsers.actor(task));
        task.getExecution().removeVariables(java.util.List.of(HOST_SCORE.name(), HOST_WENT_WELL.name(),
                HOST_TO_IMPROVE.name()));
    }
}
