package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionReadCacheTest {

    private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:read-cache;DB_CLOSE_DELAY=-1", "sa", ""));
    private final TransactionTemplate inTransaction = new TransactionTemplate(transactions);
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String key) {
        return TransactionReadCache.get(key, () -> key + "#" + reads.incrementAndGet());
    }

    @Test
    void aTransactionReadsARowOnceUntilItWritesIt() {
        inTransaction.executeWithoutResult(status -> {
            assertThat(read("visit-1")).isEqualTo("visit-1#1");
            assertThat(read("visit-1")).isEqualTo("visit-1#1");
            assertThat(read("visit-2")).isEqualTo("visit-2#2");
            TransactionReadCache.evict("visit-1");
            assertThat(read("visit-1")).isEqualTo("visit-1#3");
            assertThat(read("visit-2")).isEqualTo("visit-2#2");
            TransactionReadCache.clear();
            assertThat(read("visit-2")).isEqualTo("visit-2#4");
        });
        assertThat(reads).hasValue(4);
    }

    @Test
    void nothingIsKeptOutsideATransactionNorFromOneTransactionToTheNext() {
        assertThat(read("visit-1")).isEqualTo("visit-1#1");
        assertThat(read("visit-1")).isEqualTo("visit-1#2");
        inTransaction.executeWithoutResult(status -> read("visit-1"));
        inTransaction.executeWithoutResult(status -> assertThat(read("visit-1")).isEqualTo("visit-1#4"));
        // a rolled back transaction leaves nothing behind either
        inTransaction.executeWithoutResult(status -> {
            read("visit-9");
            status.setRollbackOnly();
        });
        inTransaction.executeWithoutResult(status -> assertThat(read("visit-9")).isEqualTo("visit-9#6"));
    }

    @Test
    void aTransactionOfItsOwnReadsAfreshAndTheOneItSuspendedReadsAgainAfterIt() {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        inTransaction.executeWithoutResult(status -> {
            assertThat(read("visit-1")).isEqualTo("visit-1#1");
            own.executeWithoutResult(inner -> {
                assertThat(read("visit-1")).isEqualTo("visit-1#2");
                assertThat(read("visit-1")).isEqualTo("visit-1#2");
            });
            // the inner transaction may have written what the outer one had read: read again, then keep it
            assertThat(read("visit-1")).isEqualTo("visit-1#3");
            assertThat(read("visit-1")).isEqualTo("visit-1#3");
        });
    }

    @Test
    void whatIsReadTogetherWithAnotherRowIsKeptTooButOnlyInATransaction() {
        TransactionReadCache.put("visit-1", "visit-1#joined");
        assertThat(read("visit-1")).isEqualTo("visit-1#1");
        inTransaction.executeWithoutResult(status -> {
            TransactionReadCache.put("visit-1", "visit-1#joined");
            assertThat(read("visit-1")).isEqualTo("visit-1#joined");
        });
        assertThat(reads).hasValue(1);
    }

    @Test
    void aJoinedTransactionSharesWhatTheOuterOneRead() {
        inTransaction.executeWithoutResult(status -> {
            read("visit-1");
            inTransaction.executeWithoutResult(joined -> assertThat(read("visit-1")).isEqualTo("visit-1#1"));
        });
    }
}
