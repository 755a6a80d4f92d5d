package se.samlarande.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import se.samlarande.process.VisitTimers;

/**
 * The bare engine: the same {@code bpmn/visit.bpmn}, every delegate and task listener replaced at deployment by one
 * that does nothing, on an engine of its own with its own database and no app tables, configured like the app's
 * (history level, id generator, job executor). Driven with the same moves: what the app's delegates would have
 * set (business key, dates, the summary meeting's time) comes with the start or the completion instead.
 */
final class BareDriver implements Driver {

    /** Does nothing, as a service task's delegate or a task listener. */
    public static final class Noop implements JavaDelegate, TaskListener {
        @Override
        public void execute(DelegateExecution execution) {
        }

        @Override
        public void notify(DelegateTask task) {
        }
    }

    /** {@code ${visitGuests.ids(visitId)}}: one guest per visit, its id the visit's. */
    public static final class Guests {
        public List<Long> ids(Long visitId) {
            return List.of(visitId);
        }
    }

    private final ProcessEngine engine;
    private final SqlCounter counter;
    private final HikariDataSource pool;
    private final VisitTimers timers;
    private final Access access;

    /**
     * The app's access rules, for a bare engine that checks them too: the staff's group memberships and the app's
     * authorizations (process definition, application and global ones; the per-task ones the engine grants itself
     * when a task gets its candidate groups). Null: a bare engine without authorization checks.
     */
    record Access(Map<String, List<String>> memberships, List<Authorization> authorizations) {

        static Access of(ProcessEngine app, List<String> users) {
            Map<String, List<String>> memberships = new HashMap<>();
            for (String user : users) {
                memberships.put(user, app.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                        .map(Group::getId).toList());
            }
            List<Authorization> global = app.getAuthorizationService().createAuthorizationQuery().list().stream()
                    .filter(a -> a.getResourceType() != Resources.TASK.resourceType()
                            && a.getResourceType() != Resources.HISTORIC_TASK.resourceType()
                            && (a.getResourceType() != Resources.PROCESS_INSTANCE.resourceType()
                                    || "*".equals(a.getResourceId())))
                    .toList();
            return new Access(memberships, global);
        }
    }

    BareDriver(String jdbcUrl, String user, String password, int poolSize, VisitTimers timers,
            org.springframework.core.env.Environment appSettings, Access access) throws IOException {
        this.access = access;
        this.timers = timers;
        this.counter = new SqlCounter();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("bare");
        hikari.setMaxLifetime(0); // as the app's in the benchmark: a closed connection's server process takes its CPU time along
        this.pool = new HikariDataSource(hikari);
        DataSource dataSource = counter.wrap("bare", pool);

        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setProcessEngineName("bare");
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate("true");
        config.setHistory(appSettings.getProperty("camunda.bpm.history-level", "full"));
        config.setIdGenerator(new StrongUuidGenerator());
        config.setHistoryCleanupStrategy("removalTimeBased");
        config.setHistoryRemovalTimeStrategy("end");
        config.setHistoryCleanupBatchWindowStartTime("01:00");
        config.setHistoryCleanupBatchWindowEndTime("04:00");
        config.setJobExecutorActivate(false);
        config.setAuthorizationEnabled(access != null);
        String generic = "camunda.bpm.generic-properties.properties.";
        config.setEnsureJobDueDateNotNull(appSettings.getProperty(generic + "ensure-job-due-date-not-null", Boolean.class,
                appSettings.getProperty(generic + "ensureJobDueDateNotNull", Boolean.class, false)));
        config.setJobExecutorAcquireByDueDate(appSettings.getProperty(generic + "job-executor-acquire-by-due-date",
                Boolean.class, appSettings.getProperty(generic + "jobExecutorAcquireByDueDate", Boolean.class, false)));
        config.setBeans(new HashMap<>(Map.of("noop", new Noop(), "visitTimers", timers, "visitGuests", new Guests())));
        DefaultJobExecutor jobs = new DefaultJobExecutor();
        String prefix = "camunda.bpm.job-execution.";
        jobs.setCorePoolSize(appSettings.getProperty(prefix + "core-pool-size", Integer.class, 3));
        jobs.setMaxPoolSize(appSettings.getProperty(prefix + "max-pool-size", Integer.class, 10));
        jobs.setQueueSize(appSettings.getProperty(prefix + "queue-capacity", Integer.class, 3));
        jobs.setMaxJobsPerAcquisition(appSettings.getProperty(prefix + "max-jobs-per-acquisition", Integer.class, 3));
        jobs.setLockTimeInMillis(appSettings.getProperty(prefix + "lock-time-in-millis", Integer.class, 300000));
        jobs.setWaitTimeInMillis(appSettings.getProperty(prefix + "wait-time-in-millis", Integer.class, 5000));
        jobs.setMaxWait(appSettings.getProperty(prefix + "max-wait", Long.class, 60000L));
        jobs.setBackoffTimeInMillis(appSettings.getProperty(prefix + "backoff-time-in-millis", Integer.class, 0));
        jobs.setMaxBackoff(appSettings.getProperty(prefix + "max-backoff", Long.class, 0L));
        config.setJobExecutor(jobs);
        this.engine = config.buildProcessEngine();

        String bpmn;
        try (InputStream in = BareDriver.class.getResourceAsStream("/bpmn/visit.bpmn")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String bare = bpmn.replaceAll("delegateExpression=\"\\$\\{[A-Za-z]+\\}\"", "delegateExpression=\"\\${noop}\"");
        engine.getRepositoryService().createDeployment().name("bare").addInputStream("visit.bpmn",
                new ByteArrayInputStream(bare.getBytes(StandardCharsets.UTF_8))).deploy();
        if (access != null) {
            copy(access);
        }
    }

    private void copy(Access access) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (var member : access.memberships().entrySet()) {
            identity.saveUser(identity.newUser(member.getKey()));
            for (String group : member.getValue()) {
                if (identity.createGroupQuery().groupId(group).count() == 0) {
                    identity.saveGroup(identity.newGroup(group));
                }
                identity.createMembership(member.getKey(), group);
            }
        }
        for (Authorization from : access.authorizations()) {
            var same = authorizations.createAuthorizationQuery().resourceType(from.getResourceType())
                    .resourceId(from.getResourceId());
            if (from.getGroupId() != null) {
                same.groupIdIn(from.getGroupId());
            } else {
                same.userIdIn(from.getUserId());
            }
            // creating the groups above gave their members some rights of their own; the app's rule replaces them
            Authorization existing = same.list().stream()
                    .filter(a -> a.getAuthorizationType() == from.getAuthorizationType()).findFirst().orElse(null);
            Authorization to = existing != null ? existing
                    : authorizations.createNewAuthorization(from.getAuthorizationType());
            to.setUserId(from.getUserId());
            to.setGroupId(from.getGroupId());
            to.setResourceType(from.getResourceType());
            to.setResourceId(from.getResourceId());
            to.setPermissions(from.getPermissions(Permissions.values()));
            authorizations.saveAuthorization(to);
        }
    }

