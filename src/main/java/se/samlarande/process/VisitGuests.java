package se.samlarande.process;

import java.util.List;

import org.springframework.stereotype.Component;

import se.samlarande.visit.Participant;
import se.samlarande.visit.VisitService;

/** {@code ${visitGuests.ids(visitId)}}: the guests the evaluation sub-process runs once for each. */
@Component("visitGuests")
public class VisitGuests {

    private final VisitService visits;

    VisitGuests(VisitService visits) {
        this.visits = visits;
    }

    public List<Long> ids(Long visitId) {
        return visits.guests(visitId).stream().map(Participant::id).toList();
    }
}
