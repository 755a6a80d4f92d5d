package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitActions;
import se.samlarande.visit.VisitService;

/** Staff actions on a visit, published to its process as the messages {@code VisitCancelled} and {@code VisitRescheduled}. */
@Component
class ProcessVisitActions implements VisitActions {

    private static final int INVITE_ATTEMPTS = 3;

    private final RuntimeService runtime;
    private final VisitService visits;

    ProcessVisitActions(RuntimeService runtime, VisitService visits) {
        this.runtime = runtime;
        this.visits = visits;
    }

    @Override
    @Transactional
    public void cancel(String reference, String reason) {
        Visit visit = visits.getByReference(reference);
        if (!visit.state().isOpen()) {
            // A closed visit's process may still run, waiting to follow up its practice: it is not cancelled for that.
            throw new InvalidVisitException("Besöket " + visit.reference() + " är redan avslutat eller inställt.");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidVisitException("Ange varför besöket ställs in; anledningen skickas till alla inbjudna.");
        }
        if (reason.length() > 2000) {
            throw new InvalidVisitException("Anledningen får vara högst 2000 tecken.");
        }
        correlate(visit, Message.VISIT_CANCELLED, CANCEL_REASON.name(), reason.strip(), null, null);
    }

    @Override
    @Transactional
    public void reschedule(String reference, LocalDate from, LocalDate to) {
        Visit visit = visits.getByReference(reference);
        visits.checkReschedulable(visit, from, to);
        correlate(visit, Message.VISIT_RESCHEDULED, NEW_DATE_FROM.name(), from.toString(), NEW_DATE_TO.name(),
                to.toString());
    }

    /**
     * Each try is a transaction of its own (the caller holds none): a guest is added while the job executor may be
     * moving the same process, as it does right after an intake (the host's review task is created by a job), and
     * the loser of such a race gets an {@link OptimisticLockingException} and tries again on the process as it is now.
     */
    @Override
    public void inviteGuest(String reference, long participantId) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Local to the event sub-process: the guest id must not leak into the process's own scope.
                runtime.createMessageCorrelation(Message.GUEST_ADDED).processInstanceBusinessKey(reference)
                        .setVariableLocal(GUEST_ID.name(), participantId).correlateAllWithResult();
                return;
            } catch (OptimisticLockingException movedAtTheSameMoment) {
                if (attempt == INVITE_ATTEMPTS) {
                    throw movedAtTheSameMoment;
                }
            }
        }
    }

    private void correlate(Visit visit, String message, String name1, Object value1, String name2, Object value2) {
        var correlation = runtime.createMessageCorrelation(message).processInstanceBusinessKey(visit.reference())
                .setVariable(name1, value1);
        if (name2 != null) {
            correlation.setVariable(name2, value2);
        }
        try {
            correlation.correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new InvalidVisitException("Besöket " + visit.reference() + " är redan avslutat eller inställt.");
        }
    }
}
