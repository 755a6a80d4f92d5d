package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.blog.BlogPost;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.PostKind;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUpRecorded;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.support.Browser;
import se.samlarande.support.FormViews;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitActions;
import se.samlarande.visit.VisitState;

/**
 * "Was it put into practice?": after the summary meeting closes a visit, its process waits (three months by default)
 * and asks the host in Tasklist what of the planned practice was introduced, and with what effect; reminds them twice;
 * closes the question unanswered after six weeks and tells the coordinators. The answer is stored, audited, posted on
 * the visit's blog, announced as {@link PracticeFollowUpRecorded}, and counted in the report's measure "learning put
 * into practice". Time moves with the engine's clock and jobs run when due, never by waiting.
 */
@SamlarandeTest
@RecordApplicationEvents
class PracticeFollowUpScenarioTest extends VisitScenario {

    private static final String HOST_EMAIL = "hanna@samlarande.local";
    private static final String COORDINATOR_EMAIL = "kim@samlarande.local";
    /** The summary meeting is held on 1 February 2027 at 10:00: the host is asked three months later... */
    private static final Instant DUE = at(LocalDate.of(2027, 5, 1), 8, 0);
    /** ...and may answer for six weeks, to the end of that day. */
    private static final Instant ANSWER_BY = at(LocalDate.of(2027, 6, 12), 17, 0);

    @LocalServerPort int port;
    @Autowired PracticeFollowUps followUps;
    @Autowired BlogService blog;
    @Autowired AuditLog audit;
    @Autowired VisitActions visitActions;
    @Autowired ObjectMapper json;
    @Autowired ApplicationEvents events;

    @Test
    void theHostIsAskedOnlyWhenTheFollowUpIsDueAndIsRemindedTwice() {
        // given a visit closed by its summary meeting
        ProcessInstance visit = closedVisit();
        Visit closed = visitOf(visit);
        assertThat(closed.state()).isEqualTo(VisitState.CLOSED);
        assertThat(visit).hasPassed(TASK_CLOSE_VISIT, TASK_PLAN_PRACTICE_FOLLOW_UP).isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        assertThat(practiceFollowUpDue(visit)).isEqualTo(DUE);
        assertThat(followUps.find(closed.id())).hasValueSatisfying(f -> {
            assertThat(f.dueAt()).isEqualTo(DUE);
            assertThat(f.answerBy()).isEqualTo(ANSWER_BY);
            assertThat(f.pending()).isTrue();
        });
        // and a closed visit is no longer cancelled, though its process still waits
        assertThatThrownBy(() -> visitActions.cancel(closed.reference(), "Too late"))
                .isInstanceOf(InvalidVisitException.class).hasMessageContaining("redan avslutat");
        assertThat(visit).isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        // the visit's page says when the host will be asked
        Browser kim = Browser.signedIn(port, "kim");
        assertThat(text(kim.get("/app/visits/" + closed.reference()).body()))
                .contains("Värden får frågan i Tasklist 2027-05-01 och kan svara till och med 2027-06-12");

        // when the clock comes to a minute before the follow-up is due, nothing happens
        moveClockTo(DUE.minusSeconds(60));
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        assertThat(tasks.createTaskQuery().processInstanceId(visit.getId()).count()).isZero();

        // when it is due, the host is asked in Tasklist, with what the summary meeting planned
        moveClockTo(DUE);
        runDueJobs(visit);
        Task task = task(visit, TASK_FOLLOW_UP_PRACTICE);
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId).containsExactly("hosts");
        assertThat(task.getDueDate()).isEqualTo(Date.from(ANSWER_BY));
        assertThat(FormViews.shown(tasks.getVariable(task.getId(), "practiceOverview")))
                .contains("Vad vi inför i praktiken", "Pilot video triage", "Video triage saves trips", "Kim follows up in March");
        assertThat(FormViews.shown(tasks.getVariable(task.getId(), "visitOverview"))).contains(closed.reference());
        assertThat(tasks.getVariable(task.getId(), "answersOverview")).isNull(); // not the guests' answers
        assertThat(text(kim.get("/app/visits/" + closed.reference()).body()))
                .contains("Värden har fått frågan i Tasklist (2027-05-01) och har inte svarat än; svara senast 2027-06-12");
        assertThat(reminders(closed)).isEmpty();

