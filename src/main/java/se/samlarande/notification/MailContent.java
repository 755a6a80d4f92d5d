package se.samlarande.notification;

/** A composed email: its subject and the same message as plain text and as HTML. */
public record MailContent(String subject, String text, String html) {
}
