package se.samlarande.process;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * The engine's full history without two kinds of copies:
 * <ul>
 * <li>the task-local overviews ({@link VisitProcess#TASK_OVERVIEWS}): each user task gets a read-only overview of the
 * visit and of the answers so far for its form to show, a copy of what the app's tables hold. Recorded in full
 * history, every one cost a historic variable, its update and two detail rows (created, deleted with the task), 14 per
 * visit, and put guests' names and answers into the engine's history, where the retention job then had to find and
 * delete them. They stay runtime variables, for Tasklist's forms, and leave no history;</li>
 * <li>the detail row of a variable's removal: the app removes a form's answers from the process once it has stored
 * them (22 variables per visit), and full history would record each value a second time, in a detail row written at
 * the removal. The historic variable still records the removal (its state {@code DELETED}), and the detail row of its
 * creation and of every update stays.</li>
 * </ul>
 * The level keeps the name and id of {@code full} (the database records the id, so an existing database starts
 * unchanged); the engine picks the last level registered under the configured name, this one.
 */
@Component
class LeanFullHistory extends AbstractProcessEnginePlugin {

    /** Full history without the overviews' variable events and without the details of removals. */
    static final class Level extends HistoryLevelFull {
        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (entity instanceof VariableInstance variable && VisitProcess.TASK_OVERVIEWS.contains(variable.getName())) {
                return false;
            }
            return !(eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                    && entity instanceof HistoricVariableUpdateEventEntity event
                    && event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE));
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryLevels() == null) {
            configuration.setCustomHistoryLevels(new ArrayList<>());
        }
        configuration.getCustomHistoryLevels().add(new Level());
    }
}
