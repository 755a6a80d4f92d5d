package se.samlarande.notification;

/** Makes a guest's personal link for an email; the guest feature implements it. */
public interface GuestLinkIssuer {

    /** A form to fill in, or the visit's blog (any link of a visit also opens its blog). */
    enum Purpose { INTAKE, EVALUATION, BLOG }

    /** A new link for this guest and purpose, valid until the visit's links expire. */
    String issue(long visitId, long participantId, Purpose purpose);
}
