package se.samlarande.partner;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.visit.GuestJoined;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitRegistered;
import se.samlarande.visit.VisitService;

/**
 * Keeps the register: links every visit to its organisation and every guest to a contact person, creating them when
 * they are new (an organisation is found by its normalised name, a person by email address within the organisation);
 * records a contact's choice to be contacted again; lets coordinators correct an organisation's facts.
 * <p>
 * Linking runs inside the registration's transaction (the visit's events are synchronous). A new organisation or
 * person is inserted under a savepoint: when another registration inserted the same one at the same moment, the
 * unique key refuses the second, the savepoint is rolled back and the row the other one stored is used.
 */
@Service
public class PartnerRegister {

    static final String PARTNER_UPDATED = "PARTNER_UPDATED";
    static final String CONTACT_CONSENT_RECORDED = "CONTACT_CONSENT_RECORDED";
    static final String CONTACT_UPDATED = "CONTACT_UPDATED";
    static final int MAX_FACT = 100;
    static final int MAX_ROLE = 200;

    private static final Logger log = LoggerFactory.getLogger(PartnerRegister.class);

    private final PartnerRepository partners;
    private final VisitService visits;
    private final AnswerService answers;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate ownTransaction;

    PartnerRegister(PartnerRepository partners, VisitService visits, AnswerService answers, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.partners = partners;
        this.visits = visits;
        this.answers = answers;
        this.audit = audit;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.ownTransaction = new TransactionTemplate(transactions);
    }

    /** Why an edit was refused: the field and a message key. */
    public static class InvalidInput extends RuntimeException {
        private final String field;

