package se.samlarande.partner;

import se.samlarande.visit.PartnerLevel;

/** A partner organisation, as stored in {@code sl_partner}. */
public record Partner(long id, String name, PartnerLevel level, String country, String sector) {
}
