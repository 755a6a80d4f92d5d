package se.samlarande.partner;

/** No such organisation (or no such contact person of it). */
public class PartnerNotFoundException extends RuntimeException {

    PartnerNotFoundException(long partnerId) {
        super("Partner " + partnerId);
    }
}
