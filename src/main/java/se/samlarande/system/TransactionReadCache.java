package se.samlarande.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read once per transaction: within one transaction, a second read of the same row (the visit, its
 * participants, its summary) returns what the first read returned, unless the transaction wrote it in between
 * ({@link #evict}). Several features read the visit in the same engine command (a job that sends an email, then
 * creates the next user task with its overview): 22 of the app's 164 statements per visit were such repeated reads.
 * <p>
 * Outside a transaction nothing is kept. The cache ends with its transaction (commit or rollback); a transaction
 * that suspends it (REQUIRES_NEW) starts with none, and when it resumes, the suspended one starts empty again, as
 * the inner transaction may have changed what it had read. What is cached must be immutable (records, copied lists).
 */
public final class TransactionReadCache {

    private static final Object RESOURCE = new Object();

    private TransactionReadCache() {
    }

    /** The value this transaction read before under this key, or what the loader reads now (then kept). */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> loader) {
        Map<Object, Object> cache = current();
        if (cache == null) {
            return loader.get();
        }
        Object value = cache.get(key);
        if (value == null) {
            value = loader.get();
            if (value != null) {
                cache.put(key, value);
            }
        }
        return (T) value;
    }

    /**
     * Keeps what this transaction read under this key, read together with something else (one statement for two
     * rows); outside a transaction nothing is kept.
     */
    public static void put(Object key, Object value) {
        Map<Object, Object> cache = current();
        if (cache != null && value != null) {
            cache.put(key, value);
        }
    }

    /** Forgets what this transaction read under this key (after writing it). */
    public static void evict(Object key) {
        Map<Object, Object> cache = existing();
        if (cache != null) {
            cache.remove(key);
        }
    }

    /** Forgets everything this transaction read (after a write that touches many rows). */
    public static void clear() {
        Map<Object, Object> cache = existing();
        if (cache != null) {
            cache.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> existing() {
        return (Map<Object, Object>) TransactionSynchronizationManager.getResource(RESOURCE);
    }

    private static Map<Object, Object> current() {
        Map<Object, Object> cache = existing();
        if (cache == null && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            Map<Object, Object> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }

                @Override
                public void resume() {
                    created.clear();
                    TransactionSynchronizationManager.bindResource(RESOURCE, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            cache = created;
        }
        return cache;
    }
}
