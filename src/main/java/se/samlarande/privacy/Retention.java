package se.samlarande.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;

/**
 * Anonymises what has passed its retention period ({@link RetentionProperties}): a visit's kinds of records once its
 * close or cancellation is that long ago, declined requests and emails that belong to no visit once they were created
 * that long ago. Each visit is done in a transaction of its own under a lock on its row, and each kind is marked done
 * ({@code sl_retention_applied}), so any number of nodes may run this at once and each visit's records are anonymised
 * and audited once. The figures the result measures read stay: rows are kept with their scores, dates and counts.
 */
@Service
public class Retention {

    /** What one run did. */
    public record Run(int visits, int requests, int emails, int contacts) {
    }

    static final String RETENTION_APPLIED = "RETENTION_APPLIED";

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final PersonalDataStore store;
    private final ProcessPersonalData processData;
    private final AuditLog audit;
    private final RetentionProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Retention(PersonalDataStore store, ProcessPersonalData processData, AuditLog audit, RetentionProperties properties,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.processData = processData;
        this.audit = audit;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public Run apply() {
        Instant now = clock.instant();
        Instant earliestCutoff = Arrays.stream(RecordKind.values())
                .map(kind -> RetentionProperties.cutoff(now, kind.period(properties))).max(Comparator.naturalOrder())
                .orElseThrow();
        int visits = 0;
        for (PersonalDataStore.EndedVisit visit : store.endedVisitsPending(earliestCutoff, RecordKind.values().length)) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> applyToVisit(visit, now)))) {
                    visits++;
                }
            } catch (RuntimeException e) {
                // Another node holding the visit too long, say; nothing was changed, and the next run takes it up.
                log.warn("Retention for visit {} not applied this time: {}", visit.reference(), e.toString());
            }
        }
        int requests = transactions.execute(tx -> applyToRequests(now));
        int emails = transactions.execute(tx -> applyToEmails(now));
        int contacts = 0;
        try {
            contacts = transactions.execute(tx -> applyToContacts(now));
        } catch (RuntimeException e) {
            // Another node anonymising the same people at this moment, say; the next run takes up what is left.
            log.warn("Retention for the partner register's contact people not applied this time: {}", e.toString());
        }
        if (visits + requests + emails + contacts > 0) {
            log.info("Retention: {} visits, {} requests, {} emails without a visit and {} contact people anonymised",
                    visits, requests, emails, contacts);
        }
        return new Run(visits, requests, emails, contacts);
    }

    private boolean applyToVisit(PersonalDataStore.EndedVisit visit, Instant now) {
        store.lockVisit(visit.id());
        if (processData.running(visit.reference())) {
            return false; // still sending its last emails, or held by an incident: its data is still needed
        }
        List<String> done = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            boolean due = !visit.endedAt().isAfter(RetentionProperties.cutoff(now, kind.period(properties)));
            if (!due || store.applied(visit.id(), kind) || (kind == RecordKind.BLOG && visit.blogPublic())) {
                continue;
            }
            done.add(kind.label + " (" + applyKind(visit, kind, now) + ")");
            libraryKind(visit, kind, now).ifPresent(done::add);
            store.markApplied(visit.id(), kind, now);
        }
        if (done.isEmpty()) {
            return false;
        }
        audit.record(visit.id(), AuditEvent.SYSTEM, RETENTION_APPLIED,
                "Gallrat enligt bevarandetiderna: " + String.join(", ", done));
        return true;
    }

    /** Anonymises one kind of the visit's records; says what in a few words. */
    private String applyKind(PersonalDataStore.EndedVisit visit, RecordKind kind, Instant now) {
        long id = visit.id();
        return switch (kind) {
            case CONTACT_DATA -> {
                store.scrubNamesInAudit(id, store.guestNames(id));
                int tokens = store.deleteTokensOfVisit(id);
                int guests = store.anonymiseGuestsOfVisit(id, visit.blogPublic(), now);
                int variables = processData.eraseFromHistory(visit.reference());
                yield guests + " gäster anonymiserade, " + tokens + " länkar borttagna, " + variables
                        + " variabler ur processhistoriken";
            }
            case INTAKE -> store.eraseIntakesOfVisit(id, now) + " underlag tömda";
            case EVALUATIONS -> store.eraseEvaluationTextsOfVisit(id, now) + " utvärderingar tömda, betygen kvar";
            case PRACTICE_FOLLOW_UP -> store.erasePracticeFollowUpOfVisit(id, now)
                    + " uppföljningar tömda, svaret ja/delvis/nej kvar";
            case BLOG -> store.eraseBlogOfVisit(id, now) + " inlägg tömda, antalen kvar";
            case EMAILS -> store.eraseEmailsOfVisit(id, now) + " e-postmeddelanden tömda";
            case REQUESTS -> store.anonymiseRequestsOfVisit(id, now) + " förfrågningar anonymiserade";
        };
    }

    /**
     * The library's share of a kind: guests' names in its credits go with their contact data; entries drawn from an
     * intake that was never consented to go with the intake (published ones are publications and stay).
     */
    private java.util.Optional<String> libraryKind(PersonalDataStore.EndedVisit visit, RecordKind kind, Instant now) {
        int changed = switch (kind) {
            case CONTACT_DATA -> store.anonymiseLibrarySharersOfVisit(visit.id(), now);
            case INTAKE -> store.eraseLibraryDraftsOfVisit(visit.id(), now);
            default -> 0;
        };
        if (changed == 0) {
            return java.util.Optional.empty();
        }
        store.libraryChanged();
        return java.util.Optional.of(kind == RecordKind.CONTACT_DATA
                ? "biblioteket (" + changed + " namn i källhänvisningarna anonymiserade)"
                : "biblioteket (" + changed + " opublicerade exempel ur underlagen tömda)");
    }

    private int applyToRequests(Instant now) {
        List<Long> due = store.declinedRequestsPending(RetentionProperties.cutoff(now, properties.visitRequests()));
        for (long requestId : due) {
            store.anonymiseRequest(requestId, now);
            processData.eraseFromHistory("REQ-" + requestId);
        }
        if (!due.isEmpty()) {
            audit.record(null, AuditEvent.SYSTEM, RETENTION_APPLIED,
                    "Gallrat enligt bevarandetiderna: " + due.size() + " avböjda besöksförfrågningar anonymiserade");
        }
        return due.size();
    }

    /**
     * Contact people in the partner register whose visits have all ended: those who did not agree to be contacted
     * again after the contact data period, competence friends after theirs (counted from their last visit or their
     * last choice). A statement per person that touches only rows not yet anonymised, so two nodes never count one twice.
     */
    private int applyToContacts(Instant now) {
        Instant friendsCutoff = RetentionProperties.cutoff(now, properties.competenceFriends());
        Instant othersCutoff = RetentionProperties.cutoff(now, properties.contactData());
        Instant latest = friendsCutoff.isAfter(othersCutoff) ? friendsCutoff : othersCutoff;
        int anonymised = 0;
        int friends = 0;
        for (PersonalDataStore.ContactDue contact : store.contactsInactiveSince(latest)) {
            Instant cutoff = contact.competenceFriend() ? friendsCutoff : othersCutoff;
            if (!contact.lastActivity().isAfter(cutoff) && store.anonymiseContact(contact.id(), now) == 1) {
                anonymised++;
                friends += contact.competenceFriend() ? 1 : 0;
            }
        }
        if (anonymised > 0) {
            audit.record(null, AuditEvent.SYSTEM, RETENTION_APPLIED, "Gallrat enligt bevarandetiderna: " + anonymised
                    + " kontaktpersoner i partnerregistret anonymiserade, varav " + friends + " kompetensvänner");
        }
        return anonymised;
    }

    private int applyToEmails(Instant now) {
        int erased = store.eraseEmailsWithoutVisit(RetentionProperties.cutoff(now, properties.emailLog()), now);
        if (erased > 0) {
            audit.record(null, AuditEvent.SYSTEM, RETENTION_APPLIED,
                    "Gallrat enligt bevarandetiderna: " + erased + " e-postmeddelanden utan besök tömda");
        }
        return erased;
    }
}
