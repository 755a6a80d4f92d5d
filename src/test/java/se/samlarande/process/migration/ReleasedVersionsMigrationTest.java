package se.samlarande.process.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.MultipleFailuresError;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.blog.BlogPost;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.PostKind;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.evaluation.Summary;
import se.samlarande.process.VisitProcess;
import se.samlarande.report.VisitResult;
import se.samlarande.report.VisitResults;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitRequest;
import se.samlarande.visit.VisitRequests;
import se.samlarande.visit.VisitState;

/**
 * Every released version of the visit process ({@code src/test/resources/released/}) upgraded with its visits under
 * way: the version is deployed next to the current one, an instance is parked in each of its wait states (started
 * and moved on as the app does it: the registration form, a visit request, the guests' answers, the tasks completed
 * with their forms' fields), then {@link VisitMigration#migrateRunningVisits()} moves them to the current version.
 * Each instance must then be on the current definition with its timers' due dates, its open tasks (same ids) now
 * showing the current forms, and it must run to its end on today's code: the visit closed with every answer stored,
 * the emails sent as for a visit started on today's version, and the practice followed up (an instance of 1.0.0,
 * which had no practice follow-up, now waits for it after its summary meeting).
 *
 * <p>All instances of a version walk the same path: the intake deadline passes (one reminder has gone out by then),
 * the coordinator extends it, the intake arrives, the host plans and hosts the visit, guest and host evaluate, the summary meeting is
 * held and its post approved, and three months later the host answers the practice follow-up. An instance parked at
 * stop k walked the path's first k steps on its released version and walks the rest on the current one, so every
 * instance ends with the same answers and the same emails; a visit request joins the path when it is accepted.
 */
@SamlarandeTest
class ReleasedVersionsMigrationTest extends VisitScenario {

    private static final String HOST_EMAIL = "hanna@samlarande.local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate SUMMARY_DAY = LocalDate.of(2027, 2, 1);

    @Autowired RepositoryService repository;
    @Autowired FormService forms;
    @Autowired HistoryService history;
    @Autowired VisitMigration visitMigration;
    @Autowired MigrationRecords migrationRecords;
    @Autowired AuditLog audit;
    @Autowired VisitRequests requests;
    @Autowired PracticeFollowUps followUps;
    @Autowired VisitResults results;
    @Autowired BlogService blog;

    /**
     * A wait state on the path: where the instance waits, the timers (and asynchronous jobs) it must have pending
     * there, and the step that brings an instance there from the stop before.
     */
    private record Stop(String name, List<String> waitsAt, List<String> jobsAt, Consumer<Parked> step) {
    }

