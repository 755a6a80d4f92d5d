package se.samlarande.bench;

import java.time.Instant;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * The moves of one visit, made the same way on the app and on the bare engine, so the two runs differ only in
 * what happens behind them. A {@link Handle} is what a visit's later moves need to find it.
 */
interface Driver {

    record Handle(String processInstanceId, String businessKey, long visitId, long guestId) {
    }

    String name();

    ProcessEngine engine();

    SqlCounter counter();

    /** The visit's first and last day, and when its summary meeting is held (the form's local date-time). */
    record Dates(java.time.LocalDate from, java.time.LocalDate to, String summaryMeetingTime, Instant summaryMeetingAt) {
    }

    Handle register(int index, String run, Dates dates);

    /** The start form's variables as Tasklist submits them; every visit of a run has a guest address of its own. */
    static java.util.Map<String, Object> registrationForm(int index, String run, Dates dates) {
        java.util.Map<String, Object> form = new java.util.HashMap<>();
        form.put("hostUnit", "Vårdcentralen Ryhov");
        form.put("topic", "Digital triage i primärvården");
        form.put("dateFrom", dates.from().toString());
        form.put("dateTo", dates.to().toString());
        form.put("guestOrganisation", "NHS Lothian");
        form.put("partnerLevel", "INTERNATIONAL");
        form.put("contactName", "Fiona Grant");
        form.put("contactEmail", "guest-" + run + "-" + index + "@partner.example.org");
        form.put("contactLanguage", index % 2 == 0 ? "EN" : "SV");
        return form;
    }

    void submitIntake(Handle visit);

    void reviewIntake(Handle visit);

    void hostVisit(Handle visit);

    void submitEvaluation(Handle visit);

    void evaluateAsHost(Handle visit);

    void scheduleSummaryMeeting(Handle visit, Dates dates);

    void holdSummaryMeeting(Handle visit);

    /**
     * Months after the summary meeting, with the engine's clock at the follow-up's due time: runs the visit's
     * follow-up timer (the benchmark pauses the job executor meanwhile) and the host answers whether the planned
     * practice was introduced; the visit's process ends.
     */
    default void followUpPractice(Handle visit) {
        var management = engine().getManagementService();
        var timer = management.createJobQuery().processInstanceId(visit.processInstanceId())
                .activityId("TimerEvent_PracticeFollowUpDue").singleResult();
        if (timer == null) {
            throw new IllegalStateException("No practice follow-up timer in " + visit.businessKey());
        }
        management.executeJob(timer.getId());
        answerPracticeFollowUp(visit);
    }

    /** The host's answer in Tasklist: the planned practice introduced, and its effect. */
    void answerPracticeFollowUp(Handle visit);

    /** Runs the action as this member of staff, signed in with their groups where the engine checks authorizations. */
    <T> T as(String user, java.util.function.Supplier<T> action);

    /** A member of staff completes the visit's open task as Tasklist does: signed in, submitting the form's fields. */
    default void complete(Handle visit, String taskKey, String user, Object... keyValues) {
        var tasks = engine().getTaskService();
        var task = tasks.createTaskQuery().processInstanceId(visit.processInstanceId()).taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + taskKey + " in " + visit.businessKey());
        }
        java.util.Map<String, Object> form = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put((String) keyValues[i], keyValues[i + 1]);
        }
        as(user, () -> {
            tasks.complete(task.getId(), form);
            return null;
        });
    }

    /** Emails recorded for reminders of this kind so far (the app's outbox; on the bare engine the jobs run). */
    long remindersRecorded();

    default JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration()).getJobExecutor();
    }

    /** Executable jobs (due by the engine's clock, retries left): the job executor's backlog. */
    default long backlog() {
        return engine().getManagementService().createJobQuery().executable().count();
    }

    default long failedJobs() {
        return engine().getManagementService().createJobQuery().withException().count();
    }
}
