package se.samlarande.visit;

import java.time.Instant;
import java.time.LocalDate;

/** One co-learning visit, as stored in {@code sl_visit}; {@code direction} says who travels. */
public record Visit(
        long id,
        String reference,
        String hostUnit,
        String topic,
        LocalDate dateFrom,
        LocalDate dateTo,
        String guestOrganisation,
        PartnerLevel partnerLevel,
        VisitState state,
        Instant intakeDeadline,
        String programme,
        String cancelReason,
        String registeredBy,
        Instant registeredAt,
        Instant closedAt,
        VisitDirection direction) {

    /** A visit of the region's usual kind: the partner comes to one of the region's units. */
    public Visit(long id, String reference, String hostUnit, String topic, LocalDate dateFrom, LocalDate dateTo,
            String guestOrganisation, PartnerLevel partnerLevel, VisitState state, Instant intakeDeadline,
            String programme, String cancelReason, String registeredBy, Instant registeredAt, Instant closedAt) {
        this(id, reference, hostUnit, topic, dateFrom, dateTo, guestOrganisation, partnerLevel, state, intakeDeadline,
                programme, cancelReason, registeredBy, registeredAt, closedAt, VisitDirection.INCOMING);
    }
}
