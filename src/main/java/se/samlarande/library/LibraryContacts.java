package se.samlarande.library;

import java.util.List;

/**
 * Who in the network to ask about an entry. {@link VisitGuestContacts} answers with the guests of the entry's visit;
 * a bean that answers with the partner register's contacts who agreed to be contacted takes its place by being
 * declared {@code @Primary}.
 */
public interface LibraryContacts {

    /** A person to contact, with the organisation they belong to. */
    record Contact(String name, String email, String organisation) {
    }

    List<Contact> forEntry(LibraryEntry entry);
}
