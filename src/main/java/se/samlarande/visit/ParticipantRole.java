package se.samlarande.visit;

/** A guest's part in a visit: the contact guest registered with the visit, or a co-traveller. */
public enum ParticipantRole {
    CONTACT_GUEST, GUEST
}
