package se.samlarande.evaluation;

import se.samlarande.visit.Visit;

/** An answer for a visit that is closed or cancelled: kept out, and the guest told why. */
public class VisitClosedException extends AnswerException {

    private final transient Visit visit;

    public VisitClosedException(Visit visit) {
        super("Besöket " + visit.reference() + " är avslutat eller inställt.");
        this.visit = visit;
    }

    public Visit visit() {
        return visit;
    }
}