    /** The path every instance walks; its first stop is reached by registering the visit. */
    private final List<Stop> path = List.of(
            new Stop("invitation job pending", List.of(TASK_SEND_INVITATIONS), List.of(TASK_SEND_INVITATIONS), this::register),
            new Stop("awaiting the intake", List.of(RECEIVE_AWAIT_INTAKE),
                    List.of(BOUNDARY_INTAKE_REMINDER_DUE, BOUNDARY_INTAKE_DEADLINE_PASSED),
                    p -> runDueJobs(p.instance)),
            new Stop("following up the missing intake", List.of(TASK_FOLLOW_UP_MISSING_INTAKE), List.of(), p -> {
                moveClockTo(at(VISIT_FROM.minusDays(14), 17, 1));
                runDueJobs(p.instance);
            }),
            new Stop("reviewing the intake", List.of(TASK_REVIEW_INTAKE), List.of(), p -> {
                submit(p, TASK_FOLLOW_UP_MISSING_INTAKE, "kim");
                assertThat(p.instance).isWaitingAt(RECEIVE_AWAIT_INTAKE);
                answers.recordIntake(visitOf(p.instance).id(), contactGuestId(p.instance), "Goals of " + p.topic,
                        "Falls prevention", "kim");
            }),
            new Stop("waiting for the visit to start", List.of(TIMER_VISIT_STARTS), List.of(TIMER_VISIT_STARTS), p -> {
                runDueJobs(p.instance); // 1.2.0 and later: the job executor creates the review task
                submit(p, TASK_REVIEW_INTAKE, "hanna");
                runDueJobs(p.instance);
            }),
            new Stop("hosting the visit", List.of(TASK_HOST_VISIT), List.of(BOUNDARY_HOST_VISIT_OVERDUE), p -> {
                moveClockTo(at(VISIT_FROM, 8, 0));
                runDueJobs(p.instance);
            }),
            new Stop("evaluations in progress", List.of(RECEIVE_AWAIT_EVALUATION, TASK_EVALUATE_AS_HOST),
                    List.of(BOUNDARY_EVALUATION_REMINDER_DUE, BOUNDARY_EVALUATION_DEADLINE_PASSED), p -> {
                submit(p, TASK_HOST_VISIT, "hanna");
                runDueJobs(p.instance);
            }),
            new Stop("scheduling the summary meeting", List.of(TASK_SCHEDULE_SUMMARY_MEETING), List.of(), p -> {
                answers.recordGuestEvaluation(visitOf(p.instance).id(), contactGuestId(p.instance), 4, "The triage room",
                        null, "kim");
                submit(p, TASK_EVALUATE_AS_HOST, "hanna");
            }),
            new Stop("waiting for the summary meeting", List.of(TIMER_SUMMARY_MEETING_HELD),
                    List.of(TIMER_SUMMARY_MEETING_HELD), p -> {
                submit(p, TASK_SCHEDULE_SUMMARY_MEETING, "kim");
                runDueJobs(p.instance);
            }),
            new Stop("holding the summary meeting", List.of(TASK_HOLD_SUMMARY_MEETING), List.of(), p -> {
                moveClockTo(at(SUMMARY_DAY, 10, 0));
                runDueJobs(p.instance);
            }),
            new Stop("approving the summary post", List.of(TASK_APPROVE_SUMMARY_POST), List.of(),
                    p -> submit(p, TASK_HOLD_SUMMARY_MEETING, "kim")),
            new Stop("waiting for the practice follow-up", List.of(TIMER_PRACTICE_FOLLOW_UP_DUE),
                    List.of(TIMER_PRACTICE_FOLLOW_UP_DUE),
                    p -> submit(p, TASK_APPROVE_SUMMARY_POST, "kim")),
            new Stop("following up the practice", List.of(TASK_FOLLOW_UP_PRACTICE),
                    List.of(BOUNDARY_PRACTICE_FOLLOW_UP_REMINDER_DUE, BOUNDARY_PRACTICE_FOLLOW_UP_UNANSWERED), p -> {
                moveClockTo(practiceFollowUpDue(p.instance));
                runDueJobs(p.instance);
            }));

    /** A visit request waits for a coordinator's assessment; accepted, it joins the path at its first stop. */
    private final Stop assessingARequest = new Stop("assessing a visit request", List.of(TASK_ASSESS_REQUEST), List.of(),
            this::request);

    /** The last step: the host answers the practice follow-up, and the process ends. */
    private void finish(Parked p) {
        submit(p, TASK_FOLLOW_UP_PRACTICE, "hanna");
    }

