package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;

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
import se.samlarande.notification.GuestLinkSlot;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitRegistration;
import se.samlarande.visit.VisitService;

/**
 * A personal link is issued when the email carrying it is handed to the mail server, committed in a transaction of
 * its own before the message leaves: it outlives a job that fails after sending.
 */
@SamlarandeTest
class GuestLinkTransactionTest {

    @Autowired JdbcClient jdbc;
    @Autowired VisitService visits;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;

    private GuestLinks links() {
        return new GuestLinks(jdbc, visits, transactions, clock, "http://localhost:8080", Period.ofDays(30),
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

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkThatWentOutOutlivesTheJobThatSentIt() {
        GuestLinks links = links();
        Guest guest = guest();
        String link = new TransactionTemplate(transactions).execute(status -> {
            String issued = links.issue(guest.visitId(), guest.participantId(), Purpose.INTAKE);
            status.setRollbackOnly(); // the job fails after its email was sent
            return issued;
        });
        assertThat(links.resolve(token(link))).hasValueSatisfying(access -> assertThat(access.expired()).isFalse());
        assertThat(links.slotOf(token(link))).hasValue(
                new GuestLinkSlot(Purpose.INTAKE, guest.participantId()));
        assertThat(links.slotOf("A".repeat(43))).isEmpty();
    }
}
