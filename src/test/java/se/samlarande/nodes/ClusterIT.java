package se.samlarande.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_INTAKE_DEADLINE_PASSED;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_EVALUATION;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_EVALUATE_AS_HOST;
import static se.samlarande.process.VisitProcess.Element.TASK_FOLLOW_UP_MISSING_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_HOST_VISIT;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_SEND_INTAKE_REMINDER;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two application nodes, two processes with a job executor each, on one PostgreSQL database and one SMTP server:
 * visits registered on one node are worked on the other; a batch of due reminders is shared by both job executors
 * and every reminder reaches its guest once; and two nodes acting on the same visit at the same moment (a message
 * correlated twice, a task completed twice, two guests' evaluations completing the same multi-instance) end with
 * one correlation, one completion, every answer stored.
 */
class ClusterIT {

    private static final String EVALUATION_JOIN = "Gateway_EvaluationJoin";
    private static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    private static final int REMINDED = 8;
    private static final int EVALUATED = 3;
    /**
     * Two intake reminders, 10 s apart; email retries every 2 s. Each job executor takes two jobs at a time and runs
     * two at once, so a node cannot take a whole batch of due jobs for itself; no node dies here, so a lock lasts
     * 30 s, well above any job.
     */
    private static final List<String> SETTINGS = List.of(
            "--samlarande.timers.intake-reminder-cycle=R2/PT10S",
            "--samlarande.timers.email-retry-cycle=R3/PT2S",
            "--camunda.bpm.job-execution.max-jobs-per-acquisition=2",
            "--camunda.bpm.job-execution.core-pool-size=2",
            "--camunda.bpm.job-execution.max-pool-size=2",
            "--camunda.bpm.job-execution.queue-capacity=2",
            "--camunda.bpm.job-execution.lock-time-in-millis=30000",
            // a first day must be today or later: the visits under way begin today at midnight, so their start is due
            "--samlarande.timers.visit-day-starts-at=00:00");

    @RegisterExtension final NodeLogs logs = new NodeLogs();

    private ClusterDatabase db;
    private MailServer mail;
    private AppNode a;
    private AppNode b;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void setUp() {
        db = ClusterDatabase.start();
        mail = new MailServer();
        a = logs.watch(new AppNode("node-a", db, mail, SETTINGS));
        b = logs.watch(new AppNode("node-b", db, mail, SETTINGS));
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        for (AppNode node : List.of(a, b)) {
            node.kill();
        }
        mail.close();
        db.close();
    }

    @Test
    void twoNodesShareTheWorkSendEveryReminderOnceAndSettleConflicts() {
        long began = System.nanoTime();
        // The first node creates the schema; the second joins it.
        a.startAndAwaitReady();
        b.startAndAwaitReady();
        // Each email takes about a second (every SMTP reply waits 150 ms), so a batch of jobs spreads over both nodes.
        mail.replyDelay(Duration.ofMillis(150));

        // --- visits registered on node A ------------------------------------------------------------------------
        LocalDate later = LocalDate.now(REGION).plusMonths(3);
        List<Visits.Visit> reminded = IntStream.range(0, REMINDED).mapToObj(i -> Visits.register(a, AppNode.KIM,
                "Cluster " + i, later, later.plusDays(1), "guest-" + i + "@cluster.example.org")).toList();
        // visits that begin today: their intake deadline and start are due at once
        LocalDate today = LocalDate.now(REGION);
        List<Visits.Visit> evaluated = IntStream.range(0, EVALUATED).mapToObj(i -> Visits.register(a, AppNode.KIM,
                "Under way " + i, today, today, "contact-" + i + "@cluster.example.org")).toList();
        await("invitations").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            reminded.forEach(v -> assertThat(mail.count(v.guest(), "INVITATION")).as(v.guest()).isEqualTo(1));
            evaluated.forEach(v -> assertThat(mail.count(v.guest(), "INVITATION")).as(v.guest()).isEqualTo(1));
        });

        // --- the visits under way are worked on node B, and two guests evaluate at the same moment ---------------
        for (int i = 0; i < EVALUATED; i++) {
            runUntilEvaluation(evaluated.get(i), "co-" + i + "@cluster.example.org");
        }

        // --- every reminder went out once, shared by both job executors -------------------------------------------
        await("both reminder rounds done and delivered").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            reminded.forEach(v -> assertThat(Visits.jobs(db, v.processInstanceId())).extracting(Visits.Job::activityId)
                    .as("only the deadline is left to wait for").containsExactly(BOUNDARY_INTAKE_DEADLINE_PASSED));
            assertThat(db.count("SELECT COUNT(*) FROM sl_email WHERE state <> 'SENT'")).isZero();
        });
        for (Visits.Visit v : reminded) {
            assertThat(Visits.completed(db, v.processInstanceId(), TASK_SEND_INTAKE_REMINDER)).as("reminder rounds").isEqualTo(2);
            assertThat(mail.count(v.guest(), "INTAKE_REMINDER")).as("reminders to %s", v.guest()).isEqualTo(2);
            assertThat(mail.sendings(v.guest(), "INTAKE_REMINDER")).isEqualTo(2);
        }
        mail.countsByKey().forEach((key, times) -> assertThat(times).as("times %s was received", key).isEqualTo(1));
        Map<String, Object> reminderHosts = new TreeMap<>();
        db.rows("""
                SELECT hostname_, COUNT(*) AS jobs FROM act_hi_job_log WHERE act_id_ = ? AND job_state_ = 2
                GROUP BY hostname_""", TASK_SEND_INTAKE_REMINDER).forEach(r -> reminderHosts.put((String) r.get("hostname_"), r.get("jobs")));
        assertThat(reminderHosts).as("reminder jobs run by each node").containsOnlyKeys("node-a", "node-b");

        // --- the same message correlated on both nodes at the same moment: one correlation, the other refused ------
        Map<String, Integer> refusals = new TreeMap<>();
        for (Visits.Visit v : reminded) {
            Map<String, Object> message = Map.of("messageName", "IntakeSubmitted", "businessKey", v.reference());
            List<AppNode.Response> answers = atTheSameMoment(
                    () -> a.post(AppNode.ADMIN, "/engine-rest/message", message),
                    () -> b.post(AppNode.ADMIN, "/engine-rest/message", message));
            assertThat(answers).as("answers for %s", v.reference()).filteredOn(AppNode.Response::ok).hasSize(1);
            AppNode.Response refused = answers.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            // The loser collided with the winner (optimistic locking), or came just after it and found nothing
            // waiting, or read the execution the winner had just removed (the engine then fails otherwise); in every
            // case its transaction is rolled back.
            assertThat(refused.status()).as(refused.body()).isBetween(400, 599);
            refusals.merge(refused.body().contains("OptimisticLockingException") ? "optimistic locking"
                    : refused.body().contains("Cannot correlate message")
                            || refused.body().contains("does not have a subscription") ? "nothing waiting"
                            : refused.json().path("type").asText("error"), 1, Integer::sum);
            assertThat(Visits.activities(b, v.processInstanceId())).containsExactly(TASK_REVIEW_INTAKE);
            assertThat(Visits.completed(db, v.processInstanceId(), RECEIVE_AWAIT_INTAKE)).isEqualTo(1);
        }

        assertThat(Visits.incidents(db)).isZero();
        String retried = "An answer lost to a concurrent move";
        System.out.printf("ClusterIT: reminders sent by %s; the losers of %d message races refused by %s; "
                + "%d of %d evaluation races retried after optimistic locking; %d s%n", reminderHosts, REMINDED, refusals, a.logLinesContaining(retried) + b.logLinesContaining(retried), EVALUATED,
                Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    /**
     * A visit that has already begun, from the missed intake deadline to the guests' evaluations: the work on node
     * B, the guests on either node; the review task completed on both nodes at once, and the two guests'
     * evaluations posted on both nodes at once.
     */
    private void runUntilEvaluation(Visits.Visit visit, String coTraveller) {
        String pid = visit.processInstanceId();
        // the deadline passed at once: the coordinator goes on without intake, on node B
        JsonNode followUp = awaitTask(b, AppNode.KIM, pid, TASK_FOLLOW_UP_MISSING_INTAKE);
        submit(b, AppNode.KIM, followUp, Map.of("followUpDecision", Visits.value("proceed")));

        // the contact guest's intake arrives late, on node A, and brings a co-traveller, who is invited
        Visits.intakeBringing(a, mail, visit.guest(), coTraveller);

        // the host completes the review on both nodes at the same moment: one completion, one confirmation each.
        // (Each race here is between the two nodes' requests alone: the test lets the visit's jobs finish first.)
        JsonNode review = awaitTask(b, AppNode.HANNA, pid, TASK_REVIEW_INTAKE);
        awaitNoAsyncWork(pid);
        Map<String, Object> programme = Map.of("variables", Map.of("programme", Visits.value("Dag 1: triage")));
        String path = "/engine-rest/task/" + review.get("id").asText() + "/submit-form";
        List<AppNode.Response> completions = atTheSameMoment(() -> a.post(AppNode.HANNA, path, programme),
                () -> b.post(AppNode.HANNA, path, programme));
        assertThat(completions).as("the same task completed on both nodes").filteredOn(AppNode.Response::ok).hasSize(1);
        assertThat(Visits.completed(db, pid, TASK_REVIEW_INTAKE)).isEqualTo(1);

        // the visit has begun: the host reports, on node B; each guest is asked to evaluate
        JsonNode hosting = awaitTask(b, AppNode.HANNA, pid, TASK_HOST_VISIT);
        awaitNoAsyncWork(pid);
        submit(b, AppNode.HANNA, hosting, Map.of("attendance", Map.of("value", 3, "type", "Long")));
        await("evaluation requests").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mail.count(visit.guest(), "EVALUATION_REQUEST")).isEqualTo(1);
            assertThat(mail.count(coTraveller, "EVALUATION_REQUEST")).isEqualTo(1);
        });
        assertThat(mail.count(visit.guest(), "CONFIRMATION")).isEqualTo(1);
        assertThat(mail.count(coTraveller, "CONFIRMATION")).isEqualTo(1);

        // both guests send their evaluation at the same moment, one on each node: both are stored and both count.
        // (The email goes out just before its job commits the wait for the answer: a guest who answered within that
        // moment would find nothing waiting yet. People are slower than that; the test waits for the process.)
        await("both evaluations awaited").atMost(Duration.ofSeconds(30)).until(() -> Visits.activities(a, pid).stream()
                .filter(RECEIVE_AWAIT_EVALUATION::equals).count() == 2);
        awaitNoAsyncWork(pid);
        GuestBrowser first = new GuestBrowser(a);
        GuestBrowser second = new GuestBrowser(b);
        assertThat(first.open(mail.linkPath(visit.guest(), "EVALUATION_REQUEST"), "evaluation")).isEqualTo(200);
        assertThat(second.open(mail.linkPath(coTraveller, "EVALUATION_REQUEST"), "evaluation")).isEqualTo(200);
        List<HttpResponse<String>> posted = atTheSameMoment(
                () -> first.postJson("/guest/evaluation", "{\"values\": {\"score\": \"5\", \"wentWell\": \"Allt\"}}"),
                () -> second.postJson("/guest/evaluation", "{\"values\": {\"score\": \"4\", \"wentWell\": \"Mycket\"}}"));
        assertThat(posted).extracting(HttpResponse::statusCode).as("both evaluations accepted").containsExactly(200, 200);
        assertThat(db.jdbc().queryForList("""
                SELECT p.email FROM sl_evaluation e JOIN sl_participant p ON p.id = e.participant_id
                JOIN sl_visit v ON v.id = e.visit_id WHERE v.reference = ? ORDER BY p.email""", String.class,
                visit.reference())).containsExactlyInAnyOrder(visit.guest(), coTraveller);
        assertThat(Visits.completed(db, pid, RECEIVE_AWAIT_EVALUATION)).as("both guests' evaluations awaited no more").isEqualTo(2);
        assertThat(Visits.activities(a, pid)).as("the guests' branch waits at the join for the host's evaluation")
                .containsExactly(EVALUATION_JOIN, TASK_EVALUATE_AS_HOST);
    }

    private JsonNode awaitTask(AppNode node, AppNode.User user, String processInstanceId, String taskKey) {
        List<JsonNode> found = new ArrayList<>();
        await(taskKey).atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            found.addAll(Visits.tasks(node, user, processInstanceId, taskKey));
            return found.size() == 1;
        });
        return found.get(0);
    }

    /** Until no asynchronous continuation of the instance (an email job) is left to run. */
    private void awaitNoAsyncWork(String processInstanceId) {
        await("no email jobs left").atMost(Duration.ofSeconds(40)).until(() -> db.count(
                "SELECT COUNT(*) FROM act_ru_job WHERE process_instance_id_ = ? AND type_ = 'message'", processInstanceId) == 0);
    }

    private static void submit(AppNode node, AppNode.User user, JsonNode task, Map<String, Object> variables) {
        AppNode.Response response = node.post(user, "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of("variables", variables));
        assertThat(response.status()).as("%s on %s: %s", task.get("taskDefinitionKey"), node, response.body()).isEqualTo(204);
    }

    /** Runs both at once (released together from a barrier) and returns their results in order. */
    @SafeVarargs
    private <T> List<T> atTheSameMoment(Supplier<T>... actions) {
        CyclicBarrier barrier = new CyclicBarrier(actions.length);
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (Supplier<T> action : actions) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return action.get();
            }, pool));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }
}
