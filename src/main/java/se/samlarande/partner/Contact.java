package se.samlarande.partner;

import java.time.Instant;

import se.samlarande.visit.Language;

/**
 * A contact person of a partner organisation ({@code sl_partner_contact}). {@code contactAgain} is the person's
 * choice whether others in the network may contact them again: {@code null} until asked; with when and how it was
 * made ({@code consentBy} is the coordinator who recorded a {@link ConsentSource#STAFF} choice).
 */
public record Contact(long id, long partnerId, String name, String email, String roleTitle, Language language,
        Boolean contactAgain, Instant consentAt, ConsentSource consentSource, String consentBy) {

    /** May be shown as someone to contact: the person said yes. */
    public boolean competenceFriend() {
        return Boolean.TRUE.equals(contactAgain);
    }
}
