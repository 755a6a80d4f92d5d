package se.samlarande.notification;

/** Where an email in the outbox is. */
public enum EmailState {
    /** Composed, not yet handed to a mail server. */
    PENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** No SMTP server is configured: kept in the outbox for staff to read. */
    RECORDED,
    /** The last attempt failed; the job that sends it is retried, then becomes an incident. */
    FAILED
}
