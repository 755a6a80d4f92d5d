package se.samlarande.visit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers visits and keeps their row up to date as the lifecycle moves on. */
@Service
public class VisitService {

    private static final Logger log = LoggerFactory.getLogger(VisitService.class);

    /** Deliberately simple: one @, no spaces, a dot in the domain. Mail servers do the rest. */
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final VisitRepository visits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ZoneId zone;

    VisitService(VisitRepository visits, Clock clock, ApplicationEventPublisher events,
            @Value("${samlarande.zone:Europe/Stockholm}") ZoneId zone) {
        this.visits = visits;
        this.clock = clock;
        this.events = events;
        this.zone = zone;
    }

    /** Stores the visit and its contact guest, and gives it its reference, e.g. {@code SL-2026-0001}. */
    @Transactional
    public Visit register(VisitRegistration registration) {
        return register(registration, false);
    }

    /**
     * As {@link #register(VisitRegistration)}; a visit's first day is today or later (in the region's time zone), unless
     * the coordinator records a visit that has already been held ({@code alreadyHeld}), whose first day has come.
     */
    @Transactional
    public Visit register(VisitRegistration registration, boolean alreadyHeld) {
        validate(registration);
        checkFirstDay(registration.dateFrom(), alreadyHeld);
        Instant now = clock.instant();
        int year = registration.dateFrom().getYear();
        String reference = String.format(Locale.ROOT, "SL-%d-%04d", year, visits.nextReferenceNumber(year));
        long visitId = visits.insertVisit(reference, registration, VisitState.INVITED, now);
        visits.insertParticipant(visitId, ParticipantRole.CONTACT_GUEST, registration.contactName().trim(),
                normaliseEmail(registration.contactEmail()), registration.contactLanguage(), now);
        events.publishEvent(new VisitRegistered(visitId));
        log.info("Visit {} registered for {} at {}", reference, registration.guestOrganisation(), registration.hostUnit());
        return get(visitId);
    }

    public Visit get(long visitId) {
        return visits.findById(visitId).orElseThrow(() -> new VisitNotFoundException(String.valueOf(visitId)));
    }

    public Visit getByReference(String reference) {
        return visits.findByReference(reference).orElseThrow(() -> new VisitNotFoundException(reference));
    }

    public long countInState(VisitState state) {
        return visits.countInState(state);
    }

    public List<Visit> recent(int limit) {
        return visits.findRecent(limit);
    }

    public List<Participant> guests(long visitId) {
        return visits.findParticipants(visitId);
    }

    public Participant participant(long participantId) {
        return visits.findParticipant(participantId)
                .orElseThrow(() -> new InvalidVisitException("Okänd gäst."));
    }

    public Participant guest(long visitId, long participantId) {
        return guests(visitId).stream().filter(p -> p.id() == participantId).findFirst()
                .orElseThrow(() -> new InvalidVisitException("Gästen hör inte till besöket."));
    }

    /**
     * Adds a guest travelling with the contact guest. An address already on the visit is not added twice.
     *
     * @return the new guest, or empty if the address was already invited
     */
    @Transactional
    public java.util.Optional<Participant> addGuest(long visitId, String name, String email, Language language,
            long invitedBy) {
        String address = normaliseEmail(email);
        if (!EMAIL.matcher(address).matches()) {
            throw new InvalidVisitException("Ogiltig e-postadress: " + email);
        }
        if (guests(visitId).stream().anyMatch(g -> g.email().equals(address))) {
            return java.util.Optional.empty();
        }
        long id = visits.insertParticipant(visitId, ParticipantRole.GUEST, name.strip(), address, language,
                clock.instant());
        visits.setInvitedBy(id, invitedBy);
        events.publishEvent(new GuestJoined(visitId, id));
        return java.util.Optional.of(guest(visitId, id));
    }

    @Transactional
    public void setIntakeDeadline(long visitId, Instant deadline) {
        visits.updateIntakeDeadline(visitId, deadline);
    }

    @Transactional
    public void recordProgramme(long visitId, String programme, String plannedBy) {
        visits.updateProgramme(visitId, programme, plannedBy);
        visits.updateState(visitId, VisitState.PLANNED);
    }

    @Transactional
    public void moveTo(long visitId, VisitState state) {
        visits.updateState(visitId, state);
    }

    @Transactional
    public void reschedule(long visitId, LocalDate from, LocalDate to) {
        checkDates(from, to);
        checkFirstDay(from, false);
        visits.updateDates(visitId, from, to);
        visits.incrementCalendarSequence(visitId);
        log.info("Visit {} moved to {} – {}", get(visitId).reference(), from, to);
    }

