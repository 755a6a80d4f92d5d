package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static se.samlarande.process.VisitProcess.Element.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import se.samlarande.notification.Email;
import se.samlarande.notification.MailKind;
import se.samlarande.notification.Outbox;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.VisitActions;

/**
 * The calendar invitations as guests and hosts receive them over SMTP: a {@code text/calendar} part their mail
 * client turns into an event, updated when the visit moves and cancelled when it is called off.
 */
@SamlarandeTest
class CalendarInvitationScenarioTest extends VisitScenario {

    private static final String HOST_EMAIL = "hanna@samlarande.local";
    private static final LocalDate MEETING_DAY = LocalDate.of(2027, 2, 1);

    @Autowired VisitActions visitActions;
    @Autowired Outbox outbox;
    @Autowired MockMvc mvc;
    @Value("${samlarande.mail.from}") String sender;

    @Test
    void theConfirmationPutsTheVisitInTheGuestsCalendarNewDatesUpdateItAndACancellationRemovesIt() throws Exception {
        // given a registered visit: the invitation carries no event yet, the visit is not planned
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        assertThat(calendarPart(lastMessageTo(guestEmail))).isEmpty();

        // when the host plans the programme and the confirmation goes out
        answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Goals", "Work", "kim");
        runDueJobs(visit);
        complete(visit, TASK_REVIEW_INTAKE, "hanna", "programme", "Day 1: video triage room");
        runDueJobs(visit);

        // then it holds an invitation to the visit, from the first morning to the last afternoon
        MimeMessage confirmation = lastMessageTo(guestEmail);
        assertThat(confirmation.getSubject()).startsWith("Confirmation and programme");
        Part part = calendarPart(confirmation).orElseThrow();
        assertThat(part.getContentType()).contains("text/calendar", "method=REQUEST", "charset=UTF-8");
        assertThat(attachmentNames(confirmation)).containsExactly("invite.ics");
        ICalendar invitation = Biweekly.parse(text(part)).first();
        assertThat(invitation.getMethod().isRequest()).isTrue();
        VEvent event = invitation.getEvents().get(0);
        String uid = event.getUid().getValue();
        assertThat(uid).isEqualTo("visit-" + visitOf(visit).reference() + "@samlarande.local");
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(at(VISIT_FROM, 8, 0));
        assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(at(VISIT_TO, 17, 0));
        assertThat(event.getOrganizer().getEmail()).isEqualTo(sender);
        assertThat(event.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmail()).isEqualTo(guestEmail));
        assertThat(event.getSummary().getValue()).isEqualTo("Co-learning visit: Digital triage i primärvården");
        int confirmed = event.getSequence().getValue();

        // when the visit moves a week later
        visitActions.reschedule(visitOf(visit).reference(), VISIT_FROM.plusWeeks(1), VISIT_TO.plusWeeks(1));
        runDueJobs(visit);

        // then the guest's event is updated: same UID, higher SEQUENCE, new dates
        MimeMessage moved = lastMessageTo(guestEmail);
        assertThat(moved.getSubject()).startsWith("New dates for the visit");
        VEvent update = Biweekly.parse(text(calendarPart(moved).orElseThrow())).first().getEvents().get(0);
        assertThat(update.getUid().getValue()).isEqualTo(uid);
        assertThat(update.getSequence().getValue()).isGreaterThan(confirmed);
        assertThat(update.getDateStart().getValue().toInstant()).isEqualTo(at(VISIT_FROM.plusWeeks(1), 8, 0));
        // the host, who never got the visit event, gets the news without one
        assertThat(lastMessageTo(HOST_EMAIL).getSubject()).startsWith("Nya datum");
        assertThat(calendarPart(lastMessageTo(HOST_EMAIL))).isEmpty();

        // when the visit is cancelled
        visitActions.cancel(visitOf(visit).reference(), "Storm closes the roads");
        runDueJobs(visit);

