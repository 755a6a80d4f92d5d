package se.samlarande.visit;

import java.time.LocalDate;

/** What a coordinator registers: the visit, its direction and its contact guest (the partner's contact person). */
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
        String registeredBy,
        VisitDirection direction) {

    /** An incoming visit: the partner comes to one of the region's units. */
    public VisitRegistration(String hostUnit, String topic, LocalDate dateFrom, LocalDate dateTo,
            String guestOrganisation, PartnerLevel partnerLevel, String contactName, String contactEmail,
            Language contactLanguage, String registeredBy) {
        this(hostUnit, topic, dateFrom, dateTo, guestOrganisation, partnerLevel, contactName, contactEmail,
                contactLanguage, registeredBy, VisitDirection.INCOMING);
    }
}
