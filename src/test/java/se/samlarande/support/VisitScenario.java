package se.samlarande.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * What every process scenario needs: a real SMTP server (GreenMail) where the app sends, the engine's clock set
 * to a known "now", and the moves staff and guests make, named as they would say them. Timers are driven by
 * moving the clock and executing the jobs that are due, never by waiting.
 */
public abstract class VisitScenario {

    protected static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    /** "Now" at the start of every scenario: 1 December 2026, 09:00 in the region. */
    protected static final Instant NOW = LocalDate.of(2026, 12, 1).atTime(9, 0).atZone(REGION).toInstant();
    protected static final LocalDate VISIT_FROM = LocalDate.of(2027, 1, 18);
    protected static final LocalDate VISIT_TO = LocalDate.of(2027, 1, 19);

    /** The real SMTP server the app sends to; its port as in application-test.yaml. */
    @RegisterExtension
    protected static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(System.getenv().getOrDefault("SAMLARANDE_TEST_SMTP_PORT", "3025")), "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @Autowired protected ProcessEngine engine;
    @Autowired protected RuntimeService runtime;
    @Autowired protected TaskService tasks;
    @Autowired protected ManagementService management;
    @Autowired protected IdentityService identity;
    @Autowired protected VisitService visits;
    @Autowired protected AnswerService answers;

    /** The contact guest's address; unique per scenario, so mail from other scenarios never counts. */
    protected String guestEmail;
    /** The host unit of the visits a scenario registers; a scenario may give its visits one of their own. */
    protected String hostUnit = "Vårdcentralen Ryhov";

