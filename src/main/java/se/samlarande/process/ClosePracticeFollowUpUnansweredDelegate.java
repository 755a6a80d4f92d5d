package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.PracticeFollowUps;

/** {@code Task_ClosePracticeFollowUpUnanswered}: the answer time is over; the follow-up is kept as unanswered. */
@Component
class ClosePracticeFollowUpUnansweredDelegate implements JavaDelegate {

    private final PracticeFollowUps followUps;

    ClosePracticeFollowUpUnansweredDelegate(PracticeFollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.closeUnanswered(VISIT_ID.require(execution));
    }
}
