package se.samlarande.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_INTAKE_DEADLINE_PASSED;
import static se.samlarande.process.VisitProcess.Element.BOUNDARY_INTAKE_REMINDER_DUE;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_SEND_INTAKE_REMINDER;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application process is killed (SIGKILL, no shutdown) in the middle of visits and started again on the same
 * PostgreSQL database, twice:
 * <ol>
 * <li>while visits wait for the guests' intake, some intakes just submitted, reminder timers pending;</li>
 * <li>after the reminders came due while no node ran, in the middle of the batch of reminder jobs sending over a
 * slow SMTP server.</li>
 * </ol>
 * Then every visit goes on from where it was, timers still pending; each reminder round reaches each guest once
 * (the outbox's named window, a crash between the SMTP server accepting a message and the row being marked sent,
 * may send that one email a second time, and only that); no answer is lost.
 */
class RestartIT {

    private static final int VISITS = 10;
    private static final int ANSWERED = 4;
    /** Reminders every 20 s, twice; email retries every 2 s. */
    private static final List<String> SETTINGS = List.of(
            "--samlarande.timers.intake-reminder-cycle=R2/PT20S",
            "--samlarande.timers.email-retry-cycle=R3/PT2S");

    @RegisterExtension final NodeLogs logs = new NodeLogs();

