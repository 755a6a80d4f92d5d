package se.samlarande.notification;

import java.util.Optional;

/** Makes a guest's personal link for an email; the guest feature implements it. */
public interface GuestLinkIssuer {

    /** A form to fill in, or the visit's blog (any link of a visit also opens its blog). */
    enum Purpose { INTAKE, EVALUATION, BLOG }

    /**
     * A new link for this guest and purpose, valid until the visit's links expire; its hash is committed in a
     * transaction of its own before this returns, so a message carrying it may leave at once.
     */
    String issue(long visitId, long participantId, Purpose purpose);

    /** The guest and purpose an issued token is for; empty for a token never issued. */
    Optional<GuestLinkSlot> slotOf(String token);
}
