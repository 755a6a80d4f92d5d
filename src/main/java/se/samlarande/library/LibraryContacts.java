package se.samlarande.library;

import java.util.List;

/**
 * Who in the network to ask about an entry: {@link CompetenceFriendContacts}, the partner register's people who
 * agreed to be contacted again.
 */
public interface LibraryContacts {

    /** A person to contact, with the organisation they belong to. */
    record Contact(String name, String email, String organisation) {
    }

    List<Contact> forEntry(LibraryEntry entry);
}
