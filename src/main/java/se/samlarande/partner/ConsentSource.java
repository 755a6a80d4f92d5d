package se.samlarande.partner;

/** How a contact's choice to be contacted again was made. */
public enum ConsentSource {
    /** By the guest, in the intake form. */
    INTAKE,
    /** Recorded by a coordinator (from a phone call, a letter, a meeting). */
    STAFF
}
