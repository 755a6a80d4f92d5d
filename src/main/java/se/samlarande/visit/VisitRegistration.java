package se.samlarande.visit;

import java.time.LocalDate;

/** What a coordinator registers: the visit and its contact guest. */
public record VisitRegistration(
        String hostUnit,
        String topic,
        LocalDate dateFrom,
        LocalDate dateTo,
        String guestOrganisation,
        PartnerLevel partnerLevel,
        String contactName,
        String contactEmail,
        Language contactLanguage,
        String registeredBy) {
}
