package se.samlarande.process;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import se.samlarande.notification.EmailState;
import se.samlarande.notification.Outbox;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/**
 * The figures a process owner or an operator watches, at {@code /actuator/metrics}: visits by state, open incidents,
 * emails by delivery state (failures first of all), and the job executor's backlog (jobs due and not yet run).
 * Read from the database when scraped; nothing is counted in memory, so every node reports the same.
 */
@Component
class OperationsMetrics implements MeterBinder {

    private final VisitService visits;
    private final Outbox outbox;
    private final RuntimeService runtime;
    private final ManagementService management;

    OperationsMetrics(VisitService visits, Outbox outbox, RuntimeService runtime, ManagementService management) {
        this.visits = visits;
        this.outbox = outbox;
        this.runtime = runtime;
        this.management = management;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (VisitState state : VisitState.values()) {
            Gauge.builder("samlarande.visits", () -> visits.countInState(state)).tag("state", state.name())
                    .description("Visits in each state").register(registry);
        }
        for (EmailState state : EmailState.values()) {
            Gauge.builder("samlarande.emails", () -> outbox.countInState(state)).tag("state", state.name())
                    .description("Emails in the outbox by delivery state; FAILED are being retried").register(registry);
        }
        Gauge.builder("samlarande.incidents.open", () -> runtime.createIncidentQuery().count())
                .description("Open incidents (e.g. emails that ran out of retries)").register(registry);
        Gauge.builder("samlarande.jobs.due", () -> management.createJobQuery().executable().count())
                .description("Job executor backlog: jobs due now and not yet run").register(registry);
    }
}
