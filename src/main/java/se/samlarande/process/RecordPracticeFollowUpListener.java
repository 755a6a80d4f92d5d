package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.blog.BlogService;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.visit.InvalidVisitException;

/**
 * Completing "Follow up the practice": stores the host's answer (audited and announced), and adds it to the visit's
 * blog. A refused answer keeps the task open with the message.
 */
@Component
class RecordPracticeFollowUpListener implements TaskListener {

    private final PracticeFollowUps followUps;
    private final BlogService blog;

    RecordPracticeFollowUpListener(PracticeFollowUps followUps, BlogService blog) {
        this.followUps = followUps;
        this.blog = blog;
    }

    @Override
    public void notify(DelegateTask task) {
        PracticeFollowUp.Introduced introduced;
        try {
            introduced = PracticeFollowUp.Introduced.valueOf(String.valueOf(INTRODUCED.get(task)).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Ange om det som planerades infördes: ja, delvis eller nej.");
        }
        PracticeFollowUp answer = followUps.record(VISIT_ID.require(task), introduced, WHAT_WAS_INTRODUCED.get(task),
                EFFECT.get(task), OBSTACLES.get(task), TaskUsers.actor(task));
        blog.postPracticeFollowUp(answer);
        task.getExecution().removeVariables(List.of(INTRODUCED.name(), WHAT_WAS_INTRODUCED.name(), EFFECT.name(),
                OBSTACLES.name()));
    }
}
