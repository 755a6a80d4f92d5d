package se.samlarande.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.Intake;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.notification.MailComposer.Fact;
import se.samlarande.visit.Language;
import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * Sends one kind of email about a visit to everyone who should get it. Each email goes through the
 * {@link Outbox} under the key (visit, kind, round, recipient): calling this again for the same round
 * sends nothing twice; a new round (the next reminder) sends again.
 */
@Service
public class VisitMailer {

    static final String HOSTS_GROUP = "hosts";
    static final String COORDINATORS_GROUP = "coordinators";

    private final VisitService visits;
    private final AnswerService answers;
    private final StaffDirectory staff;
    private final MailComposer composer;
    private final Outbox outbox;
    private final ZoneId zone;
    private final CalendarInvites calendar;
    private final PracticeFollowUps followUps;

    VisitMailer(VisitService visits, AnswerService answers, StaffDirectory staff, MailComposer composer, Outbox outbox,
            @Value("${samlarande.zone}") ZoneId zone, CalendarInvites calendar,
            PracticeFollowUps followUps) {
        this.visits = visits;
        this.answers = answers;
        this.staff = staff;
        this.composer = composer;
        this.outbox = outbox;
        this.zone = zone;
        this.calendar = calendar;
        this.followUps = followUps;
    }

    /** A guest (with their participant id) or a member of staff (participantId null). */
    private record Recipient(String email, String name, Language language, Long participantId) {
    }

    /**
     * @param round   what makes this sending distinct from an earlier one of the same kind (for the process:
     *                the id of the execution that sends it, stable across retries of one job)
     * @param guestId for emails to one guest (evaluation request and reminder); null for the others
     * @return the emails of this round, sent now or before
     */
    public List<Email> send(long visitId, MailKind kind, String round, Long guestId) {
        Visit visit = visits.get(visitId);
        List<Email> sent = new ArrayList<>();
        for (Recipient recipient : recipients(visit, kind, guestId)) {
            String key = String.join(":", visit.reference(), kind.name(), round, recipient.email());
            sent.add(outbox.sendOnce(key, () -> draft(visit, kind, recipient, key)));
        }
        return sent;
    }

    /** A new personal link, asked for from the expired-link page: sent to the guest's address, never shown. */
    public Email sendNewLink(long visitId, long participantId, GuestLinkIssuer.Purpose purpose) {
        Visit visit = visits.get(visitId);
        Participant guest = visits.guest(visitId, participantId);
        String key = String.join(":", visit.reference(), MailKind.GUEST_LINK.name(), purpose.name(),
                java.util.UUID.randomUUID().toString(), guest.email());
        Recipient recipient = new Recipient(guest.email(), guest.name(), guest.language(), guest.id());
        return outbox.send(draft(visit, MailKind.GUEST_LINK, recipient, key, purpose));
    }

    private Outbox.Draft draft(Visit visit, MailKind kind, Recipient recipient, String key) {
        return draft(visit, kind, recipient, key, linkPurpose(kind));
    }

    private Outbox.Draft draft(Visit visit, MailKind kind, Recipient recipient, String key,
            GuestLinkIssuer.Purpose linkPurpose) {
        Locale locale = recipient.language().locale();
        // Slots, not links: the outbox fills them with fresh links when it hands the email to the mail server.
        String link = linkPurpose == null || recipient.participantId() == null ? null
                : new GuestLinkSlot(linkPurpose, recipient.participantId()).placeholder();
        String blogLink = linksToBlog(kind) && recipient.participantId() != null
                ? new GuestLinkSlot(GuestLinkIssuer.Purpose.BLOG, recipient.participantId()).placeholder() : null;
        MailContent content = composer.compose(kind, locale, recipient.name(), arguments(visit, locale),
                facts(visit, kind, locale), link, blogLink);
        CalendarPart invite = calendar.part(visit, kind, recipient.email(), recipient.name(), recipient.language())
                .orElse(null);
        return new Outbox.Draft(key, visit.id(), kind, recipient.email(), recipient.language().code(), content, invite);
    }

    /** Which of a guest's forms an email links to, if any. */
    private static GuestLinkIssuer.Purpose linkPurpose(MailKind kind) {
        return switch (kind) {
            case INVITATION, INTAKE_REMINDER -> GuestLinkIssuer.Purpose.INTAKE;
            case EVALUATION_REQUEST, EVALUATION_REMINDER -> GuestLinkIssuer.Purpose.EVALUATION;
            default -> null;
        };
    }

    /** Emails that also bring a guest to the visit's blog: the invitation, the confirmation, the evaluation request. */
    private static boolean linksToBlog(MailKind kind) {
        return kind == MailKind.INVITATION || kind == MailKind.CONFIRMATION || kind == MailKind.EVALUATION_REQUEST;
    }