    /** What staff enter in each task's form: every field of the form, as Tasklist submits them. */
    private Map<String, Object> formAnswers(Parked p, String taskKey) {
        return switch (taskKey) {
            case TASK_ASSESS_REQUEST -> values("requestDecision", "accept", "hostUnit", hostUnit, "topic", p.topic,
                    "dateFrom", VISIT_FROM.toString(), "dateTo", VISIT_TO.toString(), "proposal", null,
                    "declineReason", null);
            case TASK_FOLLOW_UP_MISSING_INTAKE -> values("followUpDecision", "extend", "newIntakeDeadline", "2027-01-10",
                    "cancelReason", null);
            case TASK_REVIEW_INTAKE -> values("programme", "Day 1: video triage room\nDay 2: falls team");
            case TASK_HOST_VISIT -> values("attendance", 5L, "hostingNotes", "Good questions", "sharedWork",
                    "Falls prevention", "libraryConsent", false);
            case TASK_EVALUATE_AS_HOST -> values("hostScore", "4", "hostWentWell", "Engaged guests", "hostToImprove",
                    null);
            case TASK_SCHEDULE_SUMMARY_MEETING -> values("summaryMeetingTime", "2027-02-01T10:00", "summaryMeetingPlace",
                    "Teams");
            case TASK_HOLD_SUMMARY_MEETING -> values("purposeMet", "YES", "learned", "Video triage saves trips",
                    "introduceInPractice", "Pilot video triage", "followUpActions", "Kim follows up in March",
                    "publishOnBlog", true, "libraryConsent", false);
            case TASK_APPROVE_SUMMARY_POST -> values("summaryPostDecision", "approve", "summaryPostText",
                    "We learned that video triage saves trips.");
            case TASK_FOLLOW_UP_PRACTICE -> values("introduced", "YES", "whatWasIntroduced",
                    "Video triage at two health centres", "effect", "Fewer trips", "obstacles", null);
            default -> throw new AssertionError("No answers for the form of " + taskKey);
        };
    }

    /** The registration form's fields, as the app's registration page and Tasklist submit them. */
    private Map<String, Object> registration(Parked p) {
        return values("hostUnit", hostUnit, "topic", p.topic, "dateFrom", VISIT_FROM.toString(), "dateTo",
                VISIT_TO.toString(), "direction", "INCOMING", "guestOrganisation", "NHS Lothian", "partnerLevel",
                "INTERNATIONAL", "contactName", "Fiona Grant", "contactEmail", p.email, "contactLanguage", "EN",
                "alreadyHeld", false);
    }

    static List<String> releasedVersions() {
        return ReleasedVersions.versions();
    }

