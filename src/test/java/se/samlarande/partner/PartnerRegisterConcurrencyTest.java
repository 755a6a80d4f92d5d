package se.samlarande.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.PartnerLevel;

/**
 * Two registrations of the same new organisation at the same moment (two coordinators, two nodes): each in its own
 * transaction, as a registration runs; the unique name key lets one insert win, the other one's savepoint is rolled
 * back and it uses the winner's row. Nothing fails and there is one organisation.
 */
@SamlarandeTest
class PartnerRegisterConcurrencyTest {

    @Autowired PartnerRegister register;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void twoRegistrationsOfTheSameNewOrganisationAtOnceMakeOneOrganisation() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                // given a new organisation's name, typed differently by two coordinators
                String name = "Samtidiga Kliniken " + UUID.randomUUID().toString().substring(0, 8);
                CyclicBarrier start = new CyclicBarrier(2);
                TransactionTemplate transaction = new TransactionTemplate(transactions);

                // when both registrations find or create it at the same moment
                List<Future<Partner>> found = nodes.invokeAll(List.of(
                        () -> {
                            start.await();
                            return transaction.execute(status -> register.findOrCreate(name, PartnerLevel.LOCAL));
                        },
                        () -> {
                            start.await();
                            return transaction.execute(status -> register.findOrCreate("  " + name.toUpperCase(), PartnerLevel.LOCAL));
                        }));

                // then both get the same organisation, stored once
                assertThat(found.get(0).get()).isEqualTo(found.get(1).get());
                assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_partner WHERE name_key = ?").param(PartnerNames.key(name))
                        .query(Long.class).single()).isEqualTo(1);
            }
        } finally {
            nodes.shutdown();
        }
    }
}
