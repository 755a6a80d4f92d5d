package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitService;

/** {@code Task_CancelVisit} and {@code Task_CancelVisitWithoutIntake}: marks the visit cancelled, with the reason. */
@Component
class CancelVisitDelegate implements JavaDelegate {

    private final VisitService visits;

    CancelVisitDelegate(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = CANCEL_REASON.get(execution);
        visits.cancel(VISIT_ID.require(execution), reason == null || reason.isBlank() ? null : reason.strip());
    }
}
