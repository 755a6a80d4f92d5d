package se.samlarande.notification;

/** Makes a guest's personal link for an email; the guest feature implements it. */
public interface GuestLinkIssuer {

    enum Purpose { INTAKE, EVALUATION }

    /** A new link for this guest and purpose, valid until the visit's links expire. */
    String issue(long visitId, long participantId, Purpose purpose);
}
