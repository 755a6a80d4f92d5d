package se.samlarande.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_EVALUATION;
import static se.samlarande.process.VisitProcess.Element.TASK_ASSESS_REQUEST;
import static se.samlarande.process.VisitProcess.Element.TASK_HOST_VISIT;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TIMER_VISIT_STARTS;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Durable before acknowledged, on the embedded default (the app's own H2 file URL): the app process is killed with
 * SIGKILL the moment it has answered the last of a few writes, 20 times, and each time the database files as the
 * dead process left them hold every write it acknowledged; started again on them, the process goes on from each.
 * <p>
 * Rounds of {@value #PER_ROUND} visits go through the writes a guest or a member of staff is told are done: the
 * guest's intake with a co-traveller (added through the {@code GuestAdded} correlation), the host's review task and
 * the hosting task completed over the REST API (as Tasklist does), the guest's evaluation, a guest's blog post, and
 * visit requests from the public request page.
 */
class DurableAnswersIT {

    private static final Logger log = LoggerFactory.getLogger(DurableAnswersIT.class);
    private static final int ROUNDS = 4;
    private static final int PER_ROUND = 4;
    private static final String INTAKE = """
            {"values": {"goalsAndPurpose": "Goals of %s", "improvementWork": "Work of %s", "confidentialityAccepted": true,
                        "coTravellers": [{"name": "Co Traveller", "email": "%s", "language": "EN"}]}}""";

    @RegisterExtension final NodeLogs logs = new NodeLogs();

    private final H2FileDatabase db = new H2FileDatabase();
    private final MailServer mail = new MailServer();
    private AppNode node;
    private int kills;
    private int requests;

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.kill();
        }
        mail.close();
        db.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillRightAfterIt() {
        long began = System.nanoTime();
        node = logs.watch(new AppNode("durable", db, mail, List.of())).startAndAwaitReady();
        for (int round = 0; round < ROUNDS; round++) {
            List<Visits.Visit> visits = intakesWithCoTravellers(round);
            reviewsCompleted(visits);
            hostingCompleted(visits);
            evaluations(visits);
            if (round % 2 == 0) {
                blogPosts(visits);
            } else {
                visitRequests(round);
            }
        }
        node.kill();
        assertThat(kills).isEqualTo(5 * ROUNDS);
        db.read(jdbc -> {
            assertThat(count(jdbc, "SELECT COUNT(*) FROM sl_intake")).isEqualTo(ROUNDS * PER_ROUND);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM sl_evaluation")).isEqualTo(ROUNDS * PER_ROUND);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM sl_visit_request")).isEqualTo(requests);
            return null;
        });
        log.info("DurableAnswersIT: {} kills, every acknowledged write found; {} s", kills,
                Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    /** Visits registered, each contact guest sends the intake adding a co-traveller; killed after the last answer. */
    private List<Visits.Visit> intakesWithCoTravellers(int round) {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(1);
        List<Visits.Visit> visits = IntStream.range(0, PER_ROUND).mapToObj(i -> Visits.register(node, AppNode.KIM,
                "Durable " + round + "-" + i, tomorrow, tomorrow, "guest-" + round + "-" + i + "@durable.example.org"))
                .toList();
        await("invitations").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                visits.forEach(v -> assertThat(mail.count(v.guest(), "INVITATION")).as(v.guest()).isEqualTo(1)));
        List<GuestBrowser> guests = visits.stream().map(v -> {
            GuestBrowser guest = new GuestBrowser(node);
            assertThat(guest.open(mail.linkPath(v.guest(), "INVITATION"), "intake")).isEqualTo(200);
            return guest;
        }).toList();
        for (int i = 0; i < PER_ROUND; i++) {
            Visits.Visit v = visits.get(i);
            assertThat(guests.get(i).postJson("/guest/intake", INTAKE.formatted(v.guest(), v.guest(), coTraveller(v)))
                    .statusCode()).isEqualTo(200);
        }
        killAndRead(jdbc -> visits.forEach(v -> {
            assertThat(jdbc.queryForList("""
                    SELECT i.goals_and_purpose FROM sl_intake i JOIN sl_participant p ON p.id = i.participant_id
                    WHERE p.email = ?""", String.class, v.guest())).as("intake of %s on disk", v.guest())
                    .containsExactly("Goals of " + v.guest());
            assertThat(count(jdbc, "SELECT COUNT(*) FROM sl_participant WHERE email = ?", coTraveller(v)))
                    .as("co-traveller of %s on disk", v.guest()).isEqualTo(1);
        }));
        await("review tasks and the co-travellers' invitations").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                visits.forEach(v -> {
                    assertThat(Visits.activities(node, v.processInstanceId())).contains(TASK_REVIEW_INTAKE);
                    // a second copy only when the kill fell between the SMTP server accepting the invitation and
                    // its outbox row being marked sent (the outbox's named window)
                    assertThat(mail.count(coTraveller(v), "INVITATION")).isBetween(1L, 2L);
                }));
        return visits;
    }

    /** The host completes each review task (the programme) over REST, as Tasklist does; killed after the last. */
    private void reviewsCompleted(List<Visits.Visit> visits) {
        List<String> completed = completeTasks(visits, TASK_REVIEW_INTAKE, Map.of("programme", Visits.value("Day 1")));
        killAndRead(jdbc -> assertTasksDone(jdbc, completed));
        // the visit starts tomorrow: its start timer is waiting, and is run now instead of waiting for the day
        awaitActivity(visits, TIMER_VISIT_STARTS);
        for (Visits.Visit v : visits) {
            JsonNode timer = node.json(AppNode.ADMIN, "/engine-rest/job?processInstanceId=" + v.processInstanceId()
                    + "&activityId=" + TIMER_VISIT_STARTS + "&maxResults=10");
            assertThat(timer).hasSize(1);
            AppNode.Response ran = node.post(AppNode.ADMIN, "/engine-rest/job/" + timer.get(0).get("id").asText()
                    + "/execute", Map.of());
            assertThat(ran.status()).as(ran.body()).isEqualTo(204);
        }
        awaitActivity(visits, TASK_HOST_VISIT);
    }

    /** The host reports each visit hosted; killed after the last. The guests are then asked to evaluate. */
    private void hostingCompleted(List<Visits.Visit> visits) {
        List<String> completed = completeTasks(visits, TASK_HOST_VISIT, Map.of("attendance", Map.of("value", 4, "type", "Long")));
        killAndRead(jdbc -> assertTasksDone(jdbc, completed));
        await("evaluation requests").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                visits.forEach(v -> assertThat(mail.count(v.guest(), "EVALUATION_REQUEST")).isBetween(1L, 2L)));
    }

    /** Each contact guest evaluates the visit; killed after the last answer. */
    private void evaluations(List<Visits.Visit> visits) {
        List<GuestBrowser> guests = visits.stream().map(v -> {
            GuestBrowser guest = new GuestBrowser(node);
            assertThat(guest.open(mail.linkPath(v.guest(), "EVALUATION_REQUEST"), "evaluation")).isEqualTo(200);
            return guest;
        }).toList();
        for (int i = 0; i < PER_ROUND; i++) {
            HttpResponse<String> sent = guests.get(i).postJson("/guest/evaluation", """
                    {"values": {"score": "4", "wentWell": "Well for %s"}}""".formatted(visits.get(i).guest()));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        killAndRead(jdbc -> visits.forEach(v -> assertThat(jdbc.queryForList("""
                SELECT e.went_well FROM sl_evaluation e JOIN sl_participant p ON p.id = e.participant_id
                WHERE p.email = ?""", String.class, v.guest())).as("evaluation of %s on disk", v.guest())
                .containsExactly("Well for " + v.guest())));
        // the contact guest's wait for an evaluation ended; the co-traveller's goes on
        await("the contact guests' evaluations taken").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                visits.forEach(v -> assertThat(Visits.activities(node, v.processInstanceId()))
                        .filteredOn(RECEIVE_AWAIT_EVALUATION::equals).hasSize(1)));
    }

    /** Each contact guest writes on the visit's blog (the link from the invitation); killed after the last post. */
    private void blogPosts(List<Visits.Visit> visits) {
        List<GuestBrowser> guests = visits.stream().map(this::onTheBlog).toList();
        for (int i = 0; i < PER_ROUND; i++) {
            HttpResponse<String> posted = guests.get(i).postMultipart("/guest/blog/posts", Map.of(
                    "signature", "Fiona", "title", "Post of " + visits.get(i).guest(), "text", "What we saw today"));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        }
        killAndRead(jdbc -> visits.forEach(v -> assertThat(count(jdbc,
                "SELECT COUNT(*) FROM sl_blog_post WHERE title = ?", "Post of " + v.guest())).isEqualTo(1)));
        GuestBrowser reader = onTheBlog(visits.get(0));
        assertThat(reader.get("/guest/blog").body()).contains("Post of " + visits.get(0).guest());
    }

    /** Visit requests from the public request page; killed after the last. Each then waits for its assessment. */
    private void visitRequests(int round) {
        GuestBrowser visitor = new GuestBrowser(node);
        assertThat(visitor.get("/request?lang=en").statusCode()).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < PER_ROUND; i++) {
            String email = "request-" + round + "-" + i + "@durable.example.org";
            HttpResponse<String> sent = visitor.postJson("/request?lang=en", """
                    {"values": {"organisation": "NHS Fife", "partnerLevel": "INTERNATIONAL", "contactName": "Ewan Reid",
                                "contactEmail": "%s", "contactLanguage": "EN", "hostUnitWish": "A health centre",
                                "whatToSee": "Video triage", "preferredPeriods": "Spring", "groupSize": 3}}""".formatted(email));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            emails.add(email);
        }
        requests += PER_ROUND;
        killAndRead(jdbc -> emails.forEach(email -> assertThat(count(jdbc,
                "SELECT COUNT(*) FROM sl_visit_request WHERE contact_email = ?", email)).isEqualTo(1)));
        await("every request waiting for its assessment").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(node.json(AppNode.KIM, "/engine-rest/task?taskDefinitionKey=" + TASK_ASSESS_REQUEST
                        + "&maxResults=100").size()).isEqualTo(requests));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /**
     * Kills the node at once (the last acknowledgement has just arrived), reads the files it left, and starts it
     * again on them.
     */
    private void killAndRead(Consumer<JdbcTemplate> check) {
        node.kill();
        kills++;
        db.read(jdbc -> {
            check.accept(jdbc);
            return null;
        });
        node.startAndAwaitReady();
    }

    private List<String> completeTasks(List<Visits.Visit> visits, String taskKey, Map<String, Object> variables) {
        awaitActivity(visits, taskKey);
        List<String> ids = visits.stream().map(v -> Visits.tasks(node, AppNode.HANNA, v.processInstanceId(), taskKey))
                .map(found -> {
                    assertThat(found).hasSize(1);
                    return found.get(0).get("id").asText();
                }).toList();
        for (String id : ids) {
            AppNode.Response done = node.post(AppNode.HANNA, "/engine-rest/task/" + id + "/submit-form",
                    Map.of("variables", variables));
            assertThat(done.status()).as(done.body()).isEqualTo(204);
        }
        return ids;
    }

    private static void assertTasksDone(JdbcTemplate jdbc, List<String> taskIds) {
        for (String id : taskIds) {
            assertThat(count(jdbc, "SELECT COUNT(*) FROM act_ru_task WHERE id_ = ?", id)).as("open task %s", id).isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM act_hi_taskinst WHERE id_ = ? AND end_time_ IS NOT NULL", id))
                    .as("completed task %s", id).isEqualTo(1);
        }
    }

    private void awaitActivity(List<Visits.Visit> visits, String activityId) {
        await("every visit at " + activityId).atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                visits.forEach(v -> assertThat(Visits.activities(node, v.processInstanceId())).contains(activityId)));
    }

    private GuestBrowser onTheBlog(Visits.Visit visit) {
        for (String link : mail.linkPaths(visit.guest(), "INVITATION")) {
            GuestBrowser guest = new GuestBrowser(node);
            HttpResponse<String> opened = guest.get(link);
            if (opened.headers().firstValue("Location").orElse("").endsWith("/guest/blog")) {
                assertThat(guest.get("/guest/blog").statusCode()).isEqualTo(200);
                return guest;
            }
        }
        throw new AssertionError("No blog link in the invitation to " + visit.guest());
    }

    private static String coTraveller(Visits.Visit visit) {
        return "co-" + visit.guest();
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
