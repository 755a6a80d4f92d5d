package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import se.samlarande.support.SamlarandeTest;

/** With no SMTP server configured (the embedded default), emails are recorded in the outbox for staff to read. */
@SamlarandeTest
class OutboxWithoutSmtpTest {

    @Autowired OutboxRepository emails;
    @Autowired MailProperties properties;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;
    @Autowired GuestLinkIssuer links;

    @Test
    void withoutAnSmtpServerAnEmailIsRecordedOnceAndShownInTheOutbox() {
        var noSmtp = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        Outbox outbox = new Outbox(emails, noSmtp, properties, links, transactions, clock);
        String key = "test:" + UUID.randomUUID();
        var draft = new Outbox.Draft(key, null, MailKind.INVITATION, "guest@example.org", "sv",
                new MailContent("Inbjudan", "Hej!", "<p>Hej!</p>"));

        Email first = outbox.send(draft);
        Email second = outbox.send(draft);

        assertThat(first.state()).isEqualTo(EmailState.RECORDED);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempts()).isEqualTo(1);
        // Wide enough for the whole suite: scenario tests date their emails by a moved engine clock (2027), which
        // sorts them before this one when they ran first.
        assertThat(outbox.recent(null, 10_000)).extracting(Email::idempotencyKey).containsOnlyOnce(key);
    }
}
