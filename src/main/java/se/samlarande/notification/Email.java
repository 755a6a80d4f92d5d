package se.samlarande.notification;

import java.time.Instant;

/** One row of the outbox. {@code calendar} is the invitation sent with it, or null for most emails. */
public record Email(long id, String idempotencyKey, Long visitId, MailKind kind, String recipient, String language,
        String subject, String bodyText, String bodyHtml, EmailState state, int attempts, String lastError,
        Instant createdAt, Instant sentAt, CalendarPart calendar) {

    public boolean isDone() {
        return state == EmailState.SENT || state == EmailState.RECORDED;
    }
}
