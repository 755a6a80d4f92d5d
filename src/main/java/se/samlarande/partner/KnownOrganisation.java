package se.samlarande.partner;

import se.samlarande.visit.PartnerLevel;

/** An organisation suggested when a visit is registered. */
public record KnownOrganisation(String name, PartnerLevel level, String country) {
}