    private ClusterDatabase db;
    private MailServer mail;
    private final List<AppNode> nodes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = ClusterDatabase.start();
        mail = new MailServer();
    }

    @AfterEach
    void tearDown() {
        nodes.forEach(AppNode::kill);
        if (mail != null) {
            mail.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private AppNode node(String name) {
        AppNode node = logs.watch(new AppNode(name, db, mail, SETTINGS));
        nodes.add(node);
        return node;
    }

    @Test
    void killedNodesLoseNoVisitNoReminderAndNoAnswer() {
        long began = System.nanoTime();
        AppNode first = node("restart-1").startAndAwaitReady();

        // --- 1. visits registered, invitations out, some intakes in; then the node is killed -------------------
        LocalDate from = LocalDate.now().plusMonths(3);
        List<Visits.Visit> visits = IntStream.range(0, VISITS).mapToObj(i -> Visits.register(first, AppNode.KIM,
                "Restart " + i, from, from.plusDays(1), "guest-" + i + "@restart.example.org")).toList();
        await("invitations").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                visits.forEach(v -> assertThat(mail.count(v.guest(), "INVITATION")).as(v.guest()).isEqualTo(1)));

        await("every visit waiting for intake").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                visits.forEach(v -> assertThat(Visits.activities(first, v.processInstanceId())).containsExactly(RECEIVE_AWAIT_INTAKE)));
        List<Visits.Visit> answered = visits.subList(0, ANSWERED);
        List<Visits.Visit> waiting = visits.subList(ANSWERED, VISITS);
        for (Visits.Visit v : answered) {
            GuestBrowser guest = new GuestBrowser(first);
            assertThat(guest.open(mail.linkPath(v.guest(), "INVITATION"), "intake")).isEqualTo(200);
            assertThat(guest.postJson("/guest/intake", Visits.VALID_INTAKE).statusCode()).isEqualTo(200);
        }
        answered.forEach(v -> assertThat(Visits.activities(first, v.processInstanceId())).containsExactly(TASK_REVIEW_INTAKE));
        waiting.forEach(v -> assertThat(Visits.activities(first, v.processInstanceId())).containsExactly(RECEIVE_AWAIT_INTAKE));
        // the node's job executor creates the host's review task after each intake's post
        await("the review tasks created").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                answered.forEach(v -> assertThat(Visits.jobs(db, v.processInstanceId())).isEmpty()));
        Map<String, List<Visits.Job>> jobsBefore = new HashMap<>();
        visits.forEach(v -> jobsBefore.put(v.processInstanceId(), Visits.jobs(db, v.processInstanceId())));
        waiting.forEach(v -> assertThat(jobsBefore.get(v.processInstanceId())).extracting(Visits.Job::activityId)
                .containsExactly(BOUNDARY_INTAKE_DEADLINE_PASSED, BOUNDARY_INTAKE_REMINDER_DUE));
        answered.forEach(v -> assertThat(jobsBefore.get(v.processInstanceId())).isEmpty());

        first.kill();
        Set<String> unmarked = new HashSet<>(unmarkedInTheOutbox());

        // nothing was lost with the process: the database holds every instance, timer and answer as they were
        visits.forEach(v -> assertThat(Visits.jobs(db, v.processInstanceId())).isEqualTo(jobsBefore.get(v.processInstanceId())));
        assertThat(db.count("SELECT COUNT(*) FROM act_ru_execution WHERE parent_id_ IS NULL")).isEqualTo(VISITS);
        assertIntakesStored(answered);

        // --- 2. the reminders come due while no node runs --------------------------------------------------------
        Instant lastReminderDue = jobsBefore.values().stream().flatMap(List::stream)
                .filter(j -> j.activityId().equals(BOUNDARY_INTAKE_REMINDER_DUE)).map(Visits.Job::due)
                .max(Instant::compareTo).orElseThrow();
        await("reminders due").atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(lastReminderDue));
        assertThat(mail.count("INTAKE_REMINDER")).isZero();

        // --- 3. a second node starts on the same database and sends the due reminders over a slow SMTP server;
        //        it is killed in the middle of that batch ----------------------------------------------------------
        mail.replyDelay(Duration.ofMillis(300));
        AppNode second = node("restart-2").start();
        await("the reminder batch under way").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> mail.count("INTAKE_REMINDER") >= 1);
        second.kill();
        unmarked.addAll(unmarkedInTheOutbox());
        long remindersAtKill = mail.count("INTAKE_REMINDER");
        assertThat(remindersAtKill).as("killed in the middle of the batch").isLessThan(waiting.size());
        mail.replyDelay(Duration.ZERO);

        // --- 4. started again: everything goes on from where it was -------------------------------------------------
        AppNode third = node("restart-3").startAndAwaitReady();
        await("every reminder round done and delivered").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            waiting.forEach(v -> assertThat(Visits.jobs(db, v.processInstanceId())).extracting(Visits.Job::activityId)
                    .as("only the deadline is left to wait for").containsExactly(BOUNDARY_INTAKE_DEADLINE_PASSED));
            assertThat(db.count("SELECT COUNT(*) FROM sl_email WHERE state <> 'SENT'")).isZero();
        });

        // the visits are where they were, the deadline timers the same jobs with the same due dates
        answered.forEach(v -> assertThat(Visits.activities(third, v.processInstanceId())).containsExactly(TASK_REVIEW_INTAKE));
        waiting.forEach(v -> assertThat(Visits.activities(third, v.processInstanceId())).containsExactly(RECEIVE_AWAIT_INTAKE));
        waiting.forEach(v -> assertThat(Visits.jobs(db, v.processInstanceId())).containsExactly(
                jobsBefore.get(v.processInstanceId()).stream()
                        .filter(j -> j.activityId().equals(BOUNDARY_INTAKE_DEADLINE_PASSED)).findFirst().orElseThrow()));
        assertThat(Visits.incidents(db)).isZero();

        // every reminder round the engine ran reached each waiting guest, once; a second copy only of an email whose
        // row was not marked sent when its node died (the window: GreenMail may have accepted it just before)
        Map<String, Long> byKey = mail.countsByKey();
        Set<String> expectedReminders = new HashSet<>();
        for (Visits.Visit v : waiting) {
            List<String> rounds = db.jdbc().queryForList("""
                    SELECT execution_id_ FROM act_hi_actinst WHERE proc_inst_id_ = ? AND act_id_ = ? AND end_time_ IS NOT NULL""",
                    String.class, v.processInstanceId(), TASK_SEND_INTAKE_REMINDER);
            assertThat(rounds).as("reminder rounds of %s (R2: one or two)", v.reference()).hasSizeBetween(1, 2);
            rounds.forEach(round -> expectedReminders.add(v.reference() + ":INTAKE_REMINDER:" + round + ":" + v.guest()));
            assertThat(mail.count(v.guest(), "INVITATION")).isEqualTo(1);
        }
        Set<String> sentReminders = new HashSet<>(byKey.keySet());
        sentReminders.removeIf(key -> !key.contains(":INTAKE_REMINDER:"));
        assertThat(sentReminders).as("reminders received, by outbox key").isEqualTo(expectedReminders);
        byKey.forEach((key, times) -> assertThat(times).as("times %s was received (%s marked sent at a kill)",
                key, unmarked.contains(key) ? "not" : "was").isBetween(1L, unmarked.contains(key) ? 2L : 1L));
        answered.forEach(v -> assertThat(mail.count(v.guest(), "INTAKE_REMINDER")).as("no reminder after the intake").isZero());

        // no answer was lost, and a guest can still answer after all this: the process moves on
        assertIntakesStored(answered);
        Visits.Visit late = waiting.get(0);
        GuestBrowser guest = new GuestBrowser(third);
        assertThat(guest.open(mail.linkPath(late.guest(), "INTAKE_REMINDER"), "intake")).isEqualTo(200);
        assertThat(guest.postJson("/guest/intake", Visits.VALID_INTAKE).statusCode()).isEqualTo(200);
        assertThat(Visits.activities(third, late.processInstanceId())).containsExactly(TASK_REVIEW_INTAKE);
        assertThat(db.count("SELECT COUNT(*) FROM sl_intake")).isEqualTo(ANSWERED + 1);

        System.out.printf("RestartIT: %d reminder emails received when the second node was killed, %d outbox rows not "
                + "marked sent then, %d emails received twice (the window), %d reminders in all; %d s%n",
                remindersAtKill, unmarked.size(), byKey.values().stream().filter(n -> n > 1).count(),
                mail.count("INTAKE_REMINDER"), Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    /**
     * Outbox rows not marked sent, read right after a kill (no node runs): the emails that may have been in the
     * named window, accepted by the SMTP server before the node died, and so may arrive a second time.
     */
    private List<String> unmarkedInTheOutbox() {
        return db.jdbc().queryForList("SELECT idempotency_key FROM sl_email WHERE state <> 'SENT'", String.class);
    }

    private void assertIntakesStored(List<Visits.Visit> answered) {
        for (Visits.Visit v : answered) {
            assertThat(db.rows("""
                    SELECT i.goals_and_purpose FROM sl_intake i JOIN sl_participant p ON p.id = i.participant_id
                    WHERE p.email = ?""", v.guest())).as("intake of %s", v.guest()).singleElement()
                    .satisfies(row -> assertThat(row.get("goals_and_purpose")).isEqualTo("Learn how you triage by video"));
        }
    }
}
