package se.samlarande.privacy;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link Retention} on the schedule {@code samlarande.retention.cron} (nightly by default). Every node runs it;
 * {@link Retention} makes that safe.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionJob {

    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${samlarande.retention.cron}")
    void run() {
        retention.apply();
    }
}
