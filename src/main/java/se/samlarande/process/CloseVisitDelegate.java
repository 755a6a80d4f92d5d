package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.report.VisitResults;

/** {@code Task_CloseVisit}: stores the visit's result figures and closes it. */
@Component
class CloseVisitDelegate implements JavaDelegate {

    private final VisitResults results;

    CloseVisitDelegate(VisitResults results) {
        this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
        results.close(VISIT_ID.require(execution));
    }
}
