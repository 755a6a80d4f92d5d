package se.samlarande.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: every email is first written to {@code sl_email} under an idempotency key, in a transaction of its
 * own, then delivered, then marked. A caller that runs again (a retried job, a second node) finds the row
 * already delivered and does nothing. The one window left: a crash after the SMTP server accepted a message
 * and before the row is marked sent; the retry then sends that one email a second time.
 * <p>
 * A guest's personal link is never stored: an email holds a {@link GuestLinkSlot} where the link goes, and each
 * hand-over to the mail server issues a fresh link for every slot (committed before the message leaves) and puts it
 * into the message only. A retried or resent email carries new links; a recorded one (no SMTP server) none.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String INVITE_FILE = "invite.ics";

    private final OutboxRepository emails;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final GuestLinkIssuer links;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    Outbox(OutboxRepository emails, ObjectProvider<JavaMailSender> mailSender, MailProperties properties,
            GuestLinkIssuer links, PlatformTransactionManager transactions, Clock clock) {
        this.emails = emails;
        this.mailSender = mailSender;
        this.properties = properties;
        this.links = links;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * A composed email, not yet in the outbox; {@code calendar} is the invitation to send with it, or null.
     * An email without one is made with the six-argument constructor.
     */
    public record Draft(String idempotencyKey, Long visitId, MailKind kind, String recipient, String language,
            MailContent content, CalendarPart calendar) {

        public Draft(String idempotencyKey, Long visitId, MailKind kind, String recipient, String language,
                MailContent content) {
            this(idempotencyKey, visitId, kind, recipient, language, content, null);
        }
    }

    /** Records the draft unless its key is already there, then delivers it unless it was delivered before. */
    public Email send(Draft draft) {
        return emails.findByKey(draft.idempotencyKey()).map(this::deliverIfPending).orElseGet(() -> sendNew(draft));
    }

    /**
     * Sends the email of this key once: an email already recorded under it (by an earlier run of the same job) is
     * only delivered if it has not been, without composing it again (so its calendar part stays what it was; its
     * guest links are issued anew at each hand-over); otherwise the draft is composed and sent.
     */
    public Email sendOnce(String idempotencyKey, java.util.function.Supplier<Draft> compose) {
        return emails.findByKey(idempotencyKey).map(this::deliverIfPending).orElseGet(() -> sendNew(compose.get()));
    }

    /**
     * A new email. Without an SMTP server it is only recorded, in the caller's transaction: nothing leaves the app,
     * so a rolled-back job takes its email with it, and its retry records it again (no guest link is issued for it).
     * With one, the row is committed first in a transaction of its own (its unique key settles a race between two
     * senders), the message handed to the server, and the row marked in a second one.
     */
    private Email sendNew(Draft draft) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            Email email = emails.insert(draft, EmailState.RECORDED, clock.instant());
            log.info("Email {} to {} recorded in the outbox (no SMTP server configured)", email.kind(), email.recipient());
            return email;
        }
        return deliver(sender, enqueue(draft));
    }

    private Email deliverIfPending(Email email) {
        if (email.isDone()) {
            return email;
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return mark(email, EmailState.RECORDED);
        }
        return deliver(sender, email);
    }

    public List<Email> recent(Long visitId, int limit) {
        return emails.findRecent(visitId, limit);
    }

    public Optional<Email> find(long id) {
        return emails.findById(id);
    }

    public long countInState(EmailState state) {
        return emails.countInState(state);
    }

    public int countDelivered(long visitId) {
        return emails.countSent(visitId);
    }

    Email enqueue(Draft draft) {
        Email inserted = ownTransaction.execute(tx -> {
            try {
                return emails.insert(draft, EmailState.PENDING, clock.instant());
            } catch (DuplicateKeyException raced) {
                log.debug("Email {} was recorded concurrently", draft.idempotencyKey());
                return null;
            }
        });
        return inserted != null ? inserted : emails.findByKey(draft.idempotencyKey()).orElseThrow();
    }

    private Email deliver(JavaMailSender sender, Email email) {
        if (email.isDone()) {
            return email;
        }
        try {
            sender.send(toMime(sender, email));
        } catch (MailException | MessagingException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            ownTransaction.executeWithoutResult(tx -> emails.markFailed(email.id(),
                    error.length() > 2000 ? error.substring(0, 2000) : error));
            log.warn("Email {} to {} for visit {} could not be sent: {}", email.kind(), email.recipient(),
                    email.visitId(), error);
            throw new MailDeliveryException("The mail server did not accept the " + email.kind() + " email to "
                    + email.recipient() + ": " + e.getMessage(), e);
        }
        Email sent = mark(email, EmailState.SENT);
        log.info("Email {} sent to {} for visit {}", email.kind(), email.recipient(), email.visitId());
        return sent;
    }

    private Email mark(Email email, EmailState state) {
        java.time.Instant at = clock.instant();
        ownTransaction.executeWithoutResult(tx -> emails.markDone(email.id(), state, at));
        return new Email(email.id(), email.idempotencyKey(), email.visitId(), email.kind(), email.recipient(),
                email.language(), email.subject(), email.bodyText(), email.bodyHtml(), state, email.attempts() + 1,
                null, email.createdAt(), at, email.calendar());
    }

    /**
     * The email as it leaves: every guest-link slot filled with a link issued now (each committed in a transaction of
     * its own before the message is handed over, so a link that went out always works).
     */
    private Email withFreshLinks(Email email) {
        Set<GuestLinkSlot> slots = new LinkedHashSet<>(GuestLinkSlot.in(email.bodyText()));
        slots.addAll(GuestLinkSlot.in(email.bodyHtml()));
        if (slots.isEmpty()) {
            return email;
        }
        if (email.visitId() == null) {
            throw new IllegalStateException("Email " + email.id() + " has a guest link but no visit");
        }
        Map<GuestLinkSlot, String> issued = new HashMap<>();
        slots.forEach(slot -> issued.put(slot, links.issue(email.visitId(), slot.participantId(), slot.purpose())));
        return new Email(email.id(), email.idempotencyKey(), email.visitId(), email.kind(), email.recipient(),
                email.language(), email.subject(), GuestLinkSlot.fill(email.bodyText(), issued),
                GuestLinkSlot.fill(email.bodyHtml(), issued), email.state(), email.attempts(), email.lastError(),
                email.createdAt(), email.sentAt(), email.calendar());
    }

    private MimeMessage toMime(JavaMailSender sender, Email stored) throws MessagingException {
        Email email = withFreshLinks(stored);
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = email.calendar() == null
                ? new MimeMessageHelper(message, true, "UTF-8")
                : new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(email.recipient());
        helper.setSubject(email.subject());
        if (email.calendar() == null) {
            helper.setText(email.bodyText(), email.bodyHtml());
        } else {
            addBodyWithInvitation(helper, email);
        }
        message.setHeader("X-Samlarande-Key", email.idempotencyKey());
        return message;
    }

    /**
     * The shape calendar clients recognise (the one Google Calendar sends): {@code multipart/mixed} holding
     * a {@code multipart/alternative} of plain text, HTML and the {@code text/calendar; method=…} part, which Outlook,
     * Gmail and Apple Mail turn into an invitation with the event, and the same file attached as {@code invite.ics}
     * for clients that only offer attachments to import. The attachment is {@code application/ics}, so that a client
     * reading both does not show two invitations.
     */
    private static void addBodyWithInvitation(MimeMessageHelper helper, Email email) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.bodyText(), "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.bodyHtml(), "UTF-8", "html");
        alternative.addBodyPart(html);
        byte[] ics = email.calendar().ics().getBytes(StandardCharsets.UTF_8);
        MimeBodyPart calendar = new MimeBodyPart();
        // A DataSource, not setContent(String, type): Jakarta Mail has no content handler for text/calendar.
        calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, email.calendar().contentType())));
        alternative.addBodyPart(calendar);

        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        helper.getRootMimeMultipart().addBodyPart(body);
        helper.addAttachment(INVITE_FILE, new ByteArrayDataSource(ics, "application/ics"));
    }
}
