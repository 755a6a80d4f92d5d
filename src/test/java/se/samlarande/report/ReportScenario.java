package se.samlarande.report;

import static se.samlarande.process.VisitProcess.Element.*;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.blog.Author;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.ViewerKind;
import se.samlarande.evaluation.AnswerService.Confidentiality;
import se.samlarande.support.Browser;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/**
 * Three visits of 2029 driven through the real process, once for the whole class (the report reads what is in the
 * database, so the visits must not multiply): no other test has visits in 2029, so the period 2029 selects exactly these.
 * <ul>
 * <li>ryhov: Vårdcentralen Ryhov, INTERNATIONAL, March; moved to new dates by a coordinator over HTTP, intake on time
 * from the guest, guest score 5, host score 4, summary "yes"; blog: 2 posts by staff and 1 hidden, the process's
 * "confirmed" and summary posts, 4 comments (1 hidden) and 1 on the hidden post, 10 views</li>
 * <li>varnamo: Medicinkliniken Värnamo, LOCAL, March; intake late (after the deadline, recorded by a coordinator),
 * guest score 2 with answers that look like spreadsheet formulas, host score 3, summary "partly" not published; blog: 1 post by
 * staff and the process's "confirmed" post, 2 views</li>
 * <li>regional: Vårdcentralen Ryhov, REGIONAL, April; intake on time, waiting for the host's review</li>
 * </ul>
 */
abstract class ReportScenario extends VisitScenario {

