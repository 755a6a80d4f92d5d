package se.samlarande.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/**
 * A visit's audit trail over HTTP, from a visit driven through the real process: tasks completed by the right
 * people, emails, answers, the coordinator's move to new dates with old and new dates, hidden blog content, in time order.
 */
@SamlarandeTest
class AuditTrailHttpTest extends ReportScenario {

    private Driven visits;

    @BeforeEach
    void threeVisitsOf2029() {
        visits = drive();
    }

    @Test
    void theTrailSaysWhoDidWhatAndWhenInTimeOrder() {
        // when a process owner exports the Ryhov visit's trail
        Browser per = Browser.signedIn(port, "per");
        List<CSVRecord> csv = csv(per, "/app/visits/" + visits.ryhov() + "/audit.csv");

        // then it starts with its header and holds the process's steps and the app's records, oldest first
        assertThat(csv.get(0).toList()).containsExactly("Tid", "Vem", "Vad", "Kod", "Detaljer", "Källa");
        List<CSVRecord> lines = csv.subList(1, csv.size());
        List<String> times = lines.stream().map(r -> r.get(0)).toList();
        assertThat(times).isSorted();
        List<String> codes = lines.stream().map(r -> r.get(3)).toList();
        assertThat(codes).containsSubsequence("PROCESS_STARTED", "EMAIL", "VISIT_RESCHEDULED", "INTAKE_RECEIVED",
                "TASK_CLAIMED", "TASK_COMPLETED", "TASK_COMPLETED", "EVALUATION_RECEIVED", "TASK_COMPLETED",
                "SUMMARY_RECORDED", "POST_HIDDEN", "COMMENT_HIDDEN");

        assertThat(line(lines, "PROCESS_STARTED", "")).satisfies(r -> assertThat(r.get(1)).isEqualTo("kim"));
        assertThat(line(lines, "VISIT_RESCHEDULED", "")).satisfies(r -> {
            assertThat(r.get(0)).isEqualTo("2026-12-02 09:00:00");
            assertThat(r.get(1)).isEqualTo("kim");
            assertThat(r.get(2)).isEqualTo("Nya datum");
            assertThat(r.get(4)).isEqualTo("2029-03-12 – 2029-03-13 → 2029-03-13 – 2029-03-14");
        });
        assertThat(line(lines, "TASK_COMPLETED", "Review intake and plan the programme").get(1)).isEqualTo("hanna");
        assertThat(line(lines, "TASK_CLAIMED", "Review intake").get(1)).isEqualTo("hanna");
        assertThat(line(lines, "TASK_COMPLETED", "Host the visit").get(1)).isEqualTo("hanna");
        assertThat(line(lines, "TASK_COMPLETED", "Evaluate the visit as host").get(1)).isEqualTo("hanna");
        assertThat(line(lines, "TASK_COMPLETED", "Hold the summary meeting")).satisfies(r -> {
            assertThat(r.get(1)).isEqualTo("kim");
            assertThat(r.get(0)).isEqualTo("2029-04-03 10:01:00");
        });
        assertThat(line(lines, "INTAKE_RECEIVED", "").get(1)).isEqualTo("Gäst INTERNATIONAL (gäst)");
        assertThat(line(lines, "EVALUATION_RECEIVED", "värden").get(1)).isEqualTo("hanna");
        assertThat(line(lines, "EMAIL", "INVITATION → " + visits.ryhovGuest()).get(4)).contains("SENT");
        assertThat(line(lines, "EMAIL", "RESCHEDULED → " + visits.ryhovGuest())).isNotEmpty();
        assertThat(line(lines, "POST_HIDDEN", "Inlägget \"Olämpligt\"")).satisfies(r -> {
            assertThat(r.get(1)).isEqualTo("hanna");
            assertThat(r.get(4)).contains("Olämpligt", "Personuppgifter");
        });
        assertThat(line(lines, "MESSAGE_RECEIVED", "")).isNotEmpty();

        // and the page shows the same, linked from the visit's page
        HttpResponse<String> page = per.get("/app/visits/" + visits.ryhov() + "/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2029-03-12 – 2029-03-13 → 2029-03-13 – 2029-03-14", "Uppgift slutförd",
                "Review intake and plan the programme", "href=\"/app/visits/" + visits.ryhov() + "/audit.csv\"");
        assertThat(per.get("/app/visits/" + visits.ryhov()).body())
                .contains("href=\"/app/visits/" + visits.ryhov() + "/audit\"");
    }

    @Test
    void processOwnersCoordinatorsAndAdminsReadTheTrailHostsAndAnonymousDoNot() {
        String path = "/app/visits/" + visits.varnamo() + "/audit";
        Browser kim = Browser.signedIn(port, "kim");
        assertThat(kim.get(path).statusCode()).isEqualTo(200);
        assertThat(csv(kim, path + ".csv")).anySatisfy(r -> assertThat(r.toList()).contains("INTAKE_RECEIVED", "kim"));
        assertThat(Browser.signedIn(port, "demo").get(path).statusCode()).isEqualTo(200);

        Browser hanna = Browser.signedIn(port, "hanna");
        assertThat(hanna.get(path).statusCode()).isEqualTo(403);
        assertThat(hanna.getBytes(path + ".csv").statusCode()).isEqualTo(403);
        assertThat(hanna.get("/app/visits/" + visits.varnamo()).body()).doesNotContain("href=\"" + path + "\"");
        assertThat(new Browser(port).get(path).statusCode()).isEqualTo(302);
        assertThat(kim.get("/app/visits/SL-1999-9999/audit").statusCode()).isEqualTo(404);
    }

    @Test
    void aCancellationOnTheVisitPageIsInTheTrailWithItsReasonAndWhoCancelled() {
        // given a registered visit (not of 2029: the report's visits stay as they are)
        var visit = registerVisit();
        runDueJobs(visit);
        String reference = visitOf(visit).reference();

        // when a coordinator cancels it on the visit's page
        later();
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/visits/" + reference);
        assertThat(kim.postForm("/app/visits/" + reference + "/cancel", "reason=V%C3%A4rden+%C3%A4r+sjuk").statusCode())
                .isEqualTo(302);
        runDueJobs(visit);

        // then the trail names the coordinator and the reason, then the process's end
        List<CSVRecord> csv = csv(kim, "/app/visits/" + reference + "/audit.csv");
        List<CSVRecord> lines = csv.subList(1, csv.size());
        assertThat(line(lines, "VISIT_CANCELLED", "")).containsExactly("2026-12-01 09:01:00", "kim", "Besöket inställt",
                "VISIT_CANCELLED", "Värden är sjuk", "Samlärande");
        assertThat(lines.stream().map(r -> r.get(3)).toList()).containsSubsequence("PROCESS_STARTED", "EMAIL",
                "VISIT_CANCELLED", "MESSAGE_RECEIVED", "EMAIL", "PROCESS_ENDED");
    }

    private static List<String> line(List<CSVRecord> lines, String code, String detailStart) {
        return lines.stream().filter(r -> r.get(3).equals(code) && r.get(4).startsWith(detailStart)).findFirst()
                .map(CSVRecord::toList)
                .orElseThrow(() -> new AssertionError("No " + code + " " + detailStart + " in "
                        + lines.stream().map(CSVRecord::toList).toList()));
    }
}
