package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.notification.GuestLinkIssuer.Purpose;
import se.samlarande.notification.Outbox;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitRegistration;
import se.samlarande.visit.VisitService;

/**
 * A personal link is written where the email carrying it is: with an SMTP server, committed before the email leaves,
 * so it outlives a job that fails after sending; without one, in the job's transaction with the recorded email, so a
 * job that rolls back leaves neither behind.
 */
@SamlarandeTest
class GuestLinkTransactionTest {

    @Autowired JdbcClient jdbc;
    @Autowired VisitService visits;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;

    private GuestLinks links(boolean recordsInCallersTransaction) {
        Outbox outbox = mock(Outbox.class);
        when(outbox.recordsInCallersTransaction()).thenReturn(recordsInCallersTransaction);
        return new GuestLinks(jdbc, visits, transactions, outbox, clock, "http://localhost:8080", Period.ofDays(30),
                Duration.ofDays(14), ZoneId.of("Europe/Stockholm"));
    }

    private record Guest(long visitId, long participantId) {
    }

    private Guest guest() {
        Visit visit = visits.register(new VisitRegistration("Vårdcentralen Ryhov", "Digital triage",
                LocalDate.of(2031, 5, 5), LocalDate.of(2031, 5, 6), "NHS Lothian", PartnerLevel.INTERNATIONAL,
                "Fiona Grant", "fiona.grant@nhs.example.org", Language.EN, "kim"));
        return new Guest(visit.id(), visits.guests(visit.id()).get(0).id());
    }

    /** Issues a link inside a job's transaction that then fails, and returns the link. */
    private String issuedInAFailedJob(GuestLinks links, Guest guest) {
        return new TransactionTemplate(transactions).execute(status -> {
            String link = links.issue(guest.visitId(), guest.participantId(), Purpose.INTAKE);
            status.setRollbackOnly(); // the job fails after its email was sent or recorded
            return link;
        });
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void withAnSmtpServerALinkThatWentOutOutlivesTheJobThatSentIt() {
        GuestLinks links = links(false);
        String link = issuedInAFailedJob(links, guest());
        assertThat(links.resolve(token(link))).hasValueSatisfying(access -> assertThat(access.expired()).isFalse());
    }

    @Test
    void withoutOneALinkRollsBackWithTheRecordedEmailAndTheJob() {
        GuestLinks links = links(true);
        Guest guest = guest();
        String link = issuedInAFailedJob(links, guest);
        assertThat(links.resolve(token(link))).isEmpty();

        // and one issued in a job that commits is there
        String committed = new TransactionTemplate(transactions)
                .execute(status -> links.issue(guest.visitId(), guest.participantId(), Purpose.EVALUATION));
        assertThat(links.resolve(token(committed))).hasValueSatisfying(
                access -> assertThat(access.purpose()).isEqualTo(Purpose.EVALUATION));
    }
}
