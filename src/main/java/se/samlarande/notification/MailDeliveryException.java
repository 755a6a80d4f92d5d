package se.samlarande.notification;

/** The mail server did not take an email. The outbox has recorded the attempt; the caller's job is retried. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
