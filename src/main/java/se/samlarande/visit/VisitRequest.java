package se.samlarande.visit;

import java.time.Instant;

/** A visit an organisation asked for through the public request page, and how the region answered. */
public record VisitRequest(long id, String organisation, PartnerLevel partnerLevel, String contactName,
        String contactEmail, Language contactLanguage, String hostUnitWish, String whatToSee, String preferredPeriods,
        Integer groupSize, State state, String answer, Long visitId, Instant createdAt) {

    public enum State { NEW, DATES_PROPOSED, ACCEPTED, DECLINED }

    /** The reference staff see before the request becomes a visit, e.g. {@code REQ-42}. */
    public String reference() {
        return "REQ-" + id;
    }
}
