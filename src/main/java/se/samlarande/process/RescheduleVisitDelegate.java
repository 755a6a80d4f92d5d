package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitService;

/**
 * {@code Task_RescheduleVisit}: new dates into the visit row and the process variables, and every pending timer
 * that depends on them moved to its new due date.
 */
@Component
class RescheduleVisitDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(RescheduleVisitDelegate.class);

    private final VisitService visits;
    private final VisitTimers timers;

    RescheduleVisitDelegate(VisitService visits, VisitTimers timers) {
        this.visits = visits;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate from = RegisterVisitDelegate.date(NEW_DATE_FROM.get(execution), "Första dag");
        LocalDate to = RegisterVisitDelegate.date(NEW_DATE_TO.get(execution), "Sista dag");
        long visitId = VISIT_ID.require(execution);
        visits.reschedule(visitId, from, to);
        VisitTimers.Schedule schedule = timers.schedule(from, to);
        visits.setIntakeDeadline(visitId, schedule.intakeDeadline());

        DelegateExecution instance = execution.getProcessInstance();
        ProcessDates.set(instance, schedule);
        DATE_FROM.set(instance, from.toString());
        DATE_TO.set(instance, to.toString());

        Map<String, Instant> dueDates = Map.of(
                Element.TIMER_VISIT_STARTS, schedule.visitStart(),
                Element.BOUNDARY_INTAKE_DEADLINE_PASSED, schedule.intakeDeadline(),
                Element.BOUNDARY_HOST_VISIT_OVERDUE, timers.hostOverdueFrom(schedule.visitEnd()),
                Element.BOUNDARY_EVALUATION_DEADLINE_PASSED, schedule.evaluationDeadline());
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        dueDates.forEach((activityId, due) -> management.createJobQuery()
                .processInstanceId(execution.getProcessInstanceId()).activityId(activityId).timers().list()
                .forEach(timer -> {
                    management.setJobDuedate(timer.getId(), Date.from(due));
                    log.info("Visit {}: timer {} moved to {}", execution.getProcessBusinessKey(), activityId, due);
                }));
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(Element.TASK_HOST_VISIT).list()
                .forEach(task -> {
                    task.setDueDate(Date.from(schedule.visitEnd()));
                    tasks.saveTask(task);
                });
        execution.removeVariables(java.util.List.of(NEW_DATE_FROM.name(), NEW_DATE_TO.name()));
    }
}
