package se.samlarande.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_EVALUATION_DEADLINE_PASSED;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_EVALUATION_REMINDER_DUE;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_HOST_VISIT_OVERDUE;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_INTAKE_DEADLINE_PASSED;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_INTAKE_REMINDER_DUE;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_PRACTICE_FOLLOW_UP_REMINDER_DUE;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_PRACTICE_FOLLOW_UP_UNANSWERED;
import static se.samlarande.process.VisitProcess.Element.END_REQUEST_DECLINED;
import static se.samlarande.process.VisitProcess.Element.END_VISIT_COMPLETED;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_EVALUATION;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_INTAKE;
import static se.samlarande.process.VisitProcess.Element.SUBPROCESS_GUEST_EVALUATION;
import static se.samlarande.process.VisitProcess.Element.TASK_ASSESS_REQUEST;
import static se.samlarande.process.VisitProcess.Element.TASK_EVALUATE_AS_HOST;
import static se.samlarande.process.VisitProcess.Element.TASK_FOLLOW_UP_MISSING_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_FOLLOW_UP_PRACTICE;
import static se.samlarande.process.VisitProcess.Element.TASK_HOLD_SUMMARY_MEETING;
import static se.samlarande.process.VisitProcess.Element.TASK_HOST_VISIT;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_SCHEDULE_SUMMARY_MEETING;
import static se.samlarande.process.VisitProcess.Element.TIMER_SUMMARY_MEETING_HELD;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import se.samlarande.support.Browser;

/**
 * A real upgrade. The previous release's jar ({@link PreviousRelease}: built once from its commit, then kept in the
 * local Maven repository) runs on a PostgreSQL database and leaves visits at every step of the process: waiting for
 * the guests' intake (reminder and deadline timers pending), the host's review task open, the visit being hosted,
 * the evaluations half done, the summary meeting scheduled (its timer pending) and being held, the practice
 * follow-up asked, a visit request being assessed. The node is stopped as an operator stops it (SIGTERM), and this
 * build's jar starts on the same database: it deploys its process, moves every running visit to it, and each
 * instance keeps its timers' due dates and its open tasks' ids. Then every visit is taken to its end with the new
 * jar, the guests answering through the links in the emails the old release sent.
 */
class UpgradeIT {

    private static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /**
     * Both releases run with these. A visit's day starts at midnight, so a visit that begins today is under way at
     * once (its intake deadline passed, its start due); the practice follow-up is asked the day the visit closes;
     * the host's report counts as overdue only two days after the visit. Every other timer keeps its default
     * (days and weeks ahead): the timers pending at the upgrade stay pending throughout.
     */
    private static final List<String> SETTINGS = List.of(
            "--samlarande.timers.visit-day-starts-at=00:00",
            "--samlarande.timers.practice-follow-up-after=P0D",
            "--samlarande.timers.host-overdue-grace=P2D",
            "--samlarande.timers.email-retry-cycle=R3/PT2S");

    @RegisterExtension final NodeLogs logs = new NodeLogs();

    private ClusterDatabase db;
    private MailServer mail;
    private final List<AppNode> nodes = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    /** A visit of the test: its instance, the guests who got its emails, and what the old release left open. */
    record Case(String name, Visits.Visit visit, List<String> guests) {
        String pid() {
            return visit.processInstanceId();
        }
    }

