package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.VisitService;

/** Completing "Review intake and plan the programme": stores the programme the confirmation will carry. */
@Component
class RecordProgrammeListener implements TaskListener {

    static final int MAX_PROGRAMME = 10_000;

    private final VisitService visits;

    RecordProgrammeListener(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public void notify(DelegateTask task) {
        String programme = PROGRAMME.get(task);
        if (programme == null || programme.isBlank()) {
            throw new InvalidVisitException("Programmet måste fyllas i; det skickas till gästerna.");
        }
        if (programme.length() > MAX_PROGRAMME) {
            throw new InvalidVisitException("Programmet får vara högst " + MAX_PROGRAMME + " tecken.");
        }
        visits.recordProgramme(VISIT_ID.require(task), programme.strip(), TaskUsers.actor(task));
        task.getExecution().removeVariable(PROGRAMME.name());
    }
}