    @ParameterizedTest(name = "visits under way on {0} are migrated and run to their end")
    @MethodSource("releasedVersions")
    void visitsUnderWayOnAReleasedVersionAreMigratedAndRunToTheirEnd(String version) {
        String currentTag = ReleasedVersions.currentVersionTag();
        assertThat(ReleasedVersions.lower(version, currentTag))
                .as("bpmn/visit.bpmn carries versionTag %s: the current version must be above every released one (%s)",
                        currentTag, version).isTrue();
        ProcessDefinition current = currentDefinition(currentTag);
        assertThat(startMessageDefinition()).isEqualTo(current.getId());

        List<Parked> parked = new ArrayList<>();
        ReleasedVersions.Deployed released = ReleasedVersions.deploy(repository, version);
        try {
            assertThat(released.definition().getVersionTag()).isEqualTo(version);
            BpmnModelInstance releasedModel = repository.getBpmnModelInstance(released.definitionId());

            // given an instance of the released version in each of its wait states
            for (int k = 0; k < path.size(); k++) {
                if (!has(releasedModel, path.get(k))) {
                    continue;
                }
                Parked p = new Parked(version, "s" + (k + 1), path.get(k), released.definitionId());
                moveClockTo(NOW);
                for (int i = 0; i <= k; i++) {
                    path.get(i).step().accept(p);
                }
                parked.add(p.park());
            }
            if (has(releasedModel, assessingARequest)) {
                Parked p = new Parked(version, "r1", assessingARequest, released.definitionId());
                moveClockTo(NOW);
                assessingARequest.step().accept(p);
                parked.add(p.park());
            }
            Set<String> parkedAt = parked.stream().flatMap(p -> p.stop.waitsAt().stream()).collect(Collectors.toSet());
            assertThat(waitStates(releasedModel)).as("wait states of %s with an instance parked in them", version)
                    .isSubsetOf(parkedAt);
            assertThat(parked).allSatisfy(p -> assertThat(p.instance.getProcessDefinitionId())
                    .isEqualTo(released.definitionId()));

            // when the running visits are migrated, deploying nothing more
            moveClockTo(NOW.plusSeconds(3600));
            MigrationRun run = visitMigration.migrateRunningVisits();

            // then each is on the current version with its timers, its tasks and the current forms
            assertThat(run.targetDefinitionId()).isEqualTo(current.getId());
            assertThat(run.targetVersionTag()).isEqualTo(currentTag);
            assertThat(run.migrated()).as("instances migrated").isGreaterThanOrEqualTo(parked.size());
            List<Throwable> failures = new ArrayList<>();
            for (Parked p : parked) {
                check(failures, p, "after the migration", () -> {
                    assertThat(runtime.createProcessInstanceQuery().processInstanceId(p.instance.getId()).singleResult()
                            .getProcessDefinitionId()).as("definition").isEqualTo(current.getId());
                    assertThat(p.instance).isWaitingAt(p.stop.waitsAt().toArray(String[]::new));
                    assertThat(jobs(p)).as("jobs: activity and due date").isEqualTo(p.jobs);
                    assertThat(migrationRecords.forInstance(p.instance.getId())).singleElement().satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo(MigrationRecord.Outcome.MIGRATED);
                        assertThat(r.sourceDefinitionId()).isEqualTo(released.definitionId());
                        assertThat(r.sourceVersionTag()).isEqualTo(version);
                        assertThat(r.targetDefinitionId()).isEqualTo(current.getId());
                        assertThat(r.targetVersionTag()).isEqualTo(currentTag);
                    });
                    if (p.stop != assessingARequest) { // a request becomes a visit only when it is accepted
                        assertThat(audit.forVisit(visitOf(p.instance).id())).extracting(AuditEvent::action)
                                .contains(VisitMigration.MIGRATED);
                    }
                    assertThat(openTasks(p)).as("open tasks: id and activity").isEqualTo(p.openTasks);
                    for (String taskId : p.openTasks.keySet()) {
                        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
                        assertThat(deployedForm(taskId)).as("form of the migrated task %s", task.getTaskDefinitionKey())
                                .isEqualTo(ReleasedVersions.currentForm(formRef(task.getTaskDefinitionKey())));
                    }
                });
                p.migrated = true;
            }
            assertThat(runtime.createProcessInstanceQuery().processDefinitionId(released.definitionId()).count())
                    .as("instances left on %s", version).isZero();

