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
