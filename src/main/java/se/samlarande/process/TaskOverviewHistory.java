package se.samlarande.process;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * The engine's full history, except for the task-local overviews ({@link VisitProcess#TASK_OVERVIEWS}): each user task
 * gets a read-only overview of the visit and of the answers so far for its form to show, a copy of what the app's
 * tables hold. Recorded in full history, every one cost a historic variable, its update and two detail rows (created,
 * deleted with the task), 14 per visit, and put guests' names and answers into the engine's history, where the
 * retention job then had to find and delete them. They stay runtime variables, for Tasklist's forms, and leave no
 * history.
 * <p>
 * The level keeps the name and id of {@code full} (the database records the id, so an existing database starts
 * unchanged); the engine picks the last level registered under the configured name, this one.
 */
@Component
class TaskOverviewHistory extends AbstractProcessEnginePlugin {

    /** Full history without the overviews' variable events. */
    static final class FullWithoutTaskOverviews extends HistoryLevelFull {
        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return !(entity instanceof VariableInstance variable && VisitProcess.TASK_OVERVIEWS.contains(variable.getName()));
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryLevels() == null) {
            configuration.setCustomHistoryLevels(new ArrayList<>());
        }
        configuration.getCustomHistoryLevels().add(new FullWithoutTaskOverviews());
    }
}
