package se.samlarande.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.Browser;
import se.samlarande.support.VisitScenario;

/**
 * Visits driven through the real process until their answers are in the library: registered by a coordinator with
 * the guest organisation and level the test names, the intake sent by the guest over HTTP from the emailed link (with
 * or without consent to the library), hosted and summed up by staff through their task forms.
 */
abstract class LibraryScenario extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/g/[A-Za-z0-9_-]{43}");
    private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort protected int port;
    @Autowired protected LibraryService library;

    /** A visit's process and the guest who was invited to it. */
    protected record Driven(ProcessInstance process, long visitId, String reference, String guestEmail) {
    }

    /** A coordinator registers a visit from this organisation, at this level; the invitation goes out. */
    protected Driven invite(String organisation, String level, String language) {
        guestEmail = "library-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org";
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", "Hälsocentralen Norr");
        form.put("topic", "Samlärande om " + organisation);
        form.put("dateFrom", VISIT_FROM.toString());
        form.put("dateTo", VISIT_TO.toString());
        form.put("guestOrganisation", organisation);
        form.put("partnerLevel", level);
        form.put("contactName", "Gäst från " + organisation);
        form.put("contactEmail", guestEmail);
        form.put("contactLanguage", language);
        ProcessInstance process = as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
        runDueJobs(process);
        return new Driven(process, visitOf(process).id(), visitOf(process).reference(), guestEmail);
    }

    /** The guest opens the link in the invitation and sends the intake, as the guest page's script posts it. */
    /** The guest sends the intake from the emailed link, agreeing to be contacted again if they agree to the library. */
    protected void sendIntake(Driven visit, String goals, String work, boolean libraryConsent) {
        sendIntake(visit, goals, work, libraryConsent, libraryConsent);
    }

    protected void sendIntake(Driven visit, String goals, String work, boolean libraryConsent, boolean contactAgain) {
        String link = LINK.matcher(lastBodyTo(visit.guestEmail())).results().map(java.util.regex.MatchResult::group).findFirst().orElseThrow();
        Browser guest = new Browser(port);
        assertThat(guest.get(link.substring("http://localhost:8080".length())).statusCode()).isEqualTo(302);
        HttpResponse<String> page = guest.get("/guest/intake");
        Matcher csrf = CSRF_META.matcher(page.body());
        assertThat(csrf.find()).as("the guest page's CSRF token").isTrue();
        String json = """
                {"values": {"goalsAndPurpose": %s, "improvementWork": %s, "confidentialityAccepted": true,
                            "libraryConsent": %s, "contactAgainConsent": %s}}""".formatted(quote(goals), quote(work),
                libraryConsent, contactAgain);
        HttpResponse<String> sent = guest.request("POST", "/guest/intake", "application/json", json, "X-CSRF-TOKEN",
                csrf.group(1));
        assertThat(sent.statusCode()).as("intake sent: %s", sent.body()).isEqualTo(200);
        // the page that confirms it says whether the work may be published in the library
        String confirmation = guest.get("/guest/intake/sent").body();
        assertThat(confirmation.contains("bibliotek med goda exempel") || confirmation.contains("library of good examples"))
                .as("the confirmation names the consent").isEqualTo(libraryConsent);
    }

    /** The host plans the programme, the visit's first day comes, and the host reports what was shared. */
    protected void host(Driven visit, String programme, String notes, String sharedWork, boolean libraryConsent) {
        runDueJobs(visit.process()); // the review task, created by the job executor after the intake
        complete(visit.process(), "Task_ReviewIntake", "hanna", "programme", programme);
        runDueJobs(visit.process());
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit.process());
        complete(visit.process(), "Task_HostVisit", "hanna", "attendance", 6L, "hostingNotes", notes, "sharedWork",
                sharedWork, "libraryConsent", libraryConsent);
        runDueJobs(visit.process());
    }

    /** Evaluations, the summary meeting scheduled and held with these learnings; the visit closes. */
    protected void sumUp(Driven visit, String learned, String introduce, boolean libraryConsent) {
        complete(visit.process(), "Task_EvaluateAsHost", "hanna", "hostScore", "5", "hostWentWell", "Engagerade gäster");
        answers.recordGuestEvaluation(visit.visitId(), visits.guests(visit.visitId()).get(0).id(), 5, "Bra", null, "kim");
        complete(visit.process(), "Task_ScheduleSummaryMeeting", "kim", "summaryMeetingTime", "2027-02-01T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(visit.process());
        moveClockTo(at(LocalDate.of(2027, 2, 1), 10, 0));
        runDueJobs(visit.process());
        complete(visit.process(), "Task_HoldSummaryMeeting", "kim", "purposeMet", "YES", "learned", learned,
                "introduceInPractice", introduce, "followUpActions", "", "publishOnBlog", false,
                "libraryConsent", libraryConsent);
        runDueJobs(visit.process());
        moveClockTo(NOW);
    }

    /** The entries of a visit that search, lists and packages may show, by where they came from. */
    protected Map<LibrarySource, LibraryEntry> visibleEntries(Driven visit) {
        Map<LibrarySource, LibraryEntry> entries = new HashMap<>();
        library.visibleEntriesOfVisit(visit.visitId()).forEach(e -> entries.put(e.source(), e));
        return entries;
    }

    /** A library search over HTTP as this person: the page. */
    protected static String search(Browser browser, String q, String... filters) {
        StringBuilder path = new StringBuilder("/app/library?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        for (int i = 0; i < filters.length; i += 2) {
            path.append('&').append(filters[i]).append('=').append(URLEncoder.encode(filters[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> page = browser.get(path.toString());
        assertThat(page.statusCode()).as("search %s", path).isEqualTo(200);
        return page.body();
    }

    /** The entry ids of a search result page, in the order shown. */
    protected static List<Long> hitIds(String page) {
        return Pattern.compile("<h3><a href=\"/app/library/(\\d+)").matcher(page).results()
                .map(m -> Long.valueOf(m.group(1))).toList();
    }

    protected static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    protected static String form(String... keyValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(keyValues[i]).append('=').append(URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }
}
