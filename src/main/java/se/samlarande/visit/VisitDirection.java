package se.samlarande.visit;

import java.util.Locale;

/** Who travels: the partner to one of the region's units, or the region's staff to the partner. */
public enum VisitDirection {
    /** The partner visits one of the region's units (every visit registered before directions existed). */
    INCOMING,
    /** The region's staff visit the partner. */
    OUTGOING;

    /** The direction a registration asks for; none (blank) is an incoming visit. */
    public static VisitDirection parseOrIncoming(String value) {
        if (value == null || value.isBlank()) {
            return INCOMING;
        }
        return Enum.valueOf(VisitDirection.class, value.strip().toUpperCase(Locale.ROOT));
    }
}
