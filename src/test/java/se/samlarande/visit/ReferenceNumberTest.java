package se.samlarande.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.support.SamlarandeTest;

/**
 * References stay unique when registrations arrive at the same moment, the year's first ones included, and no
 * registration waits for another's transaction to end.
 */
@SamlarandeTest
class ReferenceNumberTest {

    @Autowired VisitService visits;
    @Autowired PlatformTransactionManager transactions;

    private static VisitRegistration registration(int year, String email) {
        return new VisitRegistration("Enhet", "Ämne", LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 2), "Org",
                PartnerLevel.LOCAL, "Gäst", email, Language.SV, "kim");
    }

    @Test
    void aRegistrationDoesNotWaitForAnotherStillInItsTransactionAndAFailedOneLeavesItsNumberUnused() throws Exception {
        int year = 2042;
        visits.register(registration(year, "before@example.org"));
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // given a registration whose transaction (as the engine's, which goes on to start the process) is still open
            Future<String> slow = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                String reference = visits.register(registration(year, "slow@example.org")).reference();
                registered.countDown();
                try {
                    finish.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status.setRollbackOnly(); // and it fails in the end
                return reference;
            }));
            assertThat(registered.await(60, TimeUnit.SECONDS)).isTrue();

            // when another coordinator registers meanwhile, then that registration completes before the first ends
            String other = visits.register(registration(year, "other@example.org")).reference();
            assertThat(slow).isNotDone();
            finish.countDown();

            // the failed registration's number stays unused; the next one takes a new number
            assertThat(slow.get(60, TimeUnit.SECONDS)).isEqualTo("SL-2042-0002");
            assertThat(other).isEqualTo("SL-2042-0003");
            assertThat(visits.register(registration(year, "after@example.org")).reference()).isEqualTo("SL-2042-0004");
            assertThatThrownBy(() -> visits.getByReference("SL-2042-0002")).isInstanceOf(VisitNotFoundException.class);
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
    }

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
                    return visits.register(registration(year, email)).reference();
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
