/**
 * Email: composing messages in Swedish and English from templates, the outbox that records every one,
 * and delivery over SMTP (or recording only, when no SMTP server is configured).
 */
package se.samlarande.notification;
