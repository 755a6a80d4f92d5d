package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitService;

/** {@code Task_ExtendIntakeDeadline}: the coordinator's new deadline, for the timer and the visit row. */
@Component
class ExtendIntakeDeadlineDelegate implements JavaDelegate {

    private final VisitService visits;
    private final VisitTimers timers;

    ExtendIntakeDeadlineDelegate(VisitService visits, VisitTimers timers) {
        this.visits = visits;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant deadline = timers.endOfDay(RegisterVisitDelegate.date(NEW_INTAKE_DEADLINE.get(execution), "Ny sista dag"));
        visits.setIntakeDeadline(VISIT_ID.require(execution), deadline);
        INTAKE_DEADLINE.set(execution, Date.from(deadline));
        execution.removeVariable(NEW_INTAKE_DEADLINE.name());
        execution.removeVariable(FOLLOW_UP_DECISION.name());
    }
}
