package se.samlarande.partner;

import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/** A contact person suggested when a visit is registered (coordinators only; marked when not consenting). */
public record KnownContact(String name, String email, Language language, Boolean contactAgain, String organisation,
        PartnerLevel level) {

    public boolean competenceFriend() {
        return Boolean.TRUE.equals(contactAgain);
    }
}
