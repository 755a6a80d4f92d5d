package se.samlarande.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.support.SamlarandeTest;

/**
 * The visit is read in one statement with its participants and its calendar sequence, and a transaction keeps the
 * three: what it then reads of them is what the database holds, its own writes included.
 */
@SamlarandeTest
class VisitReadTest {

    @Autowired VisitService visits;
    @Autowired PlatformTransactionManager transactions;
    @Autowired VisitRepository repository;

    private Visit registered() {
        return visits.register(new VisitRegistration("Vårdcentralen Ryhov", "Digital triage", LocalDate.of(2031, 3, 3),
                LocalDate.of(2031, 3, 4), "NHS Lothian", PartnerLevel.INTERNATIONAL, "Fiona Grant",
                "fiona.grant@nhs.example.org", Language.EN, "kim"));
    }

    @Test
    void aTransactionReadsTheVisitWithItsGuestsAndCalendarSequenceAsTheyAreOutsideIt() {
        Visit visit = registered();
        List<Participant> guests = visits.guests(visit.id());
        assertThat(guests).extracting(Participant::email).containsExactly("fiona.grant@nhs.example.org");

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(visits.get(visit.id())).isEqualTo(visits.getByReference(visit.reference()));
            assertThat(visits.guests(visit.id())).isEqualTo(guests);
            assertThat(visits.calendarSequence(visit.id())).isZero();
        });
    }

    @Test
    void whatTheTransactionWritesItReadsBack() {
        Visit visit = registered();
        long contact = visits.guests(visit.id()).get(0).id();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            visits.get(visit.id()); // read, and kept with the guests and the calendar sequence
            Participant added = visits.addGuest(visit.id(), "Ewan Reid", "ewan.reid@nhs.example.org", Language.EN,
                    contact).orElseThrow();
            assertThat(visits.guests(visit.id())).extracting(Participant::id).containsExactly(contact, added.id());

            repository.incrementCalendarSequence(visit.id());
            assertThat(visits.calendarSequence(visit.id())).isEqualTo(1);

            visits.reschedule(visit.id(), LocalDate.of(2031, 4, 7), LocalDate.of(2031, 4, 8));
            assertThat(visits.get(visit.id()).dateFrom()).isEqualTo(LocalDate.of(2031, 4, 7));
            assertThat(visits.calendarSequence(visit.id())).isEqualTo(2);
            assertThat(visits.guests(visit.id())).hasSize(2);
        });
        // and after it, from the database
        assertThat(visits.calendarSequence(visit.id())).isEqualTo(2);
        assertThat(visits.guests(visit.id())).extracting(Participant::name).containsExactly("Fiona Grant", "Ewan Reid");
    }
}
