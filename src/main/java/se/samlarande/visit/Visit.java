package se.samlarande.visit;

import java.time.Instant;
import java.time.LocalDate;

/** One co-learning visit, as stored in {@code sl_visit}. */
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
        Instant closedAt) {
}