        InvalidInput(String field, String messageKey) {
            super(messageKey);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    // ---- linking ----

    @EventListener
    void on(VisitRegistered registered) {
        linkVisit(registered.visitId());
    }

    @EventListener
    void on(GuestJoined joined) {
        linkGuests(joined.visitId());
    }

    /** Links the visit to its organisation (found or created) and its guests to contact people. */
    @Transactional
    public Partner linkVisit(long visitId) {
        Visit visit = visits.get(visitId);
        Partner partner = partners.partnerIdOfVisit(visitId).flatMap(partners::findById)
                .orElseGet(() -> findOrCreate(visit.guestOrganisation(), visit.partnerLevel()));
        partners.setVisitPartner(visitId, partner.id());
        linkGuests(visitId, partner);
        return partner;
    }

    private void linkGuests(long visitId) {
        Optional<Partner> partner = partners.partnerIdOfVisit(visitId).flatMap(partners::findById);
        if (partner.isPresent()) {
            linkGuests(visitId, partner.get());
        } else {
            linkVisit(visitId);
        }
    }

    private void linkGuests(long visitId, Partner partner) {
        for (PartnerRepository.Guest guest : partners.unlinkedGuests(visitId)) {
            Contact contact = findOrCreateContact(partner, guest.name(), guest.email(), guest.language());
            partners.setParticipantContact(guest.id(), contact.id());
        }
    }

    Partner findOrCreate(String organisation, PartnerLevel level) {
        String key = PartnerNames.key(organisation);
        return partners.findByKey(key).orElseGet(() -> {
            try {
                savepoint.executeWithoutResult(status ->
                        partners.insertPartner(PartnerNames.display(organisation), key, level, clock.instant()));
                log.info("Partner organisation registered: {}", PartnerNames.display(organisation));
            } catch (DuplicateKeyException registeredAtTheSameMoment) {
                log.info("Partner organisation {} was registered at the same moment elsewhere", key);
            }
            return partners.findByKey(key).orElseThrow();
        });
    }

    private Contact findOrCreateContact(Partner partner, String name, String email, Language language) {
        String address = PartnerNames.email(email);
        return partners.findContact(partner.id(), address).orElseGet(() -> {
            try {
                savepoint.executeWithoutResult(status ->
                        partners.insertContact(partner.id(), name.strip(), address, language, clock.instant()));
            } catch (DuplicateKeyException addedAtTheSameMoment) {
                log.info("A contact of partner {} was added at the same moment elsewhere", partner.id());
            }
            return partners.findContact(partner.id(), address).orElseThrow();
        });
    }

    /**
     * Links the visits registered before the register existed to their organisations and people, each visit in a
     * transaction of its own; visits already linked are left alone, so every node may run this at start.
     *
     * @return how many visits were linked
     */
    public int linkUnlinkedVisits() {
        int linked = 0;
        for (long visitId : partners.unlinkedVisitIds()) {
            try {
                ownTransaction.executeWithoutResult(status -> linkVisit(visitId));
                linked++;
            } catch (RuntimeException e) {
                log.warn("Visit {} not linked to its partner organisation this time: {}", visitId, e.toString());
            }
        }
        return linked;
    }

    // ---- choices and facts ----

    /** The guest's choice in the intake form, stored with the intake and on the guest's contact person. */
    @Transactional
    public void chooseAtIntake(long visitId, long participantId, boolean contactAgain) {
        answers.recordContactAgainChoice(participantId, contactAgain);
        if (partners.contactIdOfParticipant(participantId).isEmpty()) {
            linkGuests(visitId);
        }
        partners.contactIdOfParticipant(participantId).ifPresent(contactId ->
                partners.updateConsent(contactId, contactAgain, ConsentSource.INTAKE, null, clock.instant()));
    }

    /** A coordinator records a contact person's choice (from a call, a letter, a meeting); audited. */
    @Transactional
    public void recordConsent(long partnerId, long contactId, Boolean contactAgain, String recordedBy) {
        Contact contact = contactOf(partnerId, contactId);
        if (contactAgain == null) {
            throw new InvalidInput("contactAgain", "partner.error.choice");
        }
        partners.updateConsent(contact.id(), contactAgain, ConsentSource.STAFF, recordedBy, clock.instant());
        audit.record(null, recordedBy, CONTACT_CONSENT_RECORDED, "Kontaktperson " + contact.id() + ": får kontaktas igen: "
                + yesNo(contact.contactAgain()) + " → " + yesNo(contactAgain) + " (partner " + partnerId + ")");
    }

    /** A coordinator sets a contact person's role or title; audited. */
    @Transactional
    public void updateRoleTitle(long partnerId, long contactId, String roleTitle, String updatedBy) {
        Contact contact = contactOf(partnerId, contactId);
        String role = optional(roleTitle, "roleTitle", MAX_ROLE);
        partners.updateRoleTitle(contact.id(), role);
        audit.record(null, updatedBy, CONTACT_UPDATED, "Kontaktperson " + contact.id() + ": roll/titel ändrad (partner "
                + partnerId + ")");
    }

    /** A coordinator corrects the organisation's level, country and sector; audited. */
    @Transactional
    public Partner updateFacts(long partnerId, String level, String country, String sector, String updatedBy) {
        Partner partner = partners.findById(partnerId).orElseThrow(() -> new PartnerNotFoundException(partnerId));
        PartnerLevel newLevel;
        try {
            newLevel = level == null || level.isBlank() ? null : PartnerLevel.parse(level);
        } catch (IllegalArgumentException e) {
            newLevel = null;
        }
        if (newLevel == null) {
            throw new InvalidInput("level", "partner.error.level");
        }
        String newCountry = optional(country, "country", MAX_FACT);
        String newSector = optional(sector, "sector", MAX_FACT);
        partners.updateFacts(partnerId, newLevel, newCountry, newSector, updatedBy, clock.instant());
        audit.record(null, updatedBy, PARTNER_UPDATED, "Partner " + partnerId + " (" + partner.name() + "): nivå "
                + partner.level() + " → " + newLevel + ", land " + dash(partner.country()) + " → " + dash(newCountry)
                + ", sektor " + dash(partner.sector()) + " → " + dash(newSector));
        return partners.findById(partnerId).orElseThrow();
    }

    private Contact contactOf(long partnerId, long contactId) {
        return partners.findContact(contactId).filter(c -> c.partnerId() == partnerId)
                .orElseThrow(() -> new PartnerNotFoundException(partnerId));
    }

    private static String optional(String value, String field, int max) {
        String text = value == null ? "" : PartnerNames.display(value);
        if (text.length() > max) {
            throw new InvalidInput(field, "partner.error.tooLong");
        }
        return text.isEmpty() ? null : text;
    }

    private static String yesNo(Boolean choice) {
        return choice == null ? "inte tillfrågad" : choice ? "ja" : "nej";
    }

    private static String dash(String value) {
        return value == null ? "–" : value;
    }
}
