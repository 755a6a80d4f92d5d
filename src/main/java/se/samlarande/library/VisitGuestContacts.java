package se.samlarande.library;

import java.util.List;

import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitService;

/** The contacts of an entry: the guests of the visit it came from (anonymised guests are left out). */
@Component
class VisitGuestContacts implements LibraryContacts {

    private final VisitService visits;

    VisitGuestContacts(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public List<Contact> forEntry(LibraryEntry entry) {
        return visits.guests(entry.visitId()).stream().filter(g -> !g.email().endsWith("@invalid"))
                .map(g -> new Contact(g.name(), g.email(), entry.organisation())).toList();
    }
}
