package se.samlarande.process;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.samlarande.privacy.RetentionProperties;

/**
 * The region decides how long a finished visit's history is kept ({@code samlarande.retention.engine-history});
 * this applies it to every deployed version of the process at start, over the literal in the BPMN (which only
 * exists because the engine refuses a deployment without one). The engine's history cleanup removes what is due
 * in its nightly window.
 */
@Component
class HistoryRetention {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final RepositoryService repository;
    private final int days;

    HistoryRetention(RepositoryService repository, RetentionProperties retention) {
        this.repository = repository;
        this.days = retention.engineHistoryDays();
    }

    @EventListener(ApplicationReadyEvent.class)
    void apply() {
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().processDefinitionKey(VisitProcess.KEY).list()) {
            if (definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                log.info("History of {} kept {} days after a visit ends", definition.getId(), days);
            }
        }
    }
}
