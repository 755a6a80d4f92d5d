package se.samlarande.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An index on the job table's due date, which the engine's schema does not have: the job executor asks every few
 * seconds for jobs that are due ({@code DUEDATE_ is null or DUEDATE_ <= now}, and not locked), and every waiting
 * visit holds reminder and deadline timers that are not. Without the index each acquisition reads the whole table
 * (on PostgreSQL, 10,000 open visits: tens of millions of rows read by sequential scans in a benchmark run); with it,
 * PostgreSQL reads the few due rows through a bitmap of the index (see BENCHMARKS.md).
 * <p>
 * The engine creates its tables after Flyway has run the app's migrations, so the index is made here, once the
 * engine is built, with {@code IF NOT EXISTS}: a second start or a second node finds it there.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "SL_IDX_JOB_DUEDATE";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try {
            JdbcClient.create(configuration.getDataSource())
                    .sql("CREATE INDEX IF NOT EXISTS " + NAME + " ON " + table + " (DUEDATE_)").update();
        } catch (DataAccessException concurrentlyCreated) {
            // two nodes starting at the same moment: the other one made it
            log.info("Index {} on {} not created here: {}", NAME, table, concurrentlyCreated.getMessage());
        }
    }
}
