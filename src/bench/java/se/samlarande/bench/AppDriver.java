package se.samlarande.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.AnswerService.Confidentiality;
import se.samlarande.form.FormSchemas;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * The app, driven as its users drive it: a coordinator's start form as Tasklist submits it, staff completing
 * their tasks signed in, and guests' answers through {@link AnswerService} (what the guest pages call).
 */
final class AppDriver implements Driver {

    private final ProcessEngine engine;
    private final SqlCounter counter;
    private final AnswerService answers;
    private final VisitService visits;
    private final JdbcClient jdbc;
    private final se.samlarande.notification.GuestLinkIssuer links;
    private final IdentityService identity;
    private final Map<String, List<String>> groups = new HashMap<>();
    private final String confidentialityVersion;

    AppDriver(ConfigurableApplicationContext app, SqlCounter counter) {
        this.engine = app.getBean(ProcessEngine.class);
        this.counter = counter;
        this.answers = app.getBean(AnswerService.class);
        this.visits = app.getBean(VisitService.class);
        this.jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        this.links = app.getBean(se.samlarande.notification.GuestLinkIssuer.class);
        this.identity = engine.getIdentityService();
        for (String user : List.of("kim", "hanna")) {
            groups.put(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
        }
        this.confidentialityVersion = app.getBean(FormSchemas.class).get("intake").field("confidentialityAccepted")
                .properties().get("version");
    }

    @Override
    public String name() {
        return "app";
    }

    @Override
    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public SqlCounter counter() {
        return counter;
    }

    @Override
    public Handle register(int index, String run, Dates dates) {
        Map<String, Object> form = Driver.registrationForm(index, run, dates);
        ProcessInstance instance = as("kim", () -> engine.getRuntimeService().startProcessInstanceByKey("visit", form));
        Visit visit = visits.getByReference(instance.getBusinessKey());
        long guest = visits.guests(visit.id()).get(0).id();
        return new Handle(instance.getId(), instance.getBusinessKey(), visit.id(), guest);
    }

    @Override
    public void submitIntake(Handle visit) {
        answers.submitIntake(visit.visitId(), visit.guestId(), "See how nurses triage by video",
                "Our falls-prevention work", new Confidentiality(confidentialityVersion));
    }

    @Override
    public void reviewIntake(Handle visit) {
        complete(visit, "Task_ReviewIntake", "hanna", "programme", "Day 1: video triage room\nDay 2: falls team");
    }

    @Override
    public void hostVisit(Handle visit) {
        complete(visit, "Task_HostVisit", "hanna", "attendance", 7L, "hostingNotes", "Good questions",
                "sharedWork", "Falls prevention");
    }

    @Override
    public void submitEvaluation(Handle visit) {
        answers.submitEvaluation(visit.visitId(), visit.guestId(), 5, "Everything", null);
    }

    @Override
    public void evaluateAsHost(Handle visit) {
        complete(visit, "Task_EvaluateAsHost", "hanna", "hostScore", "4", "hostWentWell", "Engaged guests");
    }

    @Override
    public void scheduleSummaryMeeting(Handle visit, Dates dates) {
        complete(visit, "Task_ScheduleSummaryMeeting", "kim", "summaryMeetingTime", dates.summaryMeetingTime(),
                "summaryMeetingPlace", "Teams");
    }

    @Override
    public void holdSummaryMeeting(Handle visit) {
        complete(visit, "Task_HoldSummaryMeeting", "kim", "purposeMet", "YES", "learned", "Video triage saves trips",
                "introduceInPractice", "Pilot video triage", "followUpActions", "Kim follows up in March",
                "publishOnBlog", true);
        // the summary becomes the blog's closing post once a coordinator approves it
        complete(visit, "Task_ApproveSummaryPost", "kim", "summaryPostDecision", "approve",
                "summaryPostText", "We learned that video triage saves trips. Next: a pilot in March.");
    }

    @Override
    public void answerPracticeFollowUp(Handle visit) {
        complete(visit, "Task_FollowUpPractice", "hanna", "introduced", "YES", "whatWasIntroduced",
                "Video triage in both teams", "effect", "Fewer trips for the patients");
    }

    @Override
    public long remindersRecorded() {
        return jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE kind = 'INTAKE_REMINDER' AND state IN ('RECORDED', 'SENT')")
                .query(Long.class).single();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Issues a guest's personal link, as the outbox does when it hands an email to the mail server. */
    String issueLink(long visitId, se.samlarande.notification.GuestLinkSlot slot) {
        return links.issue(visitId, slot.participantId(), slot.purpose());
    }


    @Override
    public <T> T as(String user, Supplier<T> action) {
        identity.setAuthentication(user, groups.get(user));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
