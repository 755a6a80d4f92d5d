package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.visit.HostingReport;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.VisitService;

/** Completing "Host the visit": stores attendance, notes and what was shared, and the host's consent to the library. */
@Component
class RecordHostingListener implements TaskListener {

    private final VisitService visits;

    RecordHostingListener(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public void notify(DelegateTask task) {
        Long attendance = ATTENDANCE.get(task);
        if (attendance == null) {
            throw new InvalidVisitException("Ange hur många som deltog.");
        }
        if (attendance > 10_000) {
            throw new InvalidVisitException("Antalet deltagare verkar orimligt högt: " + attendance);
        }
        visits.recordHosting(VISIT_ID.require(task), new HostingReport(attendance.intValue(),
                FormText.optional(HOSTING_NOTES.get(task), "Anteckningar"),
                FormText.optional(SHARED_WORK.get(task), "Vad som delades"), TaskUsers.actor(task)),
                Boolean.TRUE.equals(LIBRARY_CONSENT.get(task)));
        // the consent is the host's own: it must not stand pre-ticked in the summary meeting's form
        task.getExecution().removeVariables(java.util.List.of(ATTENDANCE.name(), HOSTING_NOTES.name(), SHARED_WORK.name(),
                LIBRARY_CONSENT.name()));
    }
}
