package se.samlarande.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.blog.Author;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.Upload;
import se.samlarande.blog.ViewerKind;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/**
 * Visits of 2020 and 2021, driven through the real process from registration to closed: no other test has visits
 * that end before 2026, so moving the clock a few years past them makes only these due for the retention rules.
 */
abstract class PrivacyScenario extends VisitScenario {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @Autowired JdbcClient jdbc;
    @Autowired BlogService blog;
    @Autowired Retention retention;

    /** A visit driven so far, with its guest. */
    record Driven(ProcessInstance instance, Visit visit, long guestId, String guestEmail, String guestName) {
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org";
    }

    /** The host unit of this class's visits, so a report can be filtered to them. */
    String hostUnit() {
        return "Vårdcentralen Dataskydd";
    }

    /** Registered two months before its first day (the clock is moved there), invitation sent. */
    Driven register(LocalDate from, String name, String email) {
        moveClockTo(at(from.minusMonths(2), 9, 0));
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", hostUnit());
        form.put("topic", "Gallring och registerutdrag");
        form.put("dateFrom", from.toString());
        form.put("dateTo", from.plusDays(1).toString());
        form.put("guestOrganisation", "Partner AB");
        form.put("partnerLevel", "NATIONAL");
        form.put("contactName", name);
        form.put("contactEmail", email);
        form.put("contactLanguage", "SV");
        ProcessInstance instance = as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
        runDueJobs(instance);
        Visit visit = visitOf(instance);
        return new Driven(instance, visit, visits.guests(visit.id()).get(0).id(), email, name);
    }

    /** Intake, programme, a blog post with an image and a comment, a view; the visit's first day come. */
    void driveToHosting(Driven d) {
        answers.recordIntake(d.visit().id(), d.guestId(), "Mål från " + d.guestName(), "Vårt arbete med " + d.guestName(), "kim");
        runDueJobs(d.instance());
        complete(d.instance(), "Task_ReviewIntake", "hanna", "programme", "Dag 1");
        runDueJobs(d.instance());
        long post = blog.post(d.visit().id(), Author.guest(d.guestId(), d.guestName()), "Hälsning från " + d.guestName(),
                "Vi ser fram emot besöket. /" + d.guestName(), List.of(new Upload("bild.png", PNG)));
        blog.comment(d.visit().id(), post, Author.staff("hanna", "Hanna"), "Välkomna, " + d.guestName() + "!");
        blog.recordView(d.visit().id(), ViewerKind.GUEST, String.valueOf(d.guestId()));
        moveClockTo(at(d.visit().dateFrom(), 8, 0));
        runDueJobs(d.instance());
        task(d.instance(), "Task_HostVisit");
    }

    /**
     * Hosted, evaluated, summary meeting held ten days after the visit: the visit closes; three months later its host
     * answers the practice follow-up and the process ends.
     *
     * @return when the visit closed
     */
    Instant driveToClosed(Driven d) {
        Instant closed = driveToClosedAwaitingFollowUp(d);
        followUpThePractice(d.instance(), "YES", "Triage i entrén efter besöket", "Kortare väntetider");
        return closed;
    }

    /** Hosted, evaluated by every guest and the host, summary meeting held ten days after the visit: the visit closes. */
    Instant driveToClosedAwaitingFollowUp(Driven d) {
        complete(d.instance(), "Task_HostVisit", "hanna", "attendance", 4L, "hostingNotes", "Bra frågor",
                "sharedWork", "Fallprevention");
        runDueJobs(d.instance());
        answers.recordGuestEvaluation(d.visit().id(), d.guestId(), 4, "Triagerummet, sa " + d.guestName(), "Mer tid",
                "kim");
        visits.guests(d.visit().id()).stream().filter(g -> g.id() != d.guestId())
                .forEach(g -> answers.recordGuestEvaluation(d.visit().id(), g.id(), 3, null, null, "kim"));
        complete(d.instance(), "Task_EvaluateAsHost", "hanna", "hostScore", "5", "hostWentWell", "Engagerade gäster");
        LocalDate meeting = d.visit().dateTo().plusDays(10);
        complete(d.instance(), "Task_ScheduleSummaryMeeting", "kim", "summaryMeetingTime", meeting + "T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(d.instance());
        moveClockTo(at(meeting, 10, 0));
        runDueJobs(d.instance());
        holdTheSummaryMeeting(d.instance(), false);
        runDueJobs(d.instance());
        Visit closed = visits.get(d.visit().id());
        assertThat(closed.state().name()).isEqualTo("CLOSED");
        return closed.closedAt();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    List<String> auditActions(long visitId, String action) {
        return jdbc.sql("SELECT detail FROM sl_audit_event WHERE visit_id = ? AND action = ? ORDER BY id")
                .params(visitId, action).query(String.class).list();
    }
}