    @BeforeEach
    void setUp() {
        db = ClusterDatabase.start();
        mail = new MailServer();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        nodes.forEach(AppNode::kill);
        if (mail != null) {
            mail.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void runningVisitsMoveToTheNewReleaseKeepTheirTimersAndTasksAndEnd() {
        PreviousRelease.Jar previousJar = PreviousRelease.jar();
        long began = System.nanoTime();

        // --- 1. the previous release leaves visits at every step -----------------------------------------------
        AppNode old = node("release-" + previousJar.commit(), previousJar.path()).startAndAwaitReady();
        long oldReady = System.nanoTime();
        LocalDate later = LocalDate.now(REGION).plusMonths(3);
        LocalDate today = LocalDate.now(REGION);
        Map<String, Case> cases = new LinkedHashMap<>();
        for (String name : List.of("intake", "review")) {
            cases.put(name, register(old, name, later));
        }
        for (String name : List.of("hosting", "evaluations", "meeting-scheduled", "meeting", "follow-up")) {
            cases.put(name, register(old, name, today));
        }
        await("invitations").atMost(Duration.ofSeconds(60)).untilAsserted(() -> cases.values().forEach(c ->
                assertThat(mail.count(c.visit().guest(), "INVITATION")).as(c.name()).isEqualTo(1)));

        Map<String, Runnable> before = new LinkedHashMap<>();
        before.put("intake", () -> await("waiting for intake").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Visits.activities(old, cases.get("intake").pid())).containsExactly(RECEIVE_AWAIT_INTAKE)));
        before.put("review", () -> {
            intake(old, cases.get("review"));
            awaitTask(old, AppNode.HANNA, cases.get("review"), TASK_REVIEW_INTAKE);
        });
        before.put("hosting", () -> {
            Case c = cases.get("hosting");
            proceedWithoutIntake(old, c);
            review(old, c);
            awaitTask(old, AppNode.HANNA, c, TASK_HOST_VISIT);
        });
        before.put("evaluations", () -> {
            Case c = cases.get("evaluations");
            proceedWithoutIntake(old, c);
            // the contact's intake comes late and brings a co-traveller, who is invited
            String coTraveller = "co-traveller@upgrade.example.org";
            Visits.intakeBringing(old, mail, c.visit().guest(), coTraveller);
            c.guests().add(coTraveller);
            review(old, c);
            host(old, c);
            // one guest has evaluated, the other not yet; the host not yet
            evaluate(old, c, c.visit().guest());
            await("one guest's evaluation awaited").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Visits.completed(db, c.pid(), RECEIVE_AWAIT_EVALUATION)).isEqualTo(1);
                // (the guest who answered: their instance of the sub-process, done, until the last guest's is)
                assertThat(Visits.activities(old, c.pid())).containsExactly(RECEIVE_AWAIT_EVALUATION,
                        SUBPROCESS_GUEST_EVALUATION, TASK_EVALUATE_AS_HOST);
            });
        });
        before.put("meeting-scheduled", () -> {
            Case c = cases.get("meeting-scheduled");
            untilSummaryMeetingScheduled(old, c, () -> LocalDateTime.now(REGION).plusDays(2).withNano(0));
            await("waiting for the meeting").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Visits.activities(old, c.pid())).containsExactly(TIMER_SUMMARY_MEETING_HELD));
        });
        before.put("meeting", () -> {
            Case c = cases.get("meeting");
            untilSummaryMeetingScheduled(old, c, UpgradeIT::soon);
            awaitTask(old, AppNode.KIM, c, TASK_HOLD_SUMMARY_MEETING);
        });
        before.put("follow-up", () -> {
            Case c = cases.get("follow-up");
            untilSummaryMeetingScheduled(old, c, UpgradeIT::soon);
            holdMeeting(old, c);
            awaitTask(old, AppNode.HANNA, c, TASK_FOLLOW_UP_PRACTICE);
        });
        inParallel(before);
        cases.put("request", request(old));
        cases.values().forEach(c -> awaitNoAsyncWork(c.pid()));

        // what the old release leaves: each instance's definition, open tasks and timers, as its REST API tells
        Map<String, String> oldDefinitions = new TreeMap<>();
        Map<String, List<String>> tasksBefore = new TreeMap<>();
        Map<String, Map<String, Instant>> timersBefore = new TreeMap<>();
        Map<String, List<Visits.Job>> jobsBefore = new TreeMap<>();
        for (Case c : cases.values()) {
            oldDefinitions.put(c.name(), old.json(AppNode.ADMIN, "/engine-rest/process-instance/" + c.pid())
                    .get("definitionId").asText());
            tasksBefore.put(c.name(), taskIds(old, c));
            timersBefore.put(c.name(), timers(old, c));
            jobsBefore.put(c.name(), Visits.jobs(db, c.pid()));
        }
        assertThat(timersBefore.get("intake").size()).isEqualTo(2);
        assertThat(activitiesOf(jobsBefore, "intake")).containsExactly(BOUNDARY_INTAKE_DEADLINE_PASSED, BOUNDARY_INTAKE_REMINDER_DUE);
        assertThat(activitiesOf(jobsBefore, "review")).isEmpty();
        assertThat(tasksBefore.get("review")).hasSize(1);
        assertThat(activitiesOf(jobsBefore, "hosting")).containsExactly(BOUNDARY_HOST_VISIT_OVERDUE);
        assertThat(activitiesOf(jobsBefore, "evaluations"))
                .containsExactly(BOUNDARY_EVALUATION_DEADLINE_PASSED, BOUNDARY_EVALUATION_REMINDER_DUE);
        assertThat(activitiesOf(jobsBefore, "meeting-scheduled")).containsExactly(TIMER_SUMMARY_MEETING_HELD);
        assertThat(activitiesOf(jobsBefore, "follow-up"))
                .containsExactly(BOUNDARY_PRACTICE_FOLLOW_UP_REMINDER_DUE, BOUNDARY_PRACTICE_FOLLOW_UP_UNANSWERED);
        assertThat(tasksBefore.get("request")).hasSize(1);
        String oldDefinition = oldDefinitions.get("intake");
        assertThat(oldDefinitions).as("every visit on the old release's definition").allSatisfy((name, id) ->
                assertThat(id).isEqualTo(oldDefinition));
        JsonNode oldDefinitionJson = old.json(AppNode.ADMIN, "/engine-rest/process-definition/" + oldDefinition);
        String oldVersionTag = oldDefinitionJson.path("versionTag").asText();
        int oldVersion = oldDefinitionJson.get("version").asInt();
        long builtUp = System.nanoTime();

        // --- 2. the operator stops the old release and starts the new one on the same database ----------------
        assertThat(old.stop()).as("the old release stops by itself on SIGTERM").isTrue();
        cases.values().forEach(c -> assertThat(Visits.jobs(db, c.pid())).as("%s after the stop", c.name())
                .isEqualTo(jobsBefore.get(c.name())));
        long stopped = System.nanoTime();
        AppNode current = node("current", null).startAndAwaitReady();

        JsonNode definitions = current.json(AppNode.ADMIN,
                "/engine-rest/process-definition?key=visit&sortBy=version&sortOrder=desc&maxResults=20");
        JsonNode latest = definitions.get(0);
        String currentVersionTag = currentVersionTag();
        assertThat(latest.path("versionTag").asText()).as("the newest definition is this build's bpmn/visit.bpmn")
                .isEqualTo(currentVersionTag);
        String target = latest.get("id").asText();
        boolean processChanged = latest.get("version").asInt() > oldVersion;
        if (processChanged) {
            assertThat(VersionOrder.compare(currentVersionTag, oldVersionTag))
                    .as("a changed process carries a higher versionTag (%s, the release has %s)", currentVersionTag,
                            oldVersionTag).isPositive();
            await("every running visit on the new definition").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    cases.values().forEach(c -> assertThat(definitionOf(current, c)).as(c.name()).isEqualTo(target)));
        } else {
            // the process did not change between the releases: nothing was deployed, nothing is migrated
            assertThat(target).isEqualTo(oldDefinition);
            System.out.println("UpgradeIT: the process did not change since release " + previousJar.commit() + " ("
                    + oldVersionTag + "): nothing to migrate");
        }
        long migrated = System.nanoTime();
        for (Case c : cases.values()) {
            assertThat(definitionOf(current, c)).as(c.name()).isEqualTo(target);
            assertThat(timers(current, c)).as("%s: the same timer jobs with the same due dates", c.name())
                    .isEqualTo(timersBefore.get(c.name()));
            assertThat(activitiesOf(Visits.jobs(db, c.pid()))).as(c.name()).isEqualTo(activitiesOf(jobsBefore, c.name()));
            assertThat(taskIds(current, c)).as("%s: the same open tasks", c.name()).isEqualTo(tasksBefore.get(c.name()));
            for (JsonNode task : current.json(AppNode.ADMIN, "/engine-rest/task?processInstanceId=" + c.pid() + "&maxResults=50")) {
                assertThat(task.get("processDefinitionId").asText()).as("%s's task", c.name()).isEqualTo(target);
            }
            for (JsonNode job : current.json(AppNode.ADMIN, "/engine-rest/job?processInstanceId=" + c.pid() + "&maxResults=50")) {
                assertThat(job.get("processDefinitionId").asText()).as("%s's job", c.name()).isEqualTo(target);
            }
        }
        if (processChanged) {
            assertThat(db.count("SELECT COUNT(*) FROM sl_process_migration WHERE outcome = 'REFUSED'"))
                    .as("refused migrations").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM sl_process_migration WHERE outcome = 'MIGRATED' AND target_definition_id = ?",
                    target)).as("migrations recorded").isEqualTo(cases.size());
            // the log: one line per instance, then the run's sum (the line an operator waits for before starting more nodes)
            cases.values().forEach(c -> assertThat(current.logLinesContaining("Process migration: instance " + c.pid()))
                    .as("%s's migration logged", c.name()).isEqualTo(1));
            assertThat(current.logLinesContaining("Process migration to " + currentVersionTag + " (definition version "
                    + latest.get("version").asInt() + ") done: " + cases.size() + " migrated, 0 refused"))
                    .as("the migration's log line").isEqualTo(1);
            assertMigrationsPage(current, oldVersion, oldVersionTag, latest.get("version").asInt(), currentVersionTag,
                    cases.size());
        }
        assertThat(Visits.incidents(db)).isZero();

        // --- 3. every visit goes to its end on the new release --------------------------------------------------
        Map<String, Runnable> after = new LinkedHashMap<>();
        after.put("intake", () -> {
            Case c = cases.get("intake");
            intake(current, c); // through the link of the invitation the old release sent
            review(current, c);
            rescheduleToToday(current, c);
            fromHosting(current, c);
        });
        after.put("review", () -> {
            Case c = cases.get("review");
            assertThat(awaitTask(current, AppNode.HANNA, c, TASK_REVIEW_INTAKE).get("id").asText())
                    .isEqualTo(tasksBefore.get("review").get(0));
            review(current, c);
            rescheduleToToday(current, c);
            fromHosting(current, c);
        });
        after.put("hosting", () -> fromHosting(current, cases.get("hosting")));
        after.put("evaluations", () -> {
            Case c = cases.get("evaluations");
            evaluate(current, c, c.guests().get(1)); // through the link of the old release's email
            evaluateAsHost(current, c);
            fromScheduling(current, c);
        });
        after.put("meeting-scheduled", () -> {
            Case c = cases.get("meeting-scheduled");
            // the meeting's day comes: its timer, due in two days, is brought to now
            String job = timersBefore.get(c.name()).keySet().iterator().next();
            AppNode.Response moved = current.put(AppNode.ADMIN, "/engine-rest/job/" + job + "/duedate",
                    Map.of("duedate", REST_DATE.format(OffsetDateTime.now(REGION))));
            assertThat(moved.status()).as(moved.body()).isEqualTo(204);
            fromMeeting(current, c);
        });
        after.put("meeting", () -> fromMeeting(current, cases.get("meeting")));
        after.put("follow-up", () -> followUpPractice(current, cases.get("follow-up")));
        after.put("request", () -> {
            Case c = cases.get("request");
            submit(current, AppNode.KIM, awaitTask(current, AppNode.KIM, c, TASK_ASSESS_REQUEST), Map.of(
                    "requestDecision", Visits.value("decline"), "declineReason", Visits.value("Fully booked this year")));
            await("the decline").atMost(Duration.ofSeconds(30)).until(() -> mail.count(c.visit().guest(), "REQUEST_DECLINED") == 1);
        });
        inParallel(after);
        long finished = System.nanoTime();

        // every process instance ended, on the new definition, where a visit ends
        for (Case c : cases.values()) {
            await(c.name() + " ended").atMost(Duration.ofSeconds(30)).until(() -> current.json(AppNode.ADMIN,
                    "/engine-rest/history/process-instance?finished=true&maxResults=10&processInstanceId=" + c.pid()).size() == 1);
            JsonNode ended = current.json(AppNode.ADMIN, "/engine-rest/history/process-instance/" + c.pid());
            assertThat(ended.get("state").asText()).as(c.name()).isEqualTo("COMPLETED");
            String end = c.name().equals("request") ? END_REQUEST_DECLINED : END_VISIT_COMPLETED;
            assertThat(current.json(AppNode.ADMIN, "/engine-rest/history/activity-instance/count?processInstanceId="
                    + c.pid() + "&activityId=" + end).get("count").asLong()).as("%s ended at %s", c.name(), end).isEqualTo(1);
            assertThat(ended.get("processDefinitionId").asText()).as(c.name()).isEqualTo(target);
        }
        assertThat(current.json(AppNode.ADMIN, "/engine-rest/history/process-instance/count?unfinished=true")
                .get("count").asLong()).isZero();
        assertThat(Visits.incidents(db)).isZero();

        // each guest got each email once, whichever release sent it
        for (Case c : cases.values()) {
            if (c.name().equals("request")) {
                continue;
            }
            for (String guest : c.guests()) {
                for (String kind : List.of("INVITATION", "CONFIRMATION", "EVALUATION_REQUEST", "SUMMARY_INVITATION")) {
                    assertThat(mail.count(guest, kind)).as("%s emails to %s (%s)", kind, guest, c.name()).isEqualTo(1);
                }
                assertThat(mail.count(guest, "RESCHEDULED")).as("new dates to %s", guest)
                        .isEqualTo(c.name().equals("intake") || c.name().equals("review") ? 1 : 0);
                assertThat(mail.count(guest, "INTAKE_REMINDER") + mail.count(guest, "EVALUATION_REMINDER")
                        + mail.count(guest, "CANCELLATION")).as("reminders or cancellations to %s", guest).isZero();
            }
        }
        mail.countsByKey().forEach((key, times) -> assertThat(times).as("times %s was received", key).isEqualTo(1));

        System.out.printf("UpgradeIT: release %s (%s) -> this build (%s)%s; %d visits; the previous jar %s; old node "
                        + "ready in %d s, visits left at their steps in %d s, stop %d s, new node ready and migrated in "
                        + "%d s, every visit to its end in %d s; %d s in all (the jar aside)%n",
                previousJar.commit(), oldVersionTag, currentVersionTag, processChanged ? "" : " (process unchanged)",
                cases.size(), previousJar.built().isZero() ? "from the local repository"
                        : "built in " + previousJar.built().toSeconds() + " s",
                seconds(began, oldReady), seconds(oldReady, builtUp), seconds(builtUp, stopped),
                seconds(stopped, migrated), seconds(migrated, finished), seconds(began, System.nanoTime()));
    }

    // --- the visits' steps, over the nodes' REST API and pages, as staff and guests do -------------------------

    private Case register(AppNode node, String name, LocalDate from) {
        Visits.Visit visit = Visits.register(node, AppNode.KIM, "Upgrade " + name, from, from.plusDays(1),
                "guest-" + name + "@upgrade.example.org");
        return new Case(name, visit, new java.util.concurrent.CopyOnWriteArrayList<>(List.of(visit.guest())));
    }

    /** A request from the public request page, waiting for its assessment. */
    private Case request(AppNode node) {
        String email = "request@upgrade.example.org";
        GuestBrowser visitor = new GuestBrowser(node);
        assertThat(visitor.get("/request?lang=en").statusCode()).isEqualTo(200);
        HttpResponse<String> sent = visitor.postJson("/request?lang=en", """
                {"values": {"organisation": "NHS Fife", "partnerLevel": "INTERNATIONAL", "contactName": "Ewan Reid",
                            "contactEmail": "%s", "contactLanguage": "EN", "hostUnitWish": "A health centre",
                            "whatToSee": "Video triage", "preferredPeriods": "Spring", "groupSize": 3}}""".formatted(email));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        await("the request's assessment").atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            node.json(AppNode.KIM, "/engine-rest/task?taskDefinitionKey=" + TASK_ASSESS_REQUEST + "&maxResults=10")
                    .forEach(found::add);
            return found.size() == 1;
        });
        String pid = found.get(0).get("processInstanceId").asText();
        return new Case("request", new Visits.Visit(pid, null, email), List.of(email));
    }

    private void intake(AppNode node, Case c) {
        GuestBrowser guest = new GuestBrowser(node);
        assertThat(guest.open(mail.linkPath(c.visit().guest(), "INVITATION"), "intake")).isEqualTo(200);
        HttpResponse<String> posted = guest.postJson("/guest/intake", Visits.VALID_INTAKE);
        assertThat(posted.statusCode()).as("%s's intake on %s: %s", c.name(), node, posted.body()).isEqualTo(200);
    }

    private void proceedWithoutIntake(AppNode node, Case c) {
        // the visit begins today: its intake deadline passed at once, the coordinator goes on without
        submit(node, AppNode.KIM, awaitTask(node, AppNode.KIM, c, TASK_FOLLOW_UP_MISSING_INTAKE),
                Map.of("followUpDecision", Visits.value("proceed")));
    }

    private void review(AppNode node, Case c) {
        submit(node, AppNode.HANNA, awaitTask(node, AppNode.HANNA, c, TASK_REVIEW_INTAKE),
                Map.of("programme", Visits.value("Dag 1: triage")));
        await(c.name() + ": confirmations").atMost(Duration.ofSeconds(30)).untilAsserted(() -> c.guests().forEach(g ->
                assertThat(mail.count(g, "CONFIRMATION")).as(g).isEqualTo(1)));
    }

    /** The coordinator moves the visit to today on its page: its start comes due, the host's work begins. */
    private void rescheduleToToday(AppNode node, Case c) {
        LocalDate today = LocalDate.now(REGION);
        Browser kim = signedIn(node, AppNode.KIM);
        assertThat(kim.get("/app/visits/" + c.visit().reference()).statusCode()).isEqualTo(200);
        HttpResponse<String> moved = kim.postForm("/app/visits/" + c.visit().reference() + "/reschedule",
                "dateFrom=" + today + "&dateTo=" + today.plusDays(1));
        assertThat(moved.statusCode()).as("%s rescheduled: %s", c.name(), moved.body()).isEqualTo(302);
        await(c.name() + ": new dates").atMost(Duration.ofSeconds(30)).until(() -> mail.count(c.visit().guest(), "RESCHEDULED") == 1);
    }

    /** A member of staff signed in on the node's login page (the same browser as the app's own tests use). */
    private static Browser signedIn(AppNode node, AppNode.User user) {
        Browser browser = new Browser(node.port());
        String next = browser.signIn(user.id(), user.password());
        assertThat(next).as("%s signs in on %s", user.id(), node).isNotEmpty().doesNotContain("error");
        return browser;
    }

    private void host(AppNode node, Case c) {
        submit(node, AppNode.HANNA, awaitTask(node, AppNode.HANNA, c, TASK_HOST_VISIT),
                Map.of("attendance", Map.of("value", c.guests().size(), "type", "Long")));
        await(c.name() + ": evaluation requests").atMost(Duration.ofSeconds(30)).untilAsserted(() -> c.guests().forEach(g ->
                assertThat(mail.count(g, "EVALUATION_REQUEST")).as(g).isEqualTo(1)));
        await(c.name() + ": evaluations awaited").atMost(Duration.ofSeconds(30)).until(() -> Visits.activities(node, c.pid())
                .stream().filter(RECEIVE_AWAIT_EVALUATION::equals).count() == c.guests().size());
        awaitNoAsyncWork(c.pid());
    }

    private void evaluate(AppNode node, Case c, String guestEmail) {
        GuestBrowser guest = new GuestBrowser(node);
        assertThat(guest.open(mail.linkPath(guestEmail, "EVALUATION_REQUEST"), "evaluation")).isEqualTo(200);
        HttpResponse<String> posted = guest.postJson("/guest/evaluation", "{\"values\": {\"score\": \"5\", \"wentWell\": \"Allt\"}}");
        assertThat(posted.statusCode()).as("%s's evaluation by %s: %s", c.name(), guestEmail, posted.body()).isEqualTo(200);
    }

    private void evaluateAsHost(AppNode node, Case c) {
        submit(node, AppNode.HANNA, awaitTask(node, AppNode.HANNA, c, TASK_EVALUATE_AS_HOST), Map.of("hostScore", Visits.value("5")));
    }

    /** @param at when the meeting is, asked for when the task is there */
    private void scheduleMeeting(AppNode node, Case c, Supplier<LocalDateTime> at) {
        JsonNode task = awaitTask(node, AppNode.KIM, c, TASK_SCHEDULE_SUMMARY_MEETING);
        submit(node, AppNode.KIM, task, Map.of("summaryMeetingTime", Visits.value(at.get().toString()), "summaryMeetingPlace", Visits.value("Rum 3")));
        await(c.name() + ": summary meeting invitations").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                c.guests().forEach(g -> assertThat(mail.count(g, "SUMMARY_INVITATION")).as(g).isEqualTo(1)));
    }

    private void holdMeeting(AppNode node, Case c) {
        submit(node, AppNode.KIM, awaitTask(node, AppNode.KIM, c, TASK_HOLD_SUMMARY_MEETING), Map.of(
                "purposeMet", Visits.value("PARTLY"), "learned", Visits.value("Triage i väntrummet"),
                "introduceInPractice", Visits.value("Sjuksköterska i entrén"),
                "publishOnBlog", Map.of("value", false, "type", "Boolean")));
    }

    private void followUpPractice(AppNode node, Case c) {
        submit(node, AppNode.HANNA, awaitTask(node, AppNode.HANNA, c, TASK_FOLLOW_UP_PRACTICE), Map.of(
                "introduced", Visits.value("YES"), "whatWasIntroduced", Visits.value("Sjuksköterska i entrén dagtid"),
                "effect", Visits.value("Kortare väntan till triage")));
    }

    /** From a registered visit that begins today to its summary meeting scheduled at that time. */
    private void untilSummaryMeetingScheduled(AppNode node, Case c, Supplier<LocalDateTime> at) {
        proceedWithoutIntake(node, c);
        review(node, c);
        host(node, c);
        evaluate(node, c, c.visit().guest());
        evaluateAsHost(node, c);
        scheduleMeeting(node, c, at);
    }

    private void fromHosting(AppNode node, Case c) {
        host(node, c);
        c.guests().forEach(g -> evaluate(node, c, g));
        evaluateAsHost(node, c);
        fromScheduling(node, c);
    }

    private void fromScheduling(AppNode node, Case c) {
        scheduleMeeting(node, c, UpgradeIT::soon);
        fromMeeting(node, c);
    }

    private void fromMeeting(AppNode node, Case c) {
        holdMeeting(node, c);
        followUpPractice(node, c);
    }

    /** A summary meeting a few seconds from now: in the future when scheduled, its timer due right after. */
    private static LocalDateTime soon() {
        return LocalDateTime.now(REGION).plusSeconds(4).withNano(0);
    }

    // --- reading the engine --------------------------------------------------------------------------------

    private JsonNode awaitTask(AppNode node, AppNode.User user, Case c, String taskKey) {
        List<JsonNode> found = new ArrayList<>();
        await(c.name() + ": " + taskKey).atMost(Duration.ofSeconds(45)).until(() -> {
            found.clear();
            found.addAll(Visits.tasks(node, user, c.pid(), taskKey));
            return found.size() == 1;
        });
        awaitNoAsyncWork(c.pid());
        return found.get(0);
    }

    private static void submit(AppNode node, AppNode.User user, JsonNode task, Map<String, Object> variables) {
        AppNode.Response response = node.post(user, "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of("variables", variables));
        assertThat(response.status()).as("%s on %s: %s", task.get("taskDefinitionKey"), node, response.body()).isEqualTo(204);
    }

    /** Until no asynchronous continuation of the instance (an email job, a task's creation) is left to run. */
    private void awaitNoAsyncWork(String processInstanceId) {
        await("no asynchronous jobs left").atMost(Duration.ofSeconds(40)).until(() -> db.count(
                "SELECT COUNT(*) FROM act_ru_job WHERE process_instance_id_ = ? AND type_ = 'message'", processInstanceId) == 0);
    }

    private static String definitionOf(AppNode node, Case c) {
        return node.json(AppNode.ADMIN, "/engine-rest/process-instance/" + c.pid()).get("definitionId").asText();
    }

    private static List<String> taskIds(AppNode node, Case c) {
        List<String> ids = new ArrayList<>();
        node.json(AppNode.ADMIN, "/engine-rest/task?processInstanceId=" + c.pid() + "&maxResults=50")
                .forEach(t -> ids.add(t.get("id").asText()));
        return ids.stream().sorted().toList();
    }

    /** The instance's timer jobs, id to due date, as {@code /engine-rest/job} lists them. */
    private static Map<String, Instant> timers(AppNode node, Case c) {
        Map<String, Instant> timers = new TreeMap<>();
        node.json(AppNode.ADMIN, "/engine-rest/job?timers=true&processInstanceId=" + c.pid() + "&maxResults=50")
                .forEach(j -> timers.put(j.get("id").asText(), OffsetDateTime.parse(j.get("dueDate").asText(), REST_DATE).toInstant()));
        return timers;
    }

    private static List<String> activitiesOf(Map<String, List<Visits.Job>> jobs, String name) {
        return activitiesOf(jobs.get(name));
    }

    private static List<String> activitiesOf(List<Visits.Job> jobs) {
        return jobs.stream().map(Visits.Job::activityId).sorted().toList();
    }

    /** The versionTag of this build's process (bpmn/visit.bpmn on the classpath, as the jar carries it). */
    private static String currentVersionTag() {
        try (InputStream in = UpgradeIT.class.getResourceAsStream("/bpmn/visit.bpmn")) {
            assertThat(in).as("bpmn/visit.bpmn on the test classpath").isNotNull();
            Matcher m = Pattern.compile("<bpmn:process id=\"visit\"[^>]*camunda:versionTag=\"([^\"]+)\"")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(m.find()).as("a versionTag on the visit process").isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The staff page of migrations ({@code /app/migrations}): no visit left on an older version, the old definition
     * with no running visit, every one on the new, the moves listed.
     */
    private static void assertMigrationsPage(AppNode node, int oldVersion, String oldTag, int newVersion, String newTag,
            int running) {
        HttpResponse<String> page = signedIn(node, AppNode.ADMIN).get("/app/migrations");
        assertThat(page.statusCode()).as("/app/migrations for the admin").isEqualTo(200);
        String html = page.body();
        assertThat(html).as("no refusal listed").contains("Inga: varje pågående besök som kunde flyttas är flyttat.")
                .doesNotContain("Försök igen");
        assertThat(html).as("the old version, no visit running on it").containsPattern(Pattern.compile(
                "<td>" + oldVersion + "</td>\\s*<td>" + Pattern.quote(oldTag) + "</td>\\s*<td>0</td>"));
        assertThat(html).as("the new version, every visit on it").containsPattern(Pattern.compile(
                "<td>" + newVersion + "</td>\\s*<td>" + Pattern.quote(newTag) + "</td>\\s*<td>" + running + "</td>\\s*<td>Aktuell</td>"));
        assertThat(html).as("the moves listed").contains("<td>" + oldVersion + " (" + oldTag + ")</td>")
                .contains("<td>" + newVersion + " (" + newTag + ")</td>");
    }

    // --- running the steps -----------------------------------------------------------------------------------

    private AppNode node(String name, java.nio.file.Path jar) {
        AppNode node = logs.watch(new AppNode(name, db, mail, SETTINGS, jar));
        nodes.add(node);
        return node;
    }

    /** Runs each visit's steps in a thread of its own; fails with every visit's failure. */
    private void inParallel(Map<String, Runnable> steps) {
        Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
        steps.forEach((name, step) -> running.put(name, CompletableFuture.runAsync(step, pool)));
        List<String> failures = new ArrayList<>();
        AssertionError first = null;
        for (var entry : running.entrySet()) {
            try {
                entry.getValue().join();
            } catch (CompletionException e) {
                failures.add(entry.getKey() + ": " + e.getCause());
                if (first == null) {
                    first = new AssertionError(entry.getKey() + " failed", e.getCause());
                }
            }
        }
        if (first != null) {
            failures.forEach(System.err::println);
            throw first;
        }
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }

    /** Semantic versions (1.2.0 < 1.10.0), compared number by number. */
    static final class VersionOrder {
        static int compare(String a, String b) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                int p = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "")) : 0;
                int q = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "")) : 0;
                if (p != q) {
                    return Integer.compare(p, q);
                }
            }
            return 0;
        }
    }
}
