package se.samlarande.partner;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import se.samlarande.visit.PartnerLevel;

/**
 * Who is who in the learning network: a visit's organisation, and the people of an organisation who agreed to be
 * contacted again ("competence friends"). People who did not agree (or were never asked) are never offered as someone
 * to contact; only coordinators see them, on the partner page, marked.
 */
@Service
public class PartnerDirectory {

    /** At most this many organisations in a list or in the registration page's suggestions. */
    static final int LIST_LIMIT = 2000;

    private final PartnerRepository partners;

    PartnerDirectory(PartnerRepository partners) {
        this.partners = partners;
    }

    /** The organisation the visit is linked to. */
    public Optional<Partner> partnerOf(long visitId) {
        return partners.partnerIdOfVisit(visitId).flatMap(partners::findById);
    }

    /** The consenting contact people of the visit's organisation (competence friends), by name. */
    public List<Contact> contactsFor(long visitId) {
        return partners.competenceFriendsOfVisitPartner(visitId);
    }

    public Partner get(long partnerId) {
        return partners.findById(partnerId).orElseThrow(() -> new PartnerNotFoundException(partnerId));
    }

    /** Organisations whose name contains the text (case and spacing ignored), of the level, country and sector given. */
    public List<PartnerSummary> search(String name, PartnerLevel level, String country, String sector) {
        String key = name == null || name.isBlank() ? null : PartnerNames.key(name);
        return partners.search(key, level, blankToNull(country), blankToNull(sector), LIST_LIMIT);
    }

    public List<String> countries() {
        return partners.countries();
    }

    public List<String> sectors() {
        return partners.sectors();
    }

    /** The organisation's visits, both directions, latest first. */
    public List<Long> visitIds(long partnerId) {
        return partners.visitIdsOf(partnerId);
    }

    /** Every contact person of the organisation, consenting or not: for coordinators. */
    public List<Contact> allContacts(long partnerId) {
        return partners.contactsOf(partnerId);
    }

    /** The organisation's competence friends. */
    public List<Contact> competenceFriends(long partnerId) {
        return partners.contactsOf(partnerId).stream().filter(Contact::competenceFriend).toList();
    }

    /** The visits each of the organisation's contact people took part in. */
    public List<ContactVisit> visitsOfContacts(long partnerId) {
        return partners.visitsOfContacts(partnerId);
    }

    public List<KnownOrganisation> knownOrganisations() {
        return partners.knownOrganisations(LIST_LIMIT);
    }

    public List<KnownContact> knownContacts() {
        return partners.knownContacts(LIST_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
