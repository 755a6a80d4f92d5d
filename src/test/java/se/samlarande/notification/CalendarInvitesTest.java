package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.ParticipationLevel;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Summary;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/** The .ics of each kind of email, read back with biweekly as a calendar client would read it. */
class CalendarInvitesTest {

    private static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    private static final String FROM = "samlarande@region.example";
    private static final String GUEST = "fiona@partner.example.org";
    private static final String HOST = "hanna@region.example";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant MEETING = LocalDate.of(2027, 2, 1).atTime(10, 0).atZone(REGION).toInstant();

    private final VisitService visits = mock(VisitService.class);
    private final AnswerService answers = mock(AnswerService.class);
    private final OutboxRepository emails = mock(OutboxRepository.class);
    private CalendarInvites invites;

    private Visit visit = visit(LocalDate.of(2027, 1, 18), LocalDate.of(2027, 1, 19), VisitState.PLANNED, null);

    @BeforeEach
    void setUp() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        // As the process's timers: the first day starts at 08:00, the last ends at 17:00, in the region.
        VisitHours hours = (first, last) -> new VisitHours.Span(first.atTime(8, 0).atZone(REGION).toInstant(),
                last.atTime(17, 0).atZone(REGION).toInstant());
        invites = new CalendarInvites(visits, answers, emails, hours, messages, new MailProperties(FROM),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
        when(visits.calendarSequence(anyLong())).thenReturn(0);
        when(answers.summary(anyLong())).thenReturn(Optional.empty());
    }

    @Test
    void theConfirmationInvitesTheGuestToTheVisitFromItsFirstMorningToItsLastAfternoon() throws Exception {
        CalendarPart part = invites.part(visit, MailKind.CONFIRMATION, GUEST, "Fiona Grant", Language.EN).orElseThrow();

        assertThat(part.method()).isEqualTo("REQUEST");
        assertThat(part.contentType()).isEqualTo("text/calendar; method=REQUEST; charset=UTF-8");
        ICalendar ical = Biweekly.parse(part.ics()).first();
        assertThat(ical.getMethod().getValue()).isEqualTo("REQUEST");
        assertThat(ical.validate(ICalVersion.V2_0).isEmpty()).as(ical.validate(ICalVersion.V2_0).toString()).isTrue();
        VEvent event = single(ical);
        assertThat(event.getUid().getValue()).isEqualTo("visit-SL-2027-0001@region.example");
        assertThat(event.getSequence().getValue()).isZero();
        assertThat(event.getDateStart().getValue().toInstant())
                .isEqualTo(LocalDate.of(2027, 1, 18).atTime(8, 0).atZone(REGION).toInstant());
        assertThat(event.getDateEnd().getValue().toInstant())
                .isEqualTo(LocalDate.of(2027, 1, 19).atTime(17, 0).atZone(REGION).toInstant());
        assertThat(part.ics()).contains("DTSTART:20270118T070000Z", "DTEND:20270119T160000Z");
        assertThat(event.getDateTimeStamp().getValue().toInstant()).isEqualTo(NOW);
        assertThat(event.getStatus().isConfirmed()).isTrue();
        assertThat(event.getOrganizer().getEmail()).isEqualTo(FROM);
        assertThat(event.getAttendees()).singleElement().satisfies(a -> {
            assertThat(a.getEmail()).isEqualTo(GUEST);
            assertThat(a.getCommonName()).isEqualTo("Fiona Grant");
            assertThat(a.getParticipationLevel()).isEqualTo(ParticipationLevel.REQUIRED);
        });
        assertThat(event.getSummary().getValue()).isEqualTo("Co-learning visit: Digital triage i primärvården");
        assertThat(event.getSummary().getLanguage()).isEqualTo("en");
        assertThat(event.getLocation().getValue()).isEqualTo("Vårdcentralen Ryhov");
        assertThat(event.getDescription().getValue()).contains("NHS Lothian visits Vårdcentralen Ryhov", "SL-2027-0001",
                "Programme:\nDay 1: video triage room\nDay 2: falls team");
    }

    @Test
    void aSwedishReaderGetsTheEventInSwedish() throws Exception {
        VEvent event = single(Biweekly.parse(invites.part(visit, MailKind.CONFIRMATION, GUEST, "Anna", Language.SV)
                .orElseThrow().ics()).first());

        assertThat(event.getSummary().getValue()).isEqualTo("Samlärandebesök: Digital triage i primärvården");
        assertThat(event.getSummary().getLanguage()).isEqualTo("sv");
        assertThat(event.getDescription().getValue()).contains("NHS Lothian besöker Vårdcentralen Ryhov", "Program:");
    }

    @Test
    void newDatesUpdateTheSameEventWithAHigherSequenceForThoseWhoHoldIt() throws Exception {
        visit = visit(LocalDate.of(2027, 2, 15), LocalDate.of(2027, 2, 16), VisitState.PLANNED, null);
        when(visits.calendarSequence(visit.id())).thenReturn(1);
        holdsEvent(GUEST, MailKind.CONFIRMATION);

        CalendarPart update = invites.part(visit, MailKind.RESCHEDULED, GUEST, "Fiona", Language.EN).orElseThrow();

        assertThat(update.method()).isEqualTo("REQUEST");
        VEvent event = single(Biweekly.parse(update.ics()).first());
        assertThat(event.getUid().getValue()).isEqualTo("visit-SL-2027-0001@region.example");
        assertThat(event.getSequence().getValue()).isEqualTo(1);
        assertThat(event.getDateStart().getValue().toInstant())
                .isEqualTo(LocalDate.of(2027, 2, 15).atTime(8, 0).atZone(REGION).toInstant());
        // the host never got the visit event: the email about new dates carries none
        assertThat(invites.part(visit, MailKind.RESCHEDULED, HOST, "Hanna", Language.SV)).isEmpty();
    }