            // and each runs to its end on today's version
            for (Parked p : parked) {
                check(failures, p, "driven to its end", () -> {
                    moveClockTo(p.clock.toInstant());
                    int from = p.stop == assessingARequest ? 0 : path.indexOf(p.stop);
                    if (p.stop == assessingARequest) {
                        submit(p, TASK_ASSESS_REQUEST, "kim");
                        assertThat(p.instance).isWaitingAt(path.get(0).waitsAt().toArray(String[]::new));
                    }
                    for (int i = from + 1; i < path.size(); i++) {
                        Stop stop = path.get(i);
                        path.get(i).step().accept(p);
                        assertThat(p.instance).as("at '%s'", stop.name())
                                .isWaitingAt(stop.waitsAt().toArray(String[]::new));
                    }
                    finish(p);
                    assertRanToItsEnd(p, current);
                });
            }
            if (!failures.isEmpty()) {
                throw new MultipleFailuresError("Instances of " + version + " migrated to " + currentTag, failures);
            }
        } finally {
            released.close();
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionId(released.definitionId()).count())
                .isZero();
        assertThat(startMessageDefinition()).as("VisitRequested starts the current version again")
                .isEqualTo(current.getId());
    }

    private void assertRanToItsEnd(Parked p, ProcessDefinition current) {
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceId(p.instance.getId()).singleResult();
        assertThat(ended.getEndTime()).as("ended").isNotNull();
        assertThat(ended.getEndActivityId()).isEqualTo(END_VISIT_COMPLETED);
        assertThat(ended.getProcessDefinitionId()).isEqualTo(current.getId());

        Visit visit = visitOf(p.instance);
        assertThat(visit.state()).isEqualTo(VisitState.CLOSED);
        assertThat(visit.topic()).isEqualTo(p.topic);
        assertThat(visit.intakeDeadline()).isEqualTo(at(LocalDate.of(2027, 1, 10), 17, 0));
        assertThat(answers.intakes(visit.id())).singleElement().satisfies(intake -> {
            assertThat(intake.goalsAndPurpose()).isEqualTo("Goals of " + p.topic);
            assertThat(intake.improvementWork()).isEqualTo("Falls prevention");
            assertThat(intake.recordedBy()).isEqualTo("kim");
        });
        assertThat(visits.hostingReport(visit.id())).hasValueSatisfying(r -> {
            assertThat(r.attendance()).isEqualTo(5);
            assertThat(r.sharedWork()).isEqualTo("Falls prevention");
            assertThat(r.reportedBy()).isEqualTo("hanna");
        });
        assertThat(answers.evaluations(visit.id())).extracting(Evaluation::respondent, Evaluation::score)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Evaluation.Respondent.GUEST, 4),
                        org.assertj.core.groups.Tuple.tuple(Evaluation.Respondent.HOST, 4));
        assertThat(answers.summary(visit.id())).hasValueSatisfying(s -> {
            assertThat(s.meetingAt()).isEqualTo(at(SUMMARY_DAY, 10, 0));
            assertThat(s.purposeMet()).isEqualTo(Summary.PurposeMet.YES);
            assertThat(s.learned()).isEqualTo("Video triage saves trips");
            assertThat(s.introduceInPractice()).isEqualTo("Pilot video triage");
            assertThat(s.publishApproved()).isTrue();
        });
        assertThat(followUps.find(visit.id())).hasValueSatisfying(f -> {
            assertThat(f.dueAt()).isEqualTo(at(LocalDate.of(2027, 5, 1), 8, 0));
            assertThat(f.introduced()).isEqualTo(PracticeFollowUp.Introduced.YES);
            assertThat(f.whatWasIntroduced()).isEqualTo("Video triage at two health centres");
            assertThat(f.answeredBy()).isEqualTo("hanna");
        });
        VisitResult result = results.find(visit.id()).orElseThrow();
        assertThat(result.intakesReceived()).isEqualTo(1);
        assertThat(result.guestEvaluations()).isEqualTo(1);
        assertThat(result.guestScoreAverage()).isEqualByComparingTo(new BigDecimal("4.00"));
        assertThat(result.hostScore()).isEqualTo(4);
        assertThat(result.purposeMet()).isEqualTo("YES");
        assertThat(blog.timeline(visit.id(), true).sections().stream().flatMap(s -> s.posts().stream()))
                .extracting(BlogPost::kind)
                .containsExactly(PostKind.MILESTONE, PostKind.SUMMARY, PostKind.PRACTICE_FOLLOW_UP);

        String topic = p.topic;
        assertThat(subjectsTo(p.email)).as("emails to the guest, in order").containsExactly(
                "Invitation to a co-learning visit: " + topic,
                "Reminder: your brief for the visit " + topic, // the deadline came before the next reminder
                "Confirmation and programme: " + topic,
                "How was your visit? Evaluation of " + topic,
                "Invitation to the summary meeting: " + topic);
        assertThat(emailsAbout(topic)).as("every email about the visit").containsExactlyInAnyOrder(
                p.email + ": Invitation to a co-learning visit: " + topic,
                p.email + ": Reminder: your brief for the visit " + topic,
                p.email + ": Confirmation and programme: " + topic,
                p.email + ": How was your visit? Evaluation of " + topic,
                p.email + ": Invitation to the summary meeting: " + topic,
                HOST_EMAIL + ": Inbjudan till summeringsmöte: " + topic);
        assertThat(result.emailsSent()).isEqualTo(6);
    }

    /** "recipient: subject" of every email the SMTP server received whose subject names the topic. */
    private List<String> emailsAbout(String topic) {
        List<String> about = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getSubject().contains(topic)) {
                    for (jakarta.mail.Address to : message.getAllRecipients()) {
                        about.add(to + ": " + message.getSubject());
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return about;
    }

    // --- the moves

    /** A coordinator registers the visit on the instance's definition, with the fields of that version's form. */
    private void register(Parked p) {
        String form = read(forms.getDeployedStartForm(p.definitionId));
        Map<String, Object> submitted = submission(form, registration(p), "the registration form");
        p.instance = as("kim", () -> forms.submitStartForm(p.definitionId, submitted));
    }

    /** An organisation asks to visit (the public request page's service), which starts the latest definition. */
    private void request(Parked p) {
        VisitRequest request = requests.submit(new VisitRequests.Submission("Helse Bergen", PartnerLevel.INTERNATIONAL,
                "Ingrid Dahl", p.email, Language.EN, "Akutmottagningen", "Triage and patient flow", "May or June 2027",
                4));
        p.instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.reference()).singleResult();
        assertThat(p.instance).as("process of request %s", request.reference()).isNotNull();
    }

    /**
     * A member of staff opens the task in Tasklist and submits its form: every field of the form the task shows (the
     * released version's before the migration, the current one after it).
     */
    private void submit(Parked p, String taskKey, String user) {
        Task task = task(p.instance, taskKey);
        String form = deployedForm(task.getId());
        String formRef = formRef(taskKey);
        if (p.migrated) {
            assertThat(form).as("form of %s after the migration", taskKey).isEqualTo(ReleasedVersions.currentForm(formRef));
        } else {
            assertThat(form).as("form of %s in %s", taskKey, p.version).isEqualTo(new String(
                    ReleasedVersions.forms(p.version).get(formRef + ".form"), StandardCharsets.UTF_8));
        }
        Map<String, Object> submitted = submission(form, formAnswers(p, taskKey), formRef);
        as(user, () -> {
            forms.submitTaskForm(task.getId(), submitted);
            return null;
        });
    }

    /** The answers for exactly the form's input fields; a field the test has no answer for fails the test. */
    private static Map<String, Object> submission(String form, Map<String, Object> answers, String formName) {
        Map<String, Object> submitted = new HashMap<>();
        for (String key : fieldKeys(form)) {
            assertThat(answers).as("answers for the fields of %s", formName).containsKey(key);
            submitted.put(key, answers.get(key));
        }
        return submitted;
    }

    private static List<String> fieldKeys(String form) {
        try {
            List<String> keys = new ArrayList<>();
            collectKeys(JSON.readTree(form).path("components"), keys);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectKeys(JsonNode components, List<String> keys) {
        for (JsonNode component : components) {
            boolean input = component.hasNonNull("key") && !component.path("readonly").asBoolean()
                    && !component.path("disabled").asBoolean() && !"button".equals(component.path("type").asText());
            if (input) {
                keys.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }

    // --- what an instance has

    /** One instance: its own guest and topic (so its emails are its own), and what it had where it was parked. */
    private final class Parked {
        final String version;
        final String code;
        final Stop stop;
        final String definitionId;
        final String email;
        final String topic;
        ProcessInstance instance;
        boolean migrated;
        Date clock;
        List<String> jobs;
        Map<String, String> openTasks;

        Parked(String version, String code, Stop stop, String definitionId) {
            this.version = version;
            this.code = code;
            this.stop = stop;
            this.definitionId = definitionId;
            this.email = "guest-" + version.replace('.', '-') + "-" + code + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 6) + "@partner.example.org";
            this.topic = "Digital triage [" + version + "/" + code + "]";
        }

        /** Checks it waits where it should and records its clock, its jobs (with their due dates) and its tasks. */
        Parked park() {
            assertThat(instance).as("%s instance %s", version, stop.name())
                    .isWaitingAt(stop.waitsAt().toArray(String[]::new));
            clock = ClockUtil.getCurrentTime();
            jobs = jobs(this);
            openTasks = openTasks(this);
            List<String> pendingAt = jobs.stream().map(job -> job.substring(0, job.indexOf(' '))).toList();
            assertThat(pendingAt).as("jobs of the %s instance %s", version, stop.name()).containsAll(stop.jobsAt());
            if (stop.waitsAt().contains(TASK_REVIEW_INTAKE)) {
                // 1.2.0 and later: waiting in the job executor's job before the host's task; before: the task itself
                boolean asyncBefore = ((UserTask) repository.getBpmnModelInstance(definitionId)
                        .getModelElementById(TASK_REVIEW_INTAKE)).isCamundaAsyncBefore();
                assertThat(pendingAt.contains(TASK_REVIEW_INTAKE)).as("job before %s", TASK_REVIEW_INTAKE).isEqualTo(asyncBefore);
                assertThat(openTasks.containsValue(TASK_REVIEW_INTAKE)).as("task %s", TASK_REVIEW_INTAKE).isNotEqualTo(asyncBefore);
            }
            return this;
        }

        @Override
        public String toString() {
            return version + " instance parked " + stop.name() + " (" + code + ", " + topic + ")";
        }
    }

    private List<String> jobs(Parked p) {
        return management.createJobQuery().processInstanceId(p.instance.getId()).list().stream()
                .map(job -> activityOf(job) + " " + (job.getDuedate() == null ? "now" : job.getDuedate().toInstant()))
                .sorted().toList();
    }

    private String activityOf(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    private Map<String, String> openTasks(Parked p) {
        Map<String, String> open = new LinkedHashMap<>();
        tasks.createTaskQuery().processInstanceId(p.instance.getId()).orderByTaskId().asc().list()
                .forEach(t -> open.put(t.getId(), t.getTaskDefinitionKey()));
        return open;
    }

    private String deployedForm(String taskId) {
        return read(forms.getDeployedTaskForm(taskId));
    }

    /** The form a user task binds to, by the current model (form ids have not changed between versions). */
    private static String formRef(String taskKey) {
        UserTask task = CURRENT_MODEL.getModelElementById(taskKey);
        return task.getCamundaFormRef();
    }

    private static final BpmnModelInstance CURRENT_MODEL = Bpmn
            .readModelFromStream(new ByteArrayInputStream(ReleasedVersions.currentBpmn()));

    private static boolean has(BpmnModelInstance model, Stop stop) {
        return stop.waitsAt().stream().allMatch(id -> model.getModelElementById(id) != null);
    }

    /** The model's wait states that need an instance parked in them: user and receive tasks, intermediate timers. */
    private static Set<String> waitStates(BpmnModelInstance model) {
        Set<String> ids = new TreeSet<>();
        for (Class<? extends FlowNode> type : List.of(UserTask.class, ReceiveTask.class, IntermediateCatchEvent.class)) {
            model.getModelElementsByType(type).forEach(node -> ids.add(node.getId()));
        }
        return ids;
    }

    private ProcessDefinition currentDefinition(String tag) {
        List<ProcessDefinition> tagged = repository.createProcessDefinitionQuery().processDefinitionKey(VisitProcess.KEY)
                .versionTag(tag).orderByProcessDefinitionVersion().desc().list();
        assertThat(tagged).as("deployed definitions of version %s", tag).isNotEmpty();
        return tagged.get(0);
    }

    private String startMessageDefinition() {
        return repository.createProcessDefinitionQuery().messageEventSubscriptionName(VisitProcess.Message.VISIT_REQUESTED)
                .singleResult().getId();
    }

    private static void check(List<Throwable> failures, Parked p, String when, Runnable checks) {
        try {
            checks.run();
        } catch (Throwable e) {
            AssertionError failure = new AssertionError(p + ", " + when + ": " + e, e);
            failures.add(failure);
        }
    }

    private static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