        // then the event is cancelled: METHOD:CANCEL, same UID, higher SEQUENCE still, STATUS:CANCELLED
        MimeMessage cancellation = lastMessageTo(guestEmail);
        Part cancel = calendarPart(cancellation).orElseThrow();
        assertThat(cancel.getContentType()).contains("method=CANCEL");
        ICalendar cancelled = Biweekly.parse(text(cancel)).first();
        assertThat(cancelled.getMethod().isCancel()).isTrue();
        assertThat(cancelled.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getUid().getValue()).isEqualTo(uid);
            assertThat(e.getSequence().getValue()).isGreaterThan(update.getSequence().getValue());
            assertThat(e.getStatus().isCancelled()).isTrue();
        });

        // and staff see on the outbox page what was attached
        Email stored = outbox.recent(visitOf(visit).id(), 50).stream()
                .filter(e -> e.kind() == MailKind.CANCELLATION && e.recipient().equals(guestEmail)).findFirst()
                .orElseThrow();
        mvc.perform(get("/app/outbox/" + stored.id()).with(user("per").authorities(() -> "process-owners")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("METHOD:CANCEL")))
                .andExpect(content().string(containsString("invite.ics")));
    }

    @Test
    void theSummaryMeetingIsAnEventOfItsOwnAndACancellationCancelsItWithTheVisit() throws Exception {
        // given a hosted and evaluated visit whose summary meeting is scheduled
        ProcessInstance visit = driveToTheSummaryMeeting();

        // then guest and host are invited to the meeting, each in their own language
        for (String address : List.of(guestEmail, HOST_EMAIL)) {
            ICalendar invitation = Biweekly.parse(text(calendarPart(lastMessageTo(address)).orElseThrow())).first();
            assertThat(invitation.getMethod().isRequest()).isTrue();
            VEvent meeting = invitation.getEvents().get(0);
            assertThat(meeting.getUid().getValue()).isEqualTo("summary-" + visitOf(visit).reference() + "@samlarande.local");
            assertThat(meeting.getDateStart().getValue().toInstant()).isEqualTo(at(MEETING_DAY, 10, 0));
            assertThat(meeting.getDateEnd().getValue().toInstant()).isEqualTo(at(MEETING_DAY, 11, 0));
            assertThat(meeting.getLocation().getValue()).isEqualTo("Teams");
            assertThat(meeting.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmail()).isEqualTo(address));
        }
        assertThat(Biweekly.parse(text(calendarPart(lastMessageTo(HOST_EMAIL)).orElseThrow())).first().getEvents()
                .get(0).getSummary().getValue()).isEqualTo("Summeringsmöte: Digital triage i primärvården");

        // when the visit is cancelled before the meeting
        visitActions.cancel(visitOf(visit).reference(), "The unit is reorganised");
        runDueJobs(visit);

        // then the guest's meeting and visit events are cancelled, and the host's meeting event
        ICalendar guest = Biweekly.parse(text(calendarPart(lastMessageTo(guestEmail)).orElseThrow())).first();
        assertThat(guest.getMethod().isCancel()).isTrue();
        assertThat(guest.getEvents()).extracting(e -> e.getUid().getValue().substring(0, e.getUid().getValue().indexOf('-')))
                .containsExactly("summary", "visit");
        assertThat(guest.getEvents()).allSatisfy(e -> assertThat(e.getStatus().isCancelled()).isTrue());
        ICalendar host = Biweekly.parse(text(calendarPart(lastMessageTo(HOST_EMAIL)).orElseThrow())).first();
        assertThat(host.getEvents()).singleElement()
                .satisfies(e -> assertThat(e.getUid().getValue()).startsWith("summary-"));
    }

    private ProcessInstance driveToTheSummaryMeeting() {
        ProcessInstance visit = driveToHostingTheVisit();
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 5L);
        runDueJobs(visit);
        answers.recordGuestEvaluation(visitOf(visit).id(), contactGuestId(visit), 5, "Everything", null, "kim");
        complete(visit, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "4");
        complete(visit, TASK_SCHEDULE_SUMMARY_MEETING, "kim", "summaryMeetingTime", MEETING_DAY + "T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(visit);
        return visit;
    }

    private MimeMessage lastMessageTo(String address) throws MessagingException {
        MimeMessage[] all = smtp.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i].getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                return all[i];
            }
        }
        throw new AssertionError("No email to " + address);
    }

    /** The {@code text/calendar} part a mail client turns into an invitation, wherever it sits in the message. */
    private static Optional<Part> calendarPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/calendar")) {
            return Optional.of(part);
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<Part> found = calendarPart(multipart.getBodyPart(i));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> attachmentNames(Part part) throws MessagingException, IOException {
        List<String> names = new ArrayList<>();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            names.add(part.getFileName());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                names.addAll(attachmentNames(multipart.getBodyPart(i)));
            }
        }
        return names;
    }

    private static String text(Part part) throws MessagingException, IOException {
        try (var in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