    static final String RYHOV = "Vårdcentralen Ryhov";
    static final String VARNAMO = "Medicinkliniken Värnamo";
    static final String YEAR_2029 = "from=2029-01-01&to=2029-12-31";
    /** A CSV export, parsed back with the same format it was written in (after its byte order mark). */
    static List<CSVRecord> csv(Browser browser, String path) {
        HttpResponse<byte[]> response = browser.getBytes(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode());
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (!text.startsWith("\uFEFF")) {
            throw new AssertionError(path + " has no byte order mark");
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)), Csv.FORMAT)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Klicka\")";

    /** What the drive left, shared by the class's tests. */
    record Driven(String ryhov, String varnamo, String regional, String ryhovGuest, Instant rescheduledAt,
            Instant hiddenAt) {
    }

    static Driven driven;

    @LocalServerPort int port;
    @Autowired BlogService blog;

    Driven drive() {
        if (driven != null) {
            return driven;
        }
        String ryhovGuest = "ryhov-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org";
        ProcessInstance ryhov = register(RYHOV, "INTERNATIONAL", LocalDate.of(2029, 3, 12), LocalDate.of(2029, 3, 13), ryhovGuest);
        later();
        ProcessInstance varnamo = register(VARNAMO, "LOCAL", LocalDate.of(2029, 3, 19), LocalDate.of(2029, 3, 20),
                "varnamo-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org");
        later();
        ProcessInstance regional = register(RYHOV, "REGIONAL", LocalDate.of(2029, 4, 16), LocalDate.of(2029, 4, 17),
                "regional-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org");
        runDueJobs(ryhov);
        runDueJobs(varnamo);
        runDueJobs(regional);

        // A day later a coordinator moves the Ryhov visit a day on, on the visit page
        Instant rescheduledAt = NOW.plusSeconds(86_400);
        moveClockTo(rescheduledAt);
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/visits/" + visitOf(ryhov).reference());
        var moved = kim.postForm("/app/visits/" + visitOf(ryhov).reference() + "/reschedule", "dateFrom=2029-03-13&dateTo=2029-03-14");
        if (moved.statusCode() != 302) {
            throw new AssertionError("Reschedule refused: " + moved.statusCode() + moved.body());
        }
        runDueJobs(ryhov);

        // Intakes: Ryhov's and the regional visit's guests answer in time, on their own pages
        moveClockTo(NOW.plusSeconds(4 * 86_400));
        later();
        answers.submitIntake(visitOf(ryhov).id(), contactGuestId(ryhov), "Se videotriage", "Fallprevention",
                new Confidentiality("test"));
        later();
        answers.submitIntake(visitOf(regional).id(), contactGuestId(regional), "Se mottagningen", "Vårt arbete",
                new Confidentiality("test"));
        runDueJobs(ryhov);
        runDueJobs(regional);
        later();
        as("hanna", () -> {
            tasks.claim(task(ryhov, TASK_REVIEW_INTAKE).getId(), "hanna");
            return null;
        });
        later();
        complete(ryhov, TASK_REVIEW_INTAKE, "hanna", "programme", "Dag 1: videotriage");
        runDueJobs(ryhov);

        // Värnamo's intake comes after its deadline, by phone; the coordinator goes on with it
        moveClockTo(at(LocalDate.of(2029, 3, 5), 17, 1));
        runDueJobs(varnamo);
        later();
        answers.recordIntake(visitOf(varnamo).id(), contactGuestId(varnamo), "Sent mål", "Sent arbete", "kim");
        later();
        complete(varnamo, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "proceed");
        runDueJobs(varnamo);
        later();
        complete(varnamo, TASK_REVIEW_INTAKE, "hanna", "programme", "Dag 1");
        runDueJobs(varnamo);

        // The Ryhov visit is hosted and evaluated
        moveClockTo(at(LocalDate.of(2029, 3, 13), 8, 0));
        runDueJobs(ryhov);
        later();
        complete(ryhov, TASK_HOST_VISIT, "hanna", "attendance", 6L, "hostingNotes", "Bra frågor", "sharedWork", "Fall");
        runDueJobs(ryhov);
        later();
        answers.submitEvaluation(visitOf(ryhov).id(), contactGuestId(ryhov), 5, "Allt", null);
        later();
        complete(ryhov, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "4", "hostWentWell", "Engagerade gäster");

        // The Värnamo visit is hosted and evaluated, with answers that look like formulas
        moveClockTo(at(LocalDate.of(2029, 3, 19), 8, 0));
        runDueJobs(varnamo);
        later();
        complete(varnamo, TASK_HOST_VISIT, "hanna", "attendance", 3L, "hostingNotes", "Kort", "sharedWork", "Lite");
        runDueJobs(varnamo);
        later();
        answers.submitEvaluation(visitOf(varnamo).id(), contactGuestId(varnamo), 2, FORMULA, "+46 70 123 45 67");
        later();
        complete(varnamo, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "3", "hostWentWell", "@värd");

        // Both summary meetings are held
        later();
        complete(ryhov, TASK_SCHEDULE_SUMMARY_MEETING, "kim", "summaryMeetingTime", "2029-04-02T10:00",
                "summaryMeetingPlace", "Teams");
        later();
        complete(varnamo, TASK_SCHEDULE_SUMMARY_MEETING, "kim", "summaryMeetingTime", "2029-04-03T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(ryhov);
        runDueJobs(varnamo);
        moveClockTo(at(LocalDate.of(2029, 4, 3), 10, 0));
        runDueJobs(ryhov);
        runDueJobs(varnamo);
        later();
        complete(ryhov, TASK_HOLD_SUMMARY_MEETING, "kim", "purposeMet", "YES", "learned", "Videotriage sparar resor",
                "introduceInPractice", "Pilot med videotriage", "followUpActions", "Kim följer upp i maj",
                "publishOnBlog", true);
        later();
        complete(ryhov, TASK_APPROVE_SUMMARY_POST, "kim", "summaryPostDecision", "approve",
                "summaryPostText", "Videotriage sparar resor. Nästa steg: en pilot.");
        later();
        complete(varnamo, TASK_HOLD_SUMMARY_MEETING, "kim", "purposeMet", "PARTLY", "learned", "-minus först",
                "introduceInPractice", "Inget ännu", "followUpActions", "", "publishOnBlog", false);

        // The blog, written and moderated through the blog feature as people would
        Instant hiddenAt = at(LocalDate.of(2029, 4, 4), 9, 0);
        long ryhovId = visitOf(ryhov).id();
        Author hanna = Author.staff("hanna", "Hanna");
        Author coordinator = Author.staff("kim", "Kim");
        long first = blog.post(ryhovId, hanna, "Välkomna", "Text", List.of());
        long second = blog.post(ryhovId, hanna, "Dag 1", "Text", List.of());
        long hidden = blog.post(ryhovId, hanna, "Olämpligt", "Text", List.of());
        blog.comment(ryhovId, first, coordinator, "Bra");
        blog.comment(ryhovId, first, coordinator, "Bra");
        blog.comment(ryhovId, second, coordinator, "Bra");
        long hiddenComment = blog.comment(ryhovId, second, coordinator, "Bra");
        blog.comment(ryhovId, hidden, coordinator, "Bra"); // on a post that gets hidden: not counted
        for (int i = 0; i < 10; i++) {
            blog.recordView(ryhovId, ViewerKind.STAFF, "kim");
        }
        moveClockTo(hiddenAt);
        blog.hidePost(ryhovId, hidden, "hanna", "Personuppgifter");
        later();
        blog.hideComment(ryhovId, hiddenComment, "kim", "Fel besök");
        long varnamoId = visitOf(varnamo).id();
        blog.post(varnamoId, hanna, "Hej från Värnamo", "Text", List.of());
        blog.recordView(varnamoId, ViewerKind.STAFF, "kim");
        blog.recordView(varnamoId, ViewerKind.STAFF, "kim");

        driven = new Driven(visitOf(ryhov).reference(), visitOf(varnamo).reference(), visitOf(regional).reference(),
                ryhovGuest, rescheduledAt, hiddenAt);
        moveClockTo(NOW); // the test that asked starts, like every scenario, at "now"
        return driven;
    }

    /** People act one after another: each step a minute after the last, so the trail's order is the order of events. */
    void later() {
        moveClockTo(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().plusSeconds(60));
    }

    private ProcessInstance register(String hostUnit, String level, LocalDate from, LocalDate to, String email) {
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", hostUnit);
        form.put("topic", "Samlärande " + hostUnit);
        form.put("dateFrom", from.toString());
        form.put("dateTo", to.toString());
        form.put("guestOrganisation", "Partnern");
        form.put("partnerLevel", level);
        form.put("contactName", "Gäst " + level);
        form.put("contactEmail", email);
        form.put("contactLanguage", "SV");
        return as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
    }

    Visit visit(String reference) {
        return visits.getByReference(reference);
    }
}
