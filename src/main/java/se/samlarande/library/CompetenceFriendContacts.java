package se.samlarande.library;

import java.util.List;

import org.springframework.stereotype.Component;

import se.samlarande.partner.PartnerDirectory;

/**
 * Whom to ask about an entry: the people of the visit's partner organisation who agreed to be contacted again
 * (competence friends, from the partner register). Guests who did not agree, or were never asked, are not offered.
 */
@Component
class CompetenceFriendContacts implements LibraryContacts {

    private final PartnerDirectory partners;

    CompetenceFriendContacts(PartnerDirectory partners) {
        this.partners = partners;
    }

    @Override
    public List<Contact> forEntry(LibraryEntry entry) {
        String organisation = partners.partnerOf(entry.visitId()).map(p -> p.name()).orElse(entry.organisation());
        return partners.contactsFor(entry.visitId()).stream()
                .map(c -> new Contact(c.name(), c.email(), organisation)).toList();
    }
}
