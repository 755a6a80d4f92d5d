package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitRequest;
import se.samlarande.visit.VisitRequestListener;

/** Starts the visit process for a request from outside: message {@code VisitRequested}, business key {@code REQ-<id>}. */
@Component
class ProcessVisitRequestListener implements VisitRequestListener {

    private final RuntimeService runtime;

    ProcessVisitRequestListener(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void requested(VisitRequest request) {
        runtime.createMessageCorrelation(Message.VISIT_REQUESTED).processInstanceBusinessKey(request.reference())
                .setVariable(REQUEST_ID.name(), request.id())
                .setVariable(GUEST_ORGANISATION.name(), request.organisation())
                .correlateStartMessage();
    }
}