    @Transactional
    public void recordHosting(long visitId, HostingReport report) {
        recordHosting(visitId, report, false);
    }

    /**
     * The host's report, with whether the host agrees to publication of what the unit shared in the region's library
     * of good examples (stored with the report: who and when).
     */
    @Transactional
    public void recordHosting(long visitId, HostingReport report, boolean libraryConsent) {
        if (report.attendance() < 0) {
            throw new InvalidVisitException("Antalet deltagare kan inte vara negativt.");
        }
        Instant now = clock.instant();
        visits.saveHostingReport(visitId, report, now);
        visits.updateState(visitId, VisitState.HOSTED);
        String consentBy = libraryConsent ? report.reportedBy() : null;
        Instant consentAt = libraryConsent ? now : null;
        visits.saveHostingLibraryConsent(visitId, consentBy, consentAt);
        events.publishEvent(new HostingRecorded(visitId, consentBy, consentAt));
    }

    /** The user id of the host who planned the programme, once someone has. */
    public java.util.Optional<String> programmePlannedBy(long visitId) {
        return visits.findProgrammePlannedBy(visitId);
    }

    public java.util.Optional<HostingReport> hostingReport(long visitId) {
        return visits.findHostingReport(visitId);
    }

    @Transactional
    public void cancel(long visitId, String reason) {
        visits.cancel(visitId, reason, clock.instant());
        visits.incrementCalendarSequence(visitId);
        log.info("Visit {} cancelled: {}", get(visitId).reference(), reason);
    }

    /**
     * The SEQUENCE of the visit's calendar events (the visit and its summary meeting): 0 until the visit moves to
     * new dates or is cancelled, then one higher for each, so a calendar takes the next invitation as an update.
     */
    public int calendarSequence(long visitId) {
        return visits.findCalendarSequence(visitId);
    }

    @Transactional
    public void close(long visitId) {
        visits.close(visitId, clock.instant());
    }

    /** A visit can move to new dates until it has been hosted. */
    public void checkReschedulable(Visit visit, LocalDate from, LocalDate to) {
        if (visit.state() != VisitState.INVITED && visit.state() != VisitState.PLANNED) {
            throw new InvalidVisitException("Besöket " + visit.reference() + " har redan genomförts eller avslutats och kan inte flyttas.");
        }
        checkDates(from, to);
        checkFirstDay(from, false);
    }

    /** Today in the region, by the engine's clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private void checkFirstDay(LocalDate from, boolean alreadyHeld) {
        LocalDate today = today();
        if (!alreadyHeld && from.isBefore(today)) {
            throw new InvalidVisitException("Besökets första dag (" + from + ") har redan passerat; den kan tidigast vara i dag ("
                    + today + "). Ett besök som redan har ägt rum registreras med ”Besöket har redan ägt rum”.");
        }
        if (alreadyHeld && from.isAfter(today)) {
            throw new InvalidVisitException("Besöket kan inte redan ha ägt rum: första dagen (" + from + ") har inte kommit än.");
        }
    }

    /** Checks new dates before anything is stored or any message is sent. */
    public void checkDates(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidVisitException("Ange både första och sista dagen för besöket.");
        }
        if (to.isBefore(from)) {
            throw new InvalidVisitException("Besökets sista dag kan inte vara före den första.");
        }
        if (from.plusDays(62).isBefore(to)) {
            throw new InvalidVisitException("Ett besök kan vara högst två månader långt.");
        }
    }

    private void validate(VisitRegistration r) {
        require(r.hostUnit(), "Värdenhet", 200);
        require(r.topic(), "Ämne", 200);
        require(r.guestOrganisation(), "Gästorganisation", 200);
        require(r.contactName(), "Kontaktpersonens namn", 200);
        require(r.contactEmail(), "Kontaktpersonens e-post", 254);
        if (r.partnerLevel() == null) {
            throw new InvalidVisitException("Ange gästorganisationens nivå.");
        }
        if (r.contactLanguage() == null) {
            throw new InvalidVisitException("Ange kontaktpersonens språk.");
        }
        if (!EMAIL.matcher(r.contactEmail().trim()).matches()) {
            throw new InvalidVisitException("Kontaktpersonens e-postadress är inte giltig: " + r.contactEmail());
        }
        checkDates(r.dateFrom(), r.dateTo());
    }

    private static void require(String value, String label, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidVisitException(label + " måste fyllas i.");
        }
        if (value.length() > maxLength) {
            throw new InvalidVisitException(label + " får vara högst " + maxLength + " tecken.");
        }
    }

    static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
