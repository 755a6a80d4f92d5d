package se.samlarande.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.support.SamlarandeTest;

/** References stay unique when registrations arrive at the same moment, the year's first ones included. */
@SamlarandeTest
class ReferenceNumberTest {

    @Autowired VisitService visits;

    @Test
    void theFirstRegistrationsOfAYearAtTheSameMomentAllGetTheirOwnReference() throws Exception {
        // given a year no visit has been registered for, and six coordinators registering at once
        int year = 2041;
        int registrations = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(registrations);
        try {
            List<Future<String>> references = new ArrayList<>();
            for (int i = 0; i < registrations; i++) {
                String email = "first" + i + "@example.org";
                Callable<String> register = () -> {
                    start.await();
                    return visits.register(new VisitRegistration("Enhet", "Ämne", LocalDate.of(year, 2, 1),
                            LocalDate.of(year, 2, 2), "Org", PartnerLevel.LOCAL, "Gäst", email, Language.SV, "kim"))
                            .reference();
                };
                references.add(pool.submit(register));
            }

            // when they all press "register" together
            start.countDown();

            // then every one succeeds, with references 1..6 of that year
            List<String> got = new ArrayList<>();
            for (Future<String> reference : references) {
                got.add(reference.get(60, TimeUnit.SECONDS));
            }
            assertThat(got).containsExactlyInAnyOrder("SL-2041-0001", "SL-2041-0002", "SL-2041-0003", "SL-2041-0004",
                    "SL-2041-0005", "SL-2041-0006");
        } finally {
            pool.shutdownNow();
        }
    }
}