    @Test
    void theSummaryMeetingInvitationHasItsOwnEventOfAnHourAtItsPlace() throws Exception {
        when(answers.summary(visit.id())).thenReturn(Optional.of(meeting()));
        when(visits.calendarSequence(visit.id())).thenReturn(2);

        CalendarPart part = invites.part(visit, MailKind.SUMMARY_INVITATION, HOST, "Hanna", Language.SV).orElseThrow();

        VEvent event = single(Biweekly.parse(part.ics()).first());
        assertThat(event.getUid().getValue()).isEqualTo("summary-SL-2027-0001@region.example");
        assertThat(event.getSequence().getValue()).isEqualTo(2);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(MEETING);
        assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(MEETING.plus(Duration.ofHours(1)));
        assertThat(event.getLocation().getValue()).isEqualTo("Teams");
        assertThat(event.getSummary().getValue()).isEqualTo("Summeringsmöte: Digital triage i primärvården");
        assertThat(event.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmail()).isEqualTo(HOST));
    }

    @Test
    void aCancellationCancelsEveryEventTheRecipientHoldsWithAHigherSequence() throws Exception {
        visit = visit(visit.dateFrom(), visit.dateTo(), VisitState.CANCELLED, "Storm closes the roads");
        when(answers.summary(visit.id())).thenReturn(Optional.of(meeting()));
        when(visits.calendarSequence(visit.id())).thenReturn(1);
        holdsEvent(GUEST, MailKind.CONFIRMATION);
        holdsEvent(GUEST, MailKind.SUMMARY_INVITATION);
        holdsEvent(HOST, MailKind.SUMMARY_INVITATION);

        CalendarPart guest = invites.part(visit, MailKind.CANCELLATION, GUEST, "Fiona", Language.EN).orElseThrow();
        CalendarPart host = invites.part(visit, MailKind.CANCELLATION, HOST, "Hanna", Language.SV).orElseThrow();

        assertThat(guest.method()).isEqualTo("CANCEL");
        assertThat(guest.contentType()).isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
        ICalendar ical = Biweekly.parse(guest.ics()).first();
        assertThat(ical.getMethod().isCancel()).isTrue();
        assertThat(ical.getEvents()).extracting(e -> e.getUid().getValue())
                .containsExactly("summary-SL-2027-0001@region.example", "visit-SL-2027-0001@region.example");
        assertThat(ical.getEvents()).allSatisfy(e -> {
            assertThat(e.getStatus().isCancelled()).isTrue();
            assertThat(e.getSequence().getValue()).isEqualTo(1);
            assertThat(e.getOrganizer().getEmail()).isEqualTo(FROM);
            assertThat(e.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmail()).isEqualTo(GUEST));
            assertThat(e.getDescription().getValue()).startsWith("Cancelled. Reason: Storm closes the roads");
        });
        assertThat(Biweekly.parse(host.ics()).first().getEvents()).extracting(e -> e.getUid().getValue())
                .containsExactly("summary-SL-2027-0001@region.example");
    }

    @Test
    void nothingIsCancelledForWhoeverNeverGotAnEventAndOtherEmailsCarryNone() {
        visit = visit(visit.dateFrom(), visit.dateTo(), VisitState.CANCELLED, "No brief received");

        assertThat(invites.part(visit, MailKind.CANCELLATION, GUEST, "Fiona", Language.EN)).isEmpty();
        assertThat(invites.part(visit, MailKind.SUMMARY_INVITATION, GUEST, "Fiona", Language.EN))
                .as("no meeting scheduled").isEmpty();
        for (MailKind kind : List.of(MailKind.INVITATION, MailKind.INTAKE_REMINDER, MailKind.HOST_OVERDUE_REMINDER,
                MailKind.EVALUATION_REQUEST, MailKind.EVALUATION_REMINDER)) {
            assertThat(invites.part(visit, kind, GUEST, "Fiona", Language.EN)).as(kind.name()).isEmpty();
        }
    }

    private void holdsEvent(String recipient, MailKind sentWith) {
        when(emails.hasCalendarRequest(eq(visit.id()), eq(recipient), argThat(kinds -> kinds.contains(sentWith))))
                .thenReturn(true);
    }

    private static VEvent single(ICalendar ical) {
        assertThat(ical.getEvents()).hasSize(1);
        return ical.getEvents().get(0);
    }

    private static Summary meeting() {
        return new Summary(MEETING, "Teams", null, null, null, null, false, null);
    }

    private static Visit visit(LocalDate from, LocalDate to, VisitState state, String cancelReason) {
        return new Visit(42, "SL-2027-0001", "Vårdcentralen Ryhov", "Digital triage i primärvården", from, to,
                "NHS Lothian", PartnerLevel.INTERNATIONAL, state, null,
                "Day 1: video triage room\nDay 2: falls team", cancelReason, "kim", NOW, null);
    }
}