    /** As the app's staff do it, signed in with their groups, when the bare engine checks authorizations. */
    @Override
    public <T> T as(String user, java.util.function.Supplier<T> action) {
        if (access == null) {
            return action.get();
        }
        engine.getIdentityService().setAuthentication(user, access.memberships().get(user));
        try {
            return action.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public SqlCounter counter() {
        return counter;
    }

    DataSource dataSource() {
        return pool;
    }

    void close() {
        engine.close();
        pool.close();
    }

    @Override
    public Handle register(int index, String run, Dates dates) {
        Map<String, Object> form = Driver.registrationForm(index, run, dates);
        // what Task_RegisterVisit sets in the app
        long visitId = (long) (run.hashCode() & 0xffff) * 1_000_000L + index;
        VisitTimers.Schedule schedule = timers.schedule(dates.from(), dates.to());
        form.put("visitId", visitId);
        form.put("visitStart", Date.from(schedule.visitStart()));
        form.put("visitEnd", Date.from(schedule.visitEnd()));
        form.put("intakeDeadline", Date.from(schedule.intakeDeadline()));
        form.put("evaluationDeadline", Date.from(schedule.evaluationDeadline()));
        String businessKey = "B-" + run + "-" + index;
        ProcessInstance instance = as("kim",
                () -> engine.getRuntimeService().startProcessInstanceByKey("visit", businessKey, form));
        return new Handle(instance.getId(), businessKey, visitId, visitId);
    }

    @Override
    public void submitIntake(Handle visit) {
        engine.getRuntimeService().createMessageCorrelation("IntakeSubmitted")
                .processInstanceBusinessKey(visit.businessKey()).correlateAllWithResult();
    }

    @Override
    public void reviewIntake(Handle visit) {
        complete(visit, "Task_ReviewIntake", "hanna", "programme", "Day 1: video triage room\nDay 2: falls team");
    }

    @Override
    public void hostVisit(Handle visit) {
        complete(visit, "Task_HostVisit", "hanna", "attendance", 7L, "hostingNotes", "Good questions", "sharedWork",
                "Falls prevention");
    }

    @Override
    public void submitEvaluation(Handle visit) {
        engine.getRuntimeService().createMessageCorrelation("EvaluationSubmitted")
                .processInstanceBusinessKey(visit.businessKey()).localVariableEquals("guestId", visit.guestId())
                .correlateAllWithResult();
    }

    @Override
    public void evaluateAsHost(Handle visit) {
        complete(visit, "Task_EvaluateAsHost", "hanna", "hostScore", "4", "hostWentWell", "Engaged guests");
    }

    @Override
    public void scheduleSummaryMeeting(Handle visit, Dates dates) {
        // the app's listener turns the form's time into summaryMeetingAt
        complete(visit, "Task_ScheduleSummaryMeeting", "kim", "summaryMeetingTime", dates.summaryMeetingTime(),
                "summaryMeetingPlace", "Teams", "summaryMeetingAt", Date.from(dates.summaryMeetingAt()));
    }

    @Override
    public void holdSummaryMeeting(Handle visit) {
        // the app's delegate that plans the practice follow-up sets when it is due and when it closes
        VisitTimers.FollowUpSchedule followUp = timers.practiceFollowUp(ClockUtil.getCurrentTime().toInstant());
        complete(visit, "Task_HoldSummaryMeeting", "kim", "purposeMet", "YES", "learned", "Video triage saves trips",
                "introduceInPractice", "Pilot video triage", "followUpActions", "Kim follows up in March",
                "publishOnBlog", true, "practiceFollowUpDue", Date.from(followUp.dueAt()),
                "practiceFollowUpAnswerBy", Date.from(followUp.answerBy()));
        // the summary becomes the blog's closing post once a coordinator approves it
        complete(visit, "Task_ApproveSummaryPost", "kim", "summaryPostDecision", "approve",
                "summaryPostText", "We learned that video triage saves trips. Next: a pilot in March.");
    }

    @Override
    public void answerPracticeFollowUp(Handle visit) {
        complete(visit, "Task_FollowUpPractice", "hanna", "introduced", "YES", "whatWasIntroduced", "Video triage in both teams",
                "effect", "Fewer trips for the patients");
    }

    @Override
    public long remindersRecorded() {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("Task_SendIntakeReminder")
                .finished().count();
    }


}
