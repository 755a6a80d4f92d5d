package se.samlarande.notification;

import static se.samlarande.notification.MailKind.CANCELLATION;
import static se.samlarande.notification.MailKind.CONFIRMATION;
import static se.samlarande.notification.MailKind.RESCHEDULED;
import static se.samlarande.notification.MailKind.SUMMARY_INVITATION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.ParticipationLevel;
import biweekly.parameter.ParticipationStatus;
import biweekly.property.Attendee;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Description;
import biweekly.property.Location;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import biweekly.property.Summary;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.visit.Language;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * The calendar invitation (iCalendar, RFC 5545, sent as iTIP over email) that goes with an email, if any:
 * <ul>
 * <li>the confirmation adds the visit event, from the first day's start to the last day's end;</li>
 * <li>new dates update it: same UID, higher SEQUENCE (the visit's {@code calendar_sequence});</li>
 * <li>the summary meeting invitation adds the meeting event (its time, an hour by default, and its place);</li>
 * <li>a cancellation cancels both: METHOD:CANCEL, same UIDs, higher SEQUENCE, STATUS:CANCELLED.</li>
 * </ul>
 * An update or a cancellation goes only to recipients who were sent the event: the hosts never get the
 * confirmation, and guests of a visit cancelled before its confirmation hold no event to cancel.
 * Times are written in UTC, which every calendar client reads without a VTIMEZONE.
 */
@Component
class CalendarInvites {

    private static final String ORGANIZER_NAME = "Samlärande";
    private static final String PRODUCT_ID = "-//Samlarande//Samlarande co-learning visits//SV";
    /** The kinds of email that carry the visit event, and the one that carries the summary meeting event. */
    private static final Set<MailKind> VISIT_EVENT_KINDS = Set.of(CONFIRMATION, RESCHEDULED);
    private static final Set<MailKind> MEETING_EVENT_KINDS = Set.of(SUMMARY_INVITATION);

    private final VisitService visits;
    private final AnswerService answers;
    private final OutboxRepository emails;
    private final VisitHours hours;
    private final MessageSource messages;
    private final MailProperties mail;
    private final Clock clock;
    private final Duration meetingLength;

    CalendarInvites(VisitService visits, AnswerService answers, OutboxRepository emails, VisitHours hours,
            MessageSource messages, MailProperties mail, Clock clock,
            @Value("${samlarande.calendar.summary-meeting-length:PT1H}") Duration meetingLength) {
        this.visits = visits;
        this.answers = answers;
        this.emails = emails;
        this.hours = hours;
        this.messages = messages;
        this.mail = mail;
        this.clock = clock;
        this.meetingLength = meetingLength;
    }

    /** Who the invitation is for: the event's only ATTENDEE (each recipient gets an email of their own). */
    private record Attending(String email, String name, Language language) {
    }

    /**
     * The calendar part for this email to this recipient, written in the recipient's language, or empty when
     * this kind of email carries none.
     */
    Optional<CalendarPart> part(Visit visit, MailKind kind, String email, String name, Language language) {
        if (!EnumSet.of(CONFIRMATION, RESCHEDULED, SUMMARY_INVITATION, CANCELLATION).contains(kind)) {
            return Optional.empty();
        }
        Attending recipient = new Attending(email, name, language);
        int sequence = visits.calendarSequence(visit.id());
        return switch (kind) {
            case CONFIRMATION -> Optional.of(write(Method.REQUEST, List.of(visitEvent(visit, sequence, recipient, false))));
            case RESCHEDULED -> wasSent(visit, recipient, VISIT_EVENT_KINDS)
                    ? Optional.of(write(Method.REQUEST, List.of(visitEvent(visit, sequence, recipient, false))))
                    : Optional.empty();
            case SUMMARY_INVITATION -> answers.summary(visit.id())
                    .map(meeting -> write(Method.REQUEST, List.of(meetingEvent(visit, meeting, sequence, recipient, false))));
            case CANCELLATION -> cancellation(visit, sequence, recipient);
            default -> Optional.empty();
        };
    }

    /**
     * Both events in one CANCEL, the summary meeting first: it is the one still ahead (a visit has been hosted
     * before its summary meeting is scheduled), and clients that read only the first event act on it.
     */
    private Optional<CalendarPart> cancellation(Visit visit, int sequence, Attending recipient) {
        List<VEvent> cancelled = new ArrayList<>();
        answers.summary(visit.id()).filter(meeting -> wasSent(visit, recipient, MEETING_EVENT_KINDS))
                .ifPresent(meeting -> cancelled.add(meetingEvent(visit, meeting, sequence, recipient, true)));
        if (wasSent(visit, recipient, VISIT_EVENT_KINDS)) {
            cancelled.add(visitEvent(visit, sequence, recipient, true));
        }
        return cancelled.isEmpty() ? Optional.empty() : Optional.of(write(Method.CANCEL, cancelled));
    }

    private boolean wasSent(Visit visit, Attending recipient, Set<MailKind> kinds) {
        return emails.hasCalendarRequest(visit.id(), recipient.email(), kinds);
    }

    /** Stable per visit, so every update and the cancellation find the event the first invitation made. */
    String visitUid(Visit visit) {
        return "visit-" + visit.reference() + "@" + domain();
    }

    String meetingUid(Visit visit) {
        return "summary-" + visit.reference() + "@" + domain();
    }

    /** The sender's domain keeps UIDs apart from another region's visits with the same reference. */
    private String domain() {
        String from = mail.from();
        return from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private VEvent visitEvent(Visit visit, int sequence, Attending recipient, boolean cancelled) {
        Locale locale = recipient.language().locale();
        VisitHours.Span span = hours.span(visit.dateFrom(), visit.dateTo());
        List<String> description = new ArrayList<>();
        if (cancelled) {
            description.add(cancelledText(visit, locale));
        }
        description.add(text("calendar.visit.description", visit, locale));
        if (visit.programme() != null && !visit.programme().isBlank()) {
            description.add(text("mail.fact.programme", visit, locale) + ":\n" + visit.programme());
        }
        return event(visitUid(visit), sequence, span.start(), span.end(), text("calendar.visit.summary", visit, locale),
                String.join("\n\n", description), visit.hostUnit(), recipient, cancelled);
    }

    private VEvent meetingEvent(Visit visit, se.samlarande.evaluation.Summary meeting, int sequence,
            Attending recipient, boolean cancelled) {
        Locale locale = recipient.language().locale();
        String description = text("calendar.summary-meeting.description", visit, locale);
        return event(meetingUid(visit), sequence, meeting.meetingAt(), meeting.meetingAt().plus(meetingLength),
                text("calendar.summary-meeting.summary", visit, locale),
                cancelled ? cancelledText(visit, locale) + "\n\n" + description : description,
                meeting.meetingPlace(), recipient, cancelled);
    }

    private String cancelledText(Visit visit, Locale locale) {
        String cancelled = text("calendar.cancelled", visit, locale);
        return visit.cancelReason() == null ? cancelled
                : cancelled + " " + text("mail.fact.cancel-reason", visit, locale) + ": " + visit.cancelReason();
    }

    private VEvent event(String uid, int sequence, Instant start, Instant end, String summary, String description,
            String location, Attending recipient, boolean cancelled) {
        String language = recipient.language().code();
        VEvent event = new VEvent();
        event.setUid(uid);
        event.setSequence(sequence);
        event.setDateTimeStamp(Date.from(clock.instant()));
        event.setDateStart(new DateStart(Date.from(start), true));
        event.setDateEnd(new DateEnd(Date.from(end), true));
        event.setSummary(withLanguage(new Summary(summary), language));
        event.setDescription(withLanguage(new Description(description), language));
        if (location != null && !location.isBlank()) {
            event.setLocation(withLanguage(new Location(location), language));
        }
        event.setStatus(cancelled ? Status.cancelled() : Status.confirmed());
        Organizer organizer = new Organizer(ORGANIZER_NAME, mail.from());
        event.setOrganizer(organizer);
        Attendee attendee = new Attendee(recipient.name(), recipient.email());
        attendee.setParticipationLevel(ParticipationLevel.REQUIRED);
        attendee.setParticipationStatus(ParticipationStatus.NEEDS_ACTION);
        // Nobody processes calendar replies: answers come by email, as the message says.
        attendee.setRsvp(false);
        event.addAttendee(attendee);
        return event;
    }

    private static <T extends biweekly.property.TextProperty> T withLanguage(T property, String language) {
        property.getParameters().setLanguage(language);
        return property;
    }

    private CalendarPart write(String method, List<VEvent> events) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId(PRODUCT_ID);
        calendar.setMethod(new Method(method));
        events.forEach(calendar::addEvent);
        return new CalendarPart(method, Biweekly.write(calendar).go());
    }

    /** {0} topic, {1} host unit, {2} reference, {3} guest organisation. */
    private String text(String key, Visit visit, Locale locale) {
        return messages.getMessage(key, new Object[] {visit.topic(), visit.hostUnit(), visit.reference(),
                visit.guestOrganisation()}, locale);
    }
}
