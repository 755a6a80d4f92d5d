package se.samlarande.partner;

import java.time.LocalDate;

import se.samlarande.visit.VisitDirection;

/** A visit a contact person took part in. */
public record ContactVisit(long contactId, long visitId, String reference, String topic, LocalDate dateFrom,
        VisitDirection direction) {
}
