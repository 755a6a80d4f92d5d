package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.visit.VisitService;

/**
 * {@code Task_PlanPracticeFollowUp}, right after the visit closed: when the host will be asked whether the planned
 * practice was introduced, and until when they may answer, from {@code samlarande.timers.practice-follow-up-*}; kept
 * with the visit (its page shows when) and in the process for the timers.
 */
@Component
class PlanPracticeFollowUpDelegate implements JavaDelegate {

    private final VisitService visits;
    private final PracticeFollowUps followUps;
    private final VisitTimers timers;

    PlanPracticeFollowUpDelegate(VisitService visits, PracticeFollowUps followUps, VisitTimers timers) {
        this.visits = visits;
        this.followUps = followUps;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long visitId = VISIT_ID.require(execution);
        VisitTimers.FollowUpSchedule schedule = timers.practiceFollowUp(visits.get(visitId).closedAt());
        PracticeFollowUp planned = followUps.plan(visitId, schedule.dueAt(), schedule.answerBy());
        PRACTICE_FOLLOW_UP_DUE.set(execution, Date.from(planned.dueAt()));
        PRACTICE_FOLLOW_UP_ANSWER_BY.set(execution, Date.from(planned.answerBy()));
    }
}
