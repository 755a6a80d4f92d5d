package se.samlarande.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.notification.StaffDirectory;

/**
 * Erasure on request: a person's names, addresses, free text, blog posts and comments, links and emails are
 * anonymised across visits, while the rows the result measures count stay. Refused while a visit of theirs still runs
 * or a request of theirs is still being answered: that data is needed for the visit. The audit trail records who
 * erased, when, and a hash of the address (never the address).
 */
@Service
class PersonErasure {

    static final String PERSON_ERASED = "PERSON_ERASED";

    /** Why an erasure cannot be done now. */
    static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * What was erased: visits as a guest, requests, emails without a visit, practice follow-ups answered as staff,
     * contact people in the partner register.
     */
    record Outcome(int visits, int requests, int emails, int followUps, int contacts) {

        boolean nothing() {
            return visits == 0 && requests == 0 && emails == 0 && followUps == 0 && contacts == 0;
        }
    }

    private final PersonalDataStore store;
    private final ProcessPersonalData processData;
    private final AuditLog audit;
    private final StaffDirectory staff;
    private final Clock clock;

    PersonErasure(PersonalDataStore store, ProcessPersonalData processData, AuditLog audit, StaffDirectory staff,
            Clock clock) {
        this.store = store;
        this.processData = processData;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * A visit's process still needs its guests' data while it runs, except when it only waits, months after the visit
     * closed, to ask the host whether the planned practice was introduced.
     */
    private boolean needsGuestData(String reference) {
        return processData.running(reference) && !processData.awaitingPracticeFollowUp(reference);
    }

    @Transactional
    Outcome erase(String emailAddress, String erasedBy) {
        String email = RegisterExtract.normalise(emailAddress);
        List<PersonalDataStore.Person> guests = store.guestsByEmail(email);
        List<PersonalDataStore.Request> requests = store.requestsByEmail(email);
        Set<String> running = new LinkedHashSet<>();
        guests.stream().filter(g -> g.visitOpen() || needsGuestData(g.reference())).forEach(g -> running.add(g.reference()));
        requests.stream().filter(r -> r.open() || (r.visitId() == null && processData.running(r.reference())))
                .forEach(r -> running.add(r.reference()));
        // A contact person in the partner register is a guest of the same address in each of their visits: the
        // guests' check above covers their running visits.
        List<PersonalDataStore.ContactPerson> contacts = store.contactsByEmail(email);
        if (!running.isEmpty()) {
            throw new Refused("Uppgifterna behövs för besök som pågår: " + String.join(", ", running)
                    + ". De kan raderas när besöket är avslutat eller inställt.");
        }
        Instant now = clock.instant();
        String hash = Hashes.sha256(email);
        for (PersonalDataStore.Person guest : guests) {
            PersonalDataStore.Erased erased = store.erasePerson(guest, email, now);
            int shared = store.erasePersonFromLibrary(guest.participantId(), now);
            store.libraryChanged();
            int variables = processData.eraseFromHistory(guest.reference());
            audit.record(guest.visitId(), erasedBy, PERSON_ERASED, "En gästs uppgifter raderade på begäran (e-post sha256:"
                    + hash + "): namn och adress anonymiserade, " + erased.tokens() + " länkar, " + erased.intakes()
                    + " underlag, " + erased.evaluations() + " utvärderingar (betyg kvar), " + erased.posts() + " inlägg, "
                    + erased.comments() + " kommentarer, " + erased.emails() + " e-postmeddelanden, " + shared
                    + " exempel i biblioteket (och ur lärpaketen), " + variables
                    + " variabler ur processhistoriken");
        }
        List<String> requestReferences = new ArrayList<>();
        for (PersonalDataStore.Request request : requests) {
            store.anonymiseRequest(request.id(), now);
            if (request.visitId() == null) {
                processData.eraseFromHistory(request.reference());
            }
            requestReferences.add(request.reference());
        }
        int emails = store.eraseEmailsWithoutVisitTo(email, now);
        if (!requestReferences.isEmpty() || emails > 0) {
            audit.record(null, erasedBy, PERSON_ERASED, "En persons uppgifter raderade på begäran (e-post sha256:" + hash
                    + "): " + requestReferences.size() + " besöksförfrågningar " + requestReferences + ", " + emails
                    + " e-postmeddelanden utan besök");
        }
        int followUps = 0;
        for (StaffDirectory.StaffMember member : staff.withEmail(email)) {
            for (PersonalDataStore.FollowUp followUp : store.followUpsAnsweredBy(member.userId())) {
                store.eraseFollowUpAnswer(followUp, now);
                processData.erasePracticeFollowUpFromHistory(followUp.reference());
                audit.record(followUp.visitId(), erasedBy, PERSON_ERASED, "Värdens svar på uppföljningen av praktiken "
                        + "raderat på begäran (e-post sha256:" + hash + "): fritext, vem som svarade och blogginlägget; "
                        + "svaret ja/delvis/nej kvar");
                followUps++;
            }
        }
        for (PersonalDataStore.ContactPerson contact : contacts) {
            store.anonymiseContact(contact.id(), now);
            audit.record(null, erasedBy, PERSON_ERASED, "En kontaktpersons uppgifter i partnerregistret raderade på begäran"
                    + " (e-post sha256:" + hash + "): kontaktperson " + contact.id() + " hos " + contact.organisation()
                    + " anonymiserad");
        }
        return new Outcome(guests.size(), requests.size(), emails, followUps, contacts.size());
    }
}
