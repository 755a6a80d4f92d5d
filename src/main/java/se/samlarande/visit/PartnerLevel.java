package se.samlarande.visit;

/** How far away the guest organisation is: the region counts visits by this. */
public enum PartnerLevel {
    LOCAL, REGIONAL, NATIONAL, INTERNATIONAL;

    public static PartnerLevel parse(String value) {
        return Enum.valueOf(PartnerLevel.class, value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
