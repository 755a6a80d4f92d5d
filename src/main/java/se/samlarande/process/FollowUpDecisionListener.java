package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.visit.InvalidVisitException;

/** Completing "Follow up missing intake": the decision must be one of the three, and an extension needs a future date. */
@Component
class FollowUpDecisionListener implements TaskListener {

    private final VisitTimers timers;

    FollowUpDecisionListener(VisitTimers timers) {
        this.timers = timers;
    }

    @Override
    public void notify(DelegateTask task) {
        String value = FOLLOW_UP_DECISION.get(task);
        FollowUpDecision decision;
        try {
            decision = FollowUpDecision.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Välj hur besöket ska gå vidare: förläng, fortsätt utan underlag eller ställ in.");
        }
        if (decision == FollowUpDecision.extend) {
            Instant deadline = timers.endOfDay(RegisterVisitDelegate.date(NEW_INTAKE_DEADLINE.get(task), "Ny sista dag"));
            if (!deadline.isAfter(timers.now().toInstant())) {
                throw new InvalidVisitException("Den nya sista dagen för underlaget måste vara i framtiden.");
            }
        }
        if (decision == FollowUpDecision.cancel) {
            String reason = CANCEL_REASON.get(task);
            if (reason == null || reason.isBlank()) {
                throw new InvalidVisitException("Ange varför besöket ställs in; anledningen skickas till gästerna.");
            }
        }
    }
}