    @BeforeEach
    void setUpScenario() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        guestEmail = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org";
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    protected static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(REGION).toInstant();
    }

    protected void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** A coordinator registers a visit through the start form's variables, as Tasklist submits them. */
    protected ProcessInstance registerVisit(LocalDate from, LocalDate to, String language) {
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", hostUnit);
        form.put("topic", "Digital triage i primärvården");
        form.put("dateFrom", from.toString());
        form.put("dateTo", to.toString());
        form.put("guestOrganisation", "NHS Lothian");
        form.put("partnerLevel", "INTERNATIONAL");
        form.put("contactName", "Fiona Grant");
        form.put("contactEmail", guestEmail);
        form.put("contactLanguage", language);
        return as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
    }

    protected ProcessInstance registerVisit() {
        return registerVisit(VISIT_FROM, VISIT_TO, "EN");
    }

    protected Visit visitOf(ProcessInstance instance) {
        return visits.getByReference(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getBusinessKey());
    }

    protected long contactGuestId(ProcessInstance instance) {
        return visits.guests(visitOf(instance).id()).get(0).id();
    }

    /**
     * Executes the jobs of the instance that are due by the engine's clock, earliest first and one at a time
     * (a job may remove others, as a deadline removes its reminders), until none is left.
     */
    protected int runDueJobs(ProcessInstance instance) {
        for (int executed = 0; executed < 100; executed++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable()
                    .orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                return executed;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs keep coming due: a timer loop?");
    }

    /**
     * A registered visit driven to its first day: invitation sent, intake recorded for the contact guest, programme
     * planned and confirmed, and the host's task "Host the visit" open.
     */
    protected ProcessInstance driveToHostingTheVisit() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Goals", "Work", "kim");
        runDueJobs(visit); // the job executor creates the host's review task
        complete(visit, "Task_ReviewIntake", "hanna", "programme", "Day 1");
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit);
        task(visit, "Task_HostVisit");
        return visit;
    }

    /**
     * A visit at "Host the visit" driven on to "Hold the summary meeting": hosted, evaluated by its contact guest and
     * its host, the meeting scheduled for 1 February 2027 10:00 and that time come.
     */
    protected void driveFromHostingToTheSummaryMeeting(ProcessInstance visit) {
        complete(visit, "Task_HostVisit", "hanna", "attendance", 5L, "hostingNotes", "Good questions",
                "sharedWork", "Falls prevention");
        runDueJobs(visit);
        answers.recordGuestEvaluation(visitOf(visit).id(), contactGuestId(visit), 4, "The triage room", null, "kim");
        complete(visit, "Task_EvaluateAsHost", "hanna", "hostScore", "4", "hostWentWell", "Engaged guests");
        complete(visit, "Task_ScheduleSummaryMeeting", "kim", "summaryMeetingTime", "2027-02-01T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(visit);
        moveClockTo(at(LocalDate.of(2027, 2, 1), 10, 0));
        runDueJobs(visit);
        task(visit, "Task_HoldSummaryMeeting");
    }

    /** The summary meeting's answers, with or without the wish to publish them on the blog. */
    protected void holdTheSummaryMeeting(ProcessInstance visit, boolean publishOnBlog) {
        complete(visit, "Task_HoldSummaryMeeting", "kim", "purposeMet", "YES", "learned", "Video triage saves trips",
                "introduceInPractice", "Pilot video triage", "followUpActions", "Kim follows up in March",
                "publishOnBlog", publishOnBlog);
    }

    /** When the host is to be asked whether the practice the summary meeting planned was introduced (its timer). */
    protected Instant practiceFollowUpDue(ProcessInstance visit) {
        return management.createJobQuery().processInstanceId(visit.getId())
                .activityId("TimerEvent_PracticeFollowUpDue").timers().singleResult().getDuedate().toInstant();
    }

    /**
     * A closed visit whose process waits for the practice follow-up: the clock moved to when the host is asked, and
     * the host's answer given in Tasklist; the process then ends.
     */
    protected void followUpThePractice(ProcessInstance visit, String introduced, String whatWasIntroduced,
            String effect) {
        followUpThePractice(visit, "hanna", introduced, whatWasIntroduced, effect);
    }

    /** The same, answered by the given host. */
    protected void followUpThePractice(ProcessInstance visit, String host, String introduced, String whatWasIntroduced,
            String effect) {
        moveClockTo(practiceFollowUpDue(visit));
        runDueJobs(visit);
        Map<String, Object> answer = new HashMap<>();
        answer.put("introduced", introduced);
        answer.put("whatWasIntroduced", whatWasIntroduced);
        answer.put("effect", effect);
        answer.put("obstacles", null);
        as(host, () -> {
            tasks.complete(task(visit, "Task_FollowUpPractice").getId(), answer);
            return null;
        });
    }

    protected Task task(ProcessInstance instance, String taskDefinitionKey) {
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskDefinitionKey)
                .singleResult();
        assertThat(task).as("open task %s", taskDefinitionKey).isNotNull();
        return task;
    }

    /** A staff member completes a task as Tasklist does: signed in, submitting the form's fields. */
    protected void complete(ProcessInstance instance, String taskDefinitionKey, String user, Object... keyValues) {
        Task task = task(instance, taskDefinitionKey);
        Map<String, Object> form = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put((String) keyValues[i], keyValues[i + 1]);
        }
        as(user, () -> {
            tasks.complete(task.getId(), form);
            return null;
        });
    }

    protected <T> T as(String user, java.util.function.Supplier<T> action) {
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Emails the SMTP server received for this address, subjects in order. */
    protected List<String> subjectsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(address))
                .map(VisitScenario::subject).toList();
    }

    protected String lastBodyTo(String address) {
        MimeMessage[] all = smtp.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            if (recipient(all[i]).equalsIgnoreCase(address)) {
                return plainText(all[i]);
            }
        }
        throw new AssertionError("No email to " + address);
    }

    /** The plain-text part of an email, decoded. */
    protected static String plainText(jakarta.mail.Part part) {
        return partOfType(part, "text/plain");
    }

    /** The first part of the given MIME type in an email, decoded, or null. */
    protected static String partOfType(jakarta.mail.Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = partOfType(multipart.getBodyPart(i), mimeType);
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
