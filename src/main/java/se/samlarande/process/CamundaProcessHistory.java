package se.samlarande.process;

import static se.samlarande.process.VisitProcess.Element.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

import se.samlarande.report.ProcessHistory;

/** The report's view of the engine: milestones and the trail from {@link HistoryService}, open incidents at runtime. */
@Component
class CamundaProcessHistory implements ProcessHistory {

    private static final Set<String> MESSAGE_EVENTS = Set.of("receiveTask", "messageStartEvent",
            "intermediateMessageCatch", "boundaryMessage");
    private static final Set<String> TIMER_EVENTS = Set.of("intermediateTimer", "boundaryTimer", "startTimerEvent");

    private final HistoryService history;
    private final RuntimeService runtime;

    CamundaProcessHistory(HistoryService history, RuntimeService runtime) {
        this.history = history;
        this.runtime = runtime;
    }

    @Override
    public Map<String, Milestones> milestones(Collection<String> references) {
        Map<String, String> referenceOf = instances(references);
        Map<String, Map<String, HistoricActivityInstance>> first = new HashMap<>();
        Map<String, Map<String, HistoricActivityInstance>> last = new HashMap<>();
        for (String activity : List.of(TASK_SEND_INVITATIONS, TASK_REVIEW_INTAKE, TASK_HOST_VISIT,
                TASK_SCHEDULE_SUMMARY_MEETING, TASK_HOLD_SUMMARY_MEETING)) {
            for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().activityId(activity)
                    .orderByHistoricActivityInstanceStartTime().asc().list()) {
                if (referenceOf.containsKey(a.getProcessInstanceId())) {
                    first.computeIfAbsent(a.getProcessInstanceId(), k -> new HashMap<>()).putIfAbsent(activity, a);
                    last.computeIfAbsent(a.getProcessInstanceId(), k -> new HashMap<>()).put(activity, a);
                }
            }
        }
        Map<String, Milestones> milestones = new HashMap<>();
        referenceOf.forEach((instance, reference) -> {
            Map<String, HistoricActivityInstance> f = first.getOrDefault(instance, Map.of());
            Map<String, HistoricActivityInstance> l = last.getOrDefault(instance, Map.of());
            milestones.put(reference, new Milestones(end(f.get(TASK_SEND_INVITATIONS)), start(f.get(TASK_REVIEW_INTAKE)),
                    end(l.get(TASK_REVIEW_INTAKE)), start(f.get(TASK_HOST_VISIT)), end(l.get(TASK_HOST_VISIT)),
                    start(f.get(TASK_SCHEDULE_SUMMARY_MEETING)), end(l.get(TASK_HOLD_SUMMARY_MEETING))));
        });
        return milestones;
    }

    @Override
    public Map<String, Long> openIncidents(Collection<String> references) {
        Map<String, String> referenceOf = instances(references);
        Map<String, Long> counts = new HashMap<>();
        for (Incident incident : runtime.createIncidentQuery().list()) {
            String reference = referenceOf.get(incident.getProcessInstanceId());
            if (reference != null) {
                counts.merge(reference, 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public List<Step> trail(String reference) {
        List<Step> steps = new ArrayList<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).list()) {
            String id = instance.getId();
            steps.add(new Step(instant(instance.getStartTime()), instance.getStartUserId(), "PROCESS_STARTED",
                    instance.getProcessDefinitionName()));

            // The user operation log says who completed a task (Tasklist need not claim first), and everything
            // else people did: claims, assignments, variables changed, job retries, messages correlated.
            List<UserOperationLogEntry> operations = history.createUserOperationLogQuery().processInstanceId(id)
                    .orderByTimestamp().asc().list();
            Map<String, String> completedBy = new HashMap<>();
            operations.stream().filter(o -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(o.getOperationType())
                            && o.getTaskId() != null)
                    .forEach(o -> completedBy.putIfAbsent(o.getTaskId(), o.getUserId()));

            Map<String, String> taskNames = new HashMap<>();
            for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(id).list()) {
                taskNames.put(task.getId(), task.getName());
                if (task.getEndTime() != null && "completed".equals(task.getDeleteReason())) {
                    steps.add(new Step(instant(task.getEndTime()),
                            completedBy.getOrDefault(task.getId(), task.getAssignee()), "TASK_COMPLETED", task.getName()));
                }
            }
            steps.addAll(operations(operations, taskNames));

            List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                    .processInstanceId(id).finished().list();
            if (instance.getEndTime() != null) {
                String end = activities.stream().filter(a -> a.getActivityId().equals(instance.getEndActivityId()))
                        .map(HistoricActivityInstance::getActivityName).findFirst().orElse(instance.getEndActivityId());
                steps.add(new Step(instant(instance.getEndTime()), null, "PROCESS_ENDED",
                        instance.getDeleteReason() != null ? instance.getDeleteReason() : end));
            }
            for (HistoricActivityInstance activity : activities) {
                if (activity.isCanceled()) {
                    continue;
                }
                if (MESSAGE_EVENTS.contains(activity.getActivityType())) {
                    steps.add(new Step(instant(activity.getEndTime()), null, "MESSAGE_RECEIVED", activity.getActivityName()));
                } else if (TIMER_EVENTS.contains(activity.getActivityType())) {
                    steps.add(new Step(instant(activity.getEndTime()), null, "TIMER_FIRED", activity.getActivityName()));
                }
            }
            history.createHistoricIncidentQuery().processInstanceId(id).list().forEach(incident -> {
                steps.add(new Step(instant(incident.getCreateTime()), null, "INCIDENT",
                        incident.getActivityId() + ": " + incident.getIncidentMessage()));
                if (incident.isResolved() || incident.isDeleted()) {
                    steps.add(new Step(instant(incident.getEndTime()), null, "INCIDENT_RESOLVED", incident.getActivityId()));
                }
            });
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /** One step per operation (an operation logs one entry per property it changed); task completions are above. */
    private static List<Step> operations(List<UserOperationLogEntry> entries, Map<String, String> taskNames) {
        Map<String, List<UserOperationLogEntry>> byOperation = entries.stream().collect(
                Collectors.groupingBy(e -> e.getOperationId() != null ? e.getOperationId() : e.getId(),
                        LinkedHashMap::new, Collectors.toList()));
        List<Step> steps = new ArrayList<>();
        for (List<UserOperationLogEntry> operation : byOperation.values()) {
            UserOperationLogEntry entry = operation.get(0);
            String type = entry.getOperationType();
            if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(type)
                    || (UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(type)
                            && org.camunda.bpm.engine.EntityTypes.PROCESS_INSTANCE.equals(entry.getEntityType()))) {
                continue;
            }
            String action = switch (type) {
                case UserOperationLogEntry.OPERATION_TYPE_CLAIM -> "TASK_CLAIMED";
                case UserOperationLogEntry.OPERATION_TYPE_ASSIGN, UserOperationLogEntry.OPERATION_TYPE_DELEGATE,
                        UserOperationLogEntry.OPERATION_TYPE_SET_OWNER -> "TASK_ASSIGNED";
                case UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE,
                        UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE,
                        UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES -> "VARIABLE_CHANGED";
                case UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES -> "JOB_RETRIES_SET";
                case UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE -> "MESSAGE_CORRELATED";
                default -> "OPERATION";
            };
            Set<String> seen = new HashSet<>();
            String properties = operation.stream().filter(e -> e.getProperty() != null && seen.add(e.getProperty()))
                    .map(e -> e.getProperty() + (e.getOrgValue() != null ? ": " + e.getOrgValue() + " → " : ": ")
                            + (e.getNewValue() == null ? "–" : e.getNewValue()))
                    .collect(Collectors.joining(", "));
            String subject = entry.getTaskId() != null && taskNames.containsKey(entry.getTaskId())
                    ? taskNames.get(entry.getTaskId()) + " · " : "";
            steps.add(new Step(instant(entry.getTimestamp()), entry.getUserId(), action,
                    subject + type + (properties.isEmpty() ? "" : " (" + properties + ")")));
        }
        return steps;
    }

    /** Process instance id → reference, for the instances of these visits. */
    private Map<String, String> instances(Collection<String> references) {
        Map<String, String> referenceOf = new HashMap<>();
        List<String> all = List.copyOf(new HashSet<>(references));
        for (int i = 0; i < all.size(); i += 500) {
            history.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKeyIn(all.subList(i, Math.min(all.size(), i + 500)).toArray(String[]::new))
                    .list().forEach(p -> referenceOf.put(p.getId(), p.getBusinessKey()));
        }
        return referenceOf;
    }

    private static Instant start(HistoricActivityInstance activity) {
        return activity == null ? null : instant(activity.getStartTime());
    }

    private static Instant end(HistoricActivityInstance activity) {
        return activity == null ? null : instant(activity.getEndTime());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