        // when 14 days pass without an answer, the host is reminded by email
        moveClockTo(DUE.plusSeconds(14 * 86_400 + 60));
        runDueJobs(visit);
        assertThat(reminders(closed)).hasSize(1);
        assertThat(lastBodyTo(HOST_EMAIL)).contains("Följ upp: infördes det i praktiken?", "Planerat att införa: Pilot video triage",
                "Svara senast: 12 juni 2027");

        // and once more after another 14 days, and then no more
        moveClockTo(DUE.plusSeconds(28 * 86_400 + 120));
        runDueJobs(visit);
        moveClockTo(ANSWER_BY.minusSeconds(3600));
        runDueJobs(visit);
        assertThat(reminders(closed)).hasSize(2);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_PRACTICE);
    }

    @Test
    void theHostsAnswerIsStoredAuditedPostedOnTheBlogAndAnnounced() {
        // given a closed visit whose follow-up has come due
        ProcessInstance visit = closedVisit();
        Visit closed = visitOf(visit);
        moveClockTo(DUE);
        runDueJobs(visit);

        // an answer that something was introduced, without saying what, is refused and the task stays
        assertThatThrownBy(() -> complete(visit, TASK_FOLLOW_UP_PRACTICE, "hanna", "introduced", "PARTLY",
                "effect", "Fewer trips")).hasMessageContaining("Vad som infördes måste fyllas i");
        assertThatThrownBy(() -> complete(visit, TASK_FOLLOW_UP_PRACTICE, "hanna", "introduced", "maybe"))
                .hasMessageContaining("ja, delvis eller nej");
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_PRACTICE);
        assertThat(events.stream(PracticeFollowUpRecorded.class)).isEmpty();

        // when the host answers in Tasklist
        moveClockTo(DUE.plusSeconds(3 * 86_400));
        complete(visit, TASK_FOLLOW_UP_PRACTICE, "hanna", "introduced", "PARTLY",
                "whatWasIntroduced", "Video triage at one of two health centres", "effect", "Fewer trips for the patients",
                "obstacles", "The booking system <b>was</b> not ready");
        Instant answeredAt = DUE.plusSeconds(3 * 86_400);

        // then the process ends, followed up
        assertThat(visit).isEnded().hasPassed(TASK_FOLLOW_UP_PRACTICE, END_VISIT_COMPLETED)
                .hasNotPassed(END_PRACTICE_FOLLOW_UP_UNANSWERED);
        assertThat(visits.get(closed.id()).state()).isEqualTo(VisitState.CLOSED);
        // the answer is stored with who answered and when
        PracticeFollowUp answer = followUps.find(closed.id()).orElseThrow();
        assertThat(answer.introduced()).isEqualTo(PracticeFollowUp.Introduced.PARTLY);
        assertThat(answer.whatWasIntroduced()).isEqualTo("Video triage at one of two health centres");
        assertThat(answer.effect()).isEqualTo("Fewer trips for the patients");
        assertThat(answer.obstacles()).isEqualTo("The booking system <b>was</b> not ready");
        assertThat(answer.answeredBy()).isEqualTo("hanna");
        assertThat(answer.answeredAt()).isEqualTo(answeredAt);
        // audited by the host
        assertThat(audit.forVisit(closed.id())).filteredOn(e -> e.action().equals(PracticeFollowUps.PRACTICE_FOLLOW_UP_RECORDED))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("hanna");
                    assertThat(e.detail()).contains("delvis infört");
                });
        // posted on the visit's blog in the guests' language, the host's text shown as text
        assertThat(posts(closed.id())).last().satisfies(post -> {
            assertThat(post.kind()).isEqualTo(PostKind.PRACTICE_FOLLOW_UP);
            assertThat(post.authorName()).isEqualTo("Samlärande");
            assertThat(post.title()).isEqualTo("Was it put into practice?");
            assertThat(post.bodyHtml()).contains("Partly: some of what the summary meeting planned has been introduced.",
                    "Video triage at one of two health centres", "Fewer trips for the patients",
                    "The booking system &lt;b&gt;was&lt;/b&gt; not ready");
        });
        // announced once, after it was stored
        assertThat(events.stream(PracticeFollowUpRecorded.class)).containsExactly(
                new PracticeFollowUpRecorded(closed.id(), "PARTLY", "Fewer trips for the patients", answeredAt));
        // and the visit's page shows it
        assertThat(text(Browser.signedIn(port, "kim").get("/app/visits/" + closed.reference()).body()))
                .contains("Infört Delvis", "Vad som infördes Video triage at one of two health centres",
                        "Effekt Fewer trips for the patients", "av hanna");
    }

    @Test
    void anUnansweredFollowUpClosesWhenItsTimeIsOverAndTheCoordinatorsAreTold() {
        // given a closed visit whose host was asked and never answered
        ProcessInstance visit = closedVisit();
        Visit closed = visitOf(visit);
        moveClockTo(DUE);
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_PRACTICE);

        // when the six weeks to answer are over
        moveClockTo(ANSWER_BY.plusSeconds(60));
        runDueJobs(visit);

        // then the question closes, kept as unanswered, and the process ends there
        assertThat(visit).isEnded().hasPassed(TASK_CLOSE_PRACTICE_FOLLOW_UP_UNANSWERED, TASK_SEND_PRACTICE_FOLLOW_UP_UNANSWERED,
                END_PRACTICE_FOLLOW_UP_UNANSWERED).hasNotPassed(END_VISIT_COMPLETED);
        assertThat(tasks.createTaskQuery().processInstanceId(visit.getId()).count()).isZero();
        assertThat(followUps.find(closed.id())).hasValueSatisfying(f -> {
            assertThat(f.answered()).isFalse();
            assertThat(f.unansweredAt()).isEqualTo(ANSWER_BY.plusSeconds(60));
            assertThat(f.introduced()).isNull();
        });
        assertThat(audit.forVisit(closed.id())).extracting(AuditEvent::action)
                .contains(PracticeFollowUps.PRACTICE_FOLLOW_UP_UNANSWERED);
        // and the coordinators are told, so they can ask the host unit how it went
        assertThat(subjectsTo(COORDINATOR_EMAIL)).contains("Uppföljningen av besöket " + closed.reference() + " blev obesvarad");
        assertThat(lastBodyTo(COORDINATOR_EMAIL)).contains("Planerat att införa: Pilot video triage");
        assertThat(events.stream(PracticeFollowUpRecorded.class)).isEmpty();
        assertThat(text(Browser.signedIn(port, "kim").get("/app/visits/" + closed.reference()).body()))
                .contains("Frågan stängdes utan svar 2027-06-12");
    }

    @Test
    void theReportShowsWhichVisitsLearningWasPutIntoPractice() throws IOException {
        // given three closed visits of one host unit: the practice introduced in one, not in another, the third
        // still waiting for its host's answer
        hostUnit = "Vårdcentralen Uppföljning " + UUID.randomUUID().toString().substring(0, 6);
        ProcessInstance introduced = closedVisit();
        ProcessInstance notIntroduced = closedVisit();
        ProcessInstance waiting = closedVisit();
        followUpThePractice(introduced, "YES", "Video triage in every team", "=SUM(1+1) fewer trips");
        followUpThePractice(notIntroduced, "NO", null, null);
        runDueJobs(waiting);
        assertThat(waiting).isWaitingAt(TASK_FOLLOW_UP_PRACTICE);
        String yes = visitOf(introduced).reference();
        String no = visitOf(notIntroduced).reference();
        String open = visitOf(waiting).reference();

        // when a process owner opens the report for the host unit
        Browser per = Browser.signedIn(port, "per");
        String filter = "hostUnit=" + URLEncoder.encode(hostUnit, StandardCharsets.UTF_8);
        String html = per.get("/app/report?" + filter).body();

        // then the key figure is the share of followed-up visits that introduced what they planned
        assertThat(html).contains("50,0 %", "införde lärdomarna i praktiken (1 av 2 uppföljda besök)");
        assertThat(rows(html, "practice-introduced")).containsExactly(List.of("Ja", "1"), List.of("Delvis", "0"),
                List.of("Nej", "1"), List.of("Obesvarad, svarstiden slut", "0"), List.of("Väntar på värdens svar", "1"),
                List.of("Ännu inte tillfrågad", "0"));
        // and every closed visit with its answer
        assertThat(rows(html, "practice-follow-up")).containsExactly(
                List.of(yes, hostUnit, "2027-05-01", "Besvarad", "Ja", "Video triage in every team", "=SUM(1+1) fewer trips"),
                List.of(no, hostUnit, "2027-05-01", "Besvarad", "Nej", "", ""),
                List.of(open, hostUnit, "2027-05-01", "Väntar på värdens svar", "", "", ""));

        // the CSV holds the same rows, in English on request, with the formula made harmless
        List<CSVRecord> csv = csv(per, "/app/report/practice-follow-up.csv?" + filter + "&lang=en");
        assertThat(csv.get(0).toList()).containsExactly("Visit", "Host unit", "Host asked on", "Follow-up", "Introduced?",
                "What was introduced", "Effect");
        assertThat(csv.get(1).toList()).containsExactly(yes, hostUnit, "2027-05-01", "Answered", "Yes",
                "Video triage in every team", "'=SUM(1+1) fewer trips");
        assertThat(csv).hasSize(4);
        assertThat(csv(per, "/app/report/practice-introduced.csv?" + filter).get(1).toList()).containsExactly("Ja", "1");

        // and Cockpit's panel shows the figure too
        JsonNode figures = json.readTree(per.get("/app/report/summary.json?" + filter).body()).get("figures");
        assertThat(figures).anySatisfy(f -> {
            assertThat(f.get("label").asText()).isEqualTo("införde lärdomarna i praktiken (1 av 2 uppföljda besök)");
            assertThat(f.get("value").asText()).isEqualTo("50,0 %");
        });
    }

    /** A visit of this scenario's host unit driven from registration to closed by its summary meeting. */
    private ProcessInstance closedVisit() {
        moveClockTo(NOW);
        ProcessInstance visit = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(visit);
        holdTheSummaryMeeting(visit, false);
        return visit;
    }

    private List<String> reminders(Visit visit) {
        return subjectsTo(HOST_EMAIL).stream()
                .filter(s -> s.equals("Påminnelse: infördes det i praktiken? Besöket " + visit.reference())).toList();
    }

    private List<BlogPost> posts(long visitId) {
        return blog.timeline(visitId, true).sections().stream().flatMap(s -> s.posts().stream()).toList();
    }

    /** A page's text without its markup, white space collapsed: what a reader sees. */
    private static String text(String html) {
        String inline = html.replaceAll("</?(span|strong|em|b|i|a)\\b[^>]*>", "");
        return HtmlUtils.htmlUnescape(inline.replaceAll("(?s)<[^>]+>", " ")).replaceAll("\\s+", " ");
    }

    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>");

    /** The body rows of one report table, as the text of their cells. */
    private static List<List<String>> rows(String html, String table) {
        int start = html.indexOf("<table id=\"table-" + table + "\"");
        assertThat(start).as("table %s", table).isNotNegative();
        String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        return Arrays.stream(body.split("</tr>")).filter(r -> r.contains("<t")).map(r -> {
            Matcher m = CELL.matcher(r);
            List<String> cells = new ArrayList<>();
            while (m.find()) {
                cells.add(HtmlUtils.htmlUnescape(m.group(1)));
            }
            return cells;
        }).toList();
    }

    /** A CSV export parsed back: UTF-8 with a byte order mark, semicolons. */
    private static List<CSVRecord> csv(Browser browser, String path) throws IOException {
        var response = browser.getBytes(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)),
                CSVFormat.DEFAULT.builder().setDelimiter(';').build())) {
            return parser.getRecords();
        }
    }
}