    private List<Recipient> recipients(Visit visit, MailKind kind, Long guestId) {
        List<Participant> guests = visits.guests(visit.id());
        return switch (kind) {
            case INVITATION -> asRecipients(guestId == null ? guests
                    : guests.stream().filter(g -> g.id() == guestId).toList());
            case CONFIRMATION -> asRecipients(guests);
            case INTAKE_REMINDER -> {
                Set<Long> answered = answers.intakes(visit.id()).stream().map(Intake::participantId)
                        .collect(Collectors.toSet());
                yield asRecipients(guests.stream().filter(g -> !answered.contains(g.id())).toList());
            }
            case EVALUATION_REQUEST -> asRecipients(guests.stream().filter(g -> g.id() == guestId).toList());
            case EVALUATION_REMINDER -> {
                boolean answered = answers.evaluations(visit.id()).stream()
                        .map(Evaluation::participantId).anyMatch(guestId::equals);
                yield answered ? List.of() : asRecipients(guests.stream().filter(g -> g.id() == guestId).toList());
            }
            case HOST_OVERDUE_REMINDER -> hosts(visit);
            // Reminded while the follow-up waits for its answer; the coordinators hear when it closed without one.
            case PRACTICE_FOLLOW_UP_REMINDER -> followUps.find(visit.id()).filter(PracticeFollowUp::pending).isPresent()
                    ? hosts(visit) : List.of();
            case PRACTICE_FOLLOW_UP_UNANSWERED -> staffIn(COORDINATORS_GROUP);
            case GUEST_LINK, REQUEST_DATES_PROPOSED, REQUEST_DECLINED ->
                    throw new IllegalArgumentException(kind + " is not sent to a visit's participants");
            case SUMMARY_INVITATION, CANCELLATION, RESCHEDULED -> {
                List<Recipient> all = new ArrayList<>(asRecipients(guests));
                all.addAll(hosts(visit));
                yield all;
            }
        };
    }

    private static List<Recipient> asRecipients(List<Participant> guests) {
        return guests.stream().map(g -> new Recipient(g.email(), g.name(), g.language(), g.id())).toList();
    }

    /** The host who planned the programme, or, before anyone has, everyone in the hosts group. */
    private List<Recipient> hosts(Visit visit) {
        List<StaffDirectory.StaffMember> members = visits.programmePlannedBy(visit.id())
                .flatMap(staff::find).map(List::of)
                .orElseGet(() -> staff.membersOf(HOSTS_GROUP));
        return asStaff(members);
    }

    private List<Recipient> staffIn(String group) {
        return asStaff(staff.membersOf(group));
    }

    private static List<Recipient> asStaff(List<StaffDirectory.StaffMember> members) {
        return members.stream().filter(m -> m.email() != null && !m.email().isBlank())
                .map(m -> new Recipient(m.email(), m.name(), Language.SV, null)).toList();
    }

    /** {0} topic, {1} host unit, {2} dates, {3} intake deadline, {4} reference, {5} guest organisation. */
    private Object[] arguments(Visit visit, Locale locale) {
        return new Object[] {visit.topic(), visit.hostUnit(), dates(visit.dateFrom(), visit.dateTo(), locale),
                visit.intakeDeadline() == null ? "" : date(visit.intakeDeadline(), locale), visit.reference(),
                visit.guestOrganisation()};
    }

    private List<Fact> facts(Visit visit, MailKind kind, Locale locale) {
        List<Fact> facts = new ArrayList<>(List.of(
                new Fact("mail.fact.reference", visit.reference()),
                new Fact("mail.fact.topic", visit.topic()),
                new Fact("mail.fact.host", visit.hostUnit()),
                new Fact("mail.fact.dates", dates(visit.dateFrom(), visit.dateTo(), locale))));
        switch (kind) {
            case CONFIRMATION -> facts.add(new Fact("mail.fact.programme", visit.programme()));
            case SUMMARY_INVITATION -> answers.summary(visit.id()).ifPresent(s -> {
                facts.add(new Fact("mail.fact.meeting-at", dateTime(s.meetingAt(), locale)));
                facts.add(new Fact("mail.fact.meeting-place", s.meetingPlace()));
            });
            case CANCELLATION -> facts.add(new Fact("mail.fact.cancel-reason", visit.cancelReason()));
            case PRACTICE_FOLLOW_UP_REMINDER, PRACTICE_FOLLOW_UP_UNANSWERED -> {
                answers.summary(visit.id()).ifPresent(s -> facts.add(new Fact("mail.fact.planned-practice",
                        s.introduceInPractice())));
                if (kind == MailKind.PRACTICE_FOLLOW_UP_REMINDER) {
                    followUps.find(visit.id()).ifPresent(f -> facts.add(new Fact("mail.fact.answer-by",
                            date(f.answerBy(), locale))));
                }
            }
            default -> { }
        }
        return facts;
    }

    private String dates(LocalDate from, LocalDate to, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        return from.equals(to) ? from.format(format) : from.format(format) + " – " + to.format(format);
    }

    private String date(Instant instant, Locale locale) {
        return instant.atZone(zone).toLocalDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    private String dateTime(Instant instant, Locale locale) {
        return instant.atZone(zone).format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale));
    }

}
