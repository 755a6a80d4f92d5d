package se.samlarande.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.VisitRequests;

/** The register extract and erasure on request over HTTP, at {@code /app/privacy}, and who may reach them. */
@SamlarandeTest
class PrivacyHttpTest extends PrivacyScenario {

    private static final Pattern GUEST_LINK = Pattern.compile("http://localhost:8080(/g/[A-Za-z0-9_-]+)");

    @LocalServerPort int port;
    @Autowired VisitRequests requests;
    @Autowired ObjectMapper json;
    @Autowired se.samlarande.partner.PartnerDirectory partners;
    @Autowired se.samlarande.partner.PartnerRegister partnerRegister;

    @Test
    void aCoordinatorGetsEverythingStoredAboutOnePersonAndNothingAboutAnother() throws Exception {
        // given a person who was the contact guest of a closed visit and of one still running, with a co-traveller
        // in the first, and who once asked for a visit that was declined
        String email = uniqueEmail("petra");
        Driven closed = register(LocalDate.of(2020, 5, 11), "Petra Person", email);
        String otherEmail = uniqueEmail("quentin");
        visits.addGuest(closed.visit().id(), "Quentin Annan", otherEmail, Language.SV, closed.guestId());
        driveToHosting(closed);
        blog.hidePost(closed.visit().id(), jdbc.sql("SELECT id FROM sl_blog_post WHERE author_participant_id = ?")
                .param(closed.guestId()).query(Long.class).single(), "hanna", "Fel besök");
        driveToClosed(closed);
        Driven running = register(LocalDate.of(2020, 9, 14), "Petra Person", email);
        long requestId = declinedRequest(email);
        // and who said yes to being contacted again, as a coordinator recorded in the partner register
        long partner = partners.partnerOf(closed.visit().id()).orElseThrow().id();
        long contact = partners.allContacts(partner).stream().filter(c -> c.email().equals(email)).findFirst()
                .orElseThrow().id();
        partnerRegister.recordConsent(partner, contact, true, "kim");

        // when a coordinator downloads the register extract
        Browser kim = Browser.signedIn(port, "kim");
        assertThat(kim.get("/app/privacy").body()).contains("Registerutdrag", "Radera på begäran");
        HttpResponse<String> response = kim.postForm("/app/privacy/extract", "email=" + url(email.toUpperCase()));

        // then it is a UTF-8 JSON file to save
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/json", "UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", "registerutdrag-");
        JsonNode extract = json.readTree(response.body());
        // with the person in both visits, their answers, blog post (hidden by a host), links, emails, request and
        // the audit record of the hiding
        assertThat(extract.get("emailAddress").asText()).isEqualTo(email);
        assertThat(texts(extract.get("visits"), "reference")).containsExactly(closed.visit().reference(), running.visit().reference());
        assertThat(texts(extract.get("visits"), "name")).containsOnly("Petra Person");
        assertThat(texts(extract.get("intakeAnswers"), "goalsAndPurpose")).containsExactly("Mål från Petra Person");
        assertThat(texts(extract.get("evaluations"), "wentWell")).containsExactly("Triagerummet, sa Petra Person");
        assertThat(texts(extract.get("blogPosts"), "title")).containsExactly("Hälsning från Petra Person");
        assertThat(extract.get("blogPosts").get(0).get("images").asInt()).isEqualTo(1);
        assertThat(extract.get("personalLinks").size()).isPositive();
        assertThat(texts(extract.get("emails"), "recipient")).isNotEmpty().containsOnly(email);
        assertThat(texts(extract.get("emails"), "reference")).contains(closed.visit().reference(), running.visit().reference());
        assertThat(texts(extract.get("visitRequests"), "request")).containsExactly("REQ-" + requestId);
        assertThat(texts(extract.get("visitRequests"), "whatToSee")).containsExactly("Hur ni gallrar");
        // and the person in the partner register, once for the organisation of both visits, with the choice made
        assertThat(extract.get("partnerContacts").size()).isEqualTo(1);
        JsonNode asContact = extract.get("partnerContacts").get(0);
        assertThat(asContact.get("organisation").asText()).isEqualTo("Partner AB");
        assertThat(asContact.get("name").asText()).isEqualTo("Petra Person");
        assertThat(asContact.get("contactAgain").asBoolean()).isTrue();
        assertThat(asContact.get("consentSource").asText()).isEqualTo("STAFF");
        assertThat(asContact.get("consentBy").asText()).isEqualTo("kim");
        assertThat(extract.get("intakeAnswers").get(0).has("contactAgain")).isTrue();
        assertThat(texts(extract.get("auditRecords"), "action")).containsExactly("POST_HIDDEN", "CONTACT_CONSENT_RECORDED");
        assertThat(texts(extract.get("auditRecords"), "detail").get(0)).contains("Petra Person", "Fel besök");
        assertThat(texts(extract.get("auditRecords"), "detail").get(1)).startsWith("Kontaktperson " + contact + ":");
        // and nothing about the co-traveller
        assertThat(response.body()).doesNotContain("Quentin", otherEmail);
        // and producing it is in the audit trail by whom, without the address
        assertThat(auditActions(closed.visit().id(), "REGISTER_EXTRACT")).singleElement()
                .satisfies(d -> assertThat(d).contains("sha256:" + Hashes.sha256(email)).doesNotContain(email));
    }

    @Test
    void erasureIsRefusedWhileAVisitRunsAndDoneAfterItEndsWithTheActionAudited() throws Exception {
        // given a person in a closed visit and in a running one
        String email = uniqueEmail("erik");
        Driven closed = register(LocalDate.of(2020, 6, 8), "Erik Radera", email);
        driveToHosting(closed);
        driveToClosed(closed);
        Driven running = register(LocalDate.of(2020, 10, 12), "Erik Radera", email);
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/privacy");

        // when a coordinator erases the person while the second visit runs
        HttpResponse<String> refused = kim.postForm("/app/privacy/erase", "email=" + url(email) + "&confirm=true");

        // then it is refused, naming the visit, and nothing is changed
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Raderingen kan inte göras nu", running.visit().reference());
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE email = ?", email)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM sl_audit_event WHERE action = 'PERSON_ERASED' AND detail LIKE ?",
                "%" + Hashes.sha256(email) + "%")).isZero();

        // when the running visit is cancelled, its emails sent, and the erasure asked for again
        kim.get("/app/visits/" + running.visit().reference());
        assertThat(kim.postForm("/app/visits/" + running.visit().reference() + "/cancel", "reason=" + url("Ombyggnad"))
                .statusCode()).isEqualTo(302);
        // (while the cancellation emails are still to be sent, the visit's data is still needed)
        kim.get("/app/privacy");
        assertThat(kim.postForm("/app/privacy/erase", "email=" + url(email) + "&confirm=true").statusCode()).isEqualTo(409);
        runDueJobs(running.instance());
        assertThat(running.instance()).isEnded();
        kim.get("/app/privacy");
        HttpResponse<String> done = kim.postForm("/app/privacy/erase", "email=" + url(email) + "&confirm=true");

        // then it is done: the person's rows are anonymised in both visits, their texts and links gone
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Uppgifterna är raderade: 2 besök");
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE email = ? OR name = 'Erik Radera'", email)).isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE id = ? AND name = 'Anonymiserad' AND anonymised_at IS NOT NULL",
                closed.guestId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_access_token WHERE participant_id IN (?, ?)", closed.guestId(),
                running.guestId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_intake WHERE participant_id = ? AND goals_and_purpose = ''",
                closed.guestId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_evaluation WHERE participant_id = ? AND score = 4 AND went_well IS NULL",
                closed.guestId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_blog_post WHERE author_participant_id = ? AND body_html = '' AND erased_at IS NOT NULL",
                closed.guestId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_email WHERE recipient = ?", email)).isZero();
        // and the person's row in the partner register is anonymised too, kept for the visits that point at it
        assertThat(done.body()).contains("1 kontaktpersoner i partnerregistret");
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact WHERE email = ? OR name = 'Erik Radera'", email)).isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact c JOIN sl_participant g ON g.contact_id = c.id "
                + "WHERE g.id = ? AND c.anonymised_at IS NOT NULL", closed.guestId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_email WHERE visit_id = ? AND erased_at IS NOT NULL", closed.visit().id()))
                .isPositive();
        // and the audit trail of each visit says who erased, with a hash of the address and never the address
        for (Driven visit : List.of(closed, running)) {
            assertThat(jdbc.sql("SELECT actor FROM sl_audit_event WHERE visit_id = ? AND action = 'PERSON_ERASED'")
                    .param(visit.visit().id()).query(String.class).list()).containsExactly("kim");
            assertThat(auditActions(visit.visit().id(), "PERSON_ERASED").get(0))
                    .contains("sha256:" + Hashes.sha256(email));
        }
        assertThat(count("SELECT COUNT(*) FROM sl_audit_event WHERE detail LIKE ?", "%" + email + "%")).isZero();
        assertThat(kim.get("/app/visits/" + closed.visit().reference() + "/audit").body())
                .contains("Uppgifter om en person raderade på begäran");
        // and a new extract finds nothing of the person
        kim.get("/app/privacy");
        JsonNode extract = json.readTree(kim.postForm("/app/privacy/extract", "email=" + url(email)).body());
        assertThat(extract.get("visits").size()).isZero();
        assertThat(extract.get("emails").size()).isZero();
        assertThat(extract.get("partnerContacts").size()).isZero();
    }

    @Test
    void aGuestIsErasedWhileTheProcessOnlyWaitsToFollowUpThePracticeAndAHostsAnswerIsInTheirExtractAndErased()
            throws Exception {
        // given a closed visit whose process waits, months after, to ask its host about the practice
        String email = uniqueEmail("frida");
        Driven visit = register(LocalDate.of(2020, 3, 9), "Frida Följd", email);
        driveToHosting(visit);
        driveToClosedAwaitingFollowUp(visit);
        assertThat(visit.instance()).isWaitingAt("TimerEvent_PracticeFollowUpDue");
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/privacy");

        // when a coordinator erases the guest: the follow-up needs nothing of the guests, so it is done
        HttpResponse<String> erased = kim.postForm("/app/privacy/erase", "email=" + url(email) + "&confirm=true");
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Uppgifterna är raderade: 1 besök");
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE id = ? AND name = 'Anonymiserad'", visit.guestId()))
                .isEqualTo(1);
        assertThat(visit.instance()).isWaitingAt("TimerEvent_PracticeFollowUpDue");

        // and a host of their own answers the follow-up when it comes
        String hostId = "vera" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        String hostEmail = hostId + "@samlarande.example";
        org.camunda.bpm.engine.identity.User host = identity.newUser(hostId);
        host.setFirstName("Vera");
        host.setLastName("Värd");
        host.setEmail(hostEmail);
        identity.saveUser(host);
        identity.createMembership(hostId, "hosts");
        followUpThePractice(visit.instance(), hostId, "PARTLY", "Veras triage i entrén", "Vera ser kortare köer");
        assertThat(visit.instance()).isEnded();

        // when a coordinator takes out the host's register extract
        kim.get("/app/privacy");
        JsonNode extract = json.readTree(kim.postForm("/app/privacy/extract", "email=" + url(hostEmail)).body());

        // then it holds the host's answer, with the visit
        assertThat(extract.get("practiceFollowUps")).singleElement().satisfies(f -> {
            assertThat(f.get("reference").asText()).isEqualTo(visit.visit().reference());
            assertThat(f.get("introduced").asText()).isEqualTo("PARTLY");
            assertThat(f.get("whatWasIntroduced").asText()).isEqualTo("Veras triage i entrén");
            assertThat(f.get("effect").asText()).isEqualTo("Vera ser kortare köer");
            assertThat(f.get("answeredBy").asText()).isEqualTo(hostId);
        });
        assertThat(extract.get("visits").size()).isZero();
        assertThat(auditActions(visit.visit().id(), "REGISTER_EXTRACT")).anySatisfy(d -> assertThat(d)
                .contains("en värd", Hashes.sha256(hostEmail)));
        // and a guest's extract holds no one's answers
        assertThat(json.readTree(kim.postForm("/app/privacy/extract", "email=" + url(email)).body())
                .get("practiceFollowUps").size()).isZero();

        // when the host asks to be erased
        kim.get("/app/privacy");
        HttpResponse<String> hostErased = kim.postForm("/app/privacy/erase", "email=" + url(hostEmail) + "&confirm=true");

        // then the free text, who answered and the blog post made of it are gone, the answer (the measure) kept
        assertThat(hostErased.statusCode()).isEqualTo(200);
        assertThat(hostErased.body()).contains("1 svar på uppföljningar av praktiken");
        assertThat(jdbc.sql("SELECT introduced, what_was_introduced, effect, answered_by FROM sl_practice_follow_up WHERE visit_id = ?")
                .param(visit.visit().id()).query((rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ":"
                        + rs.getString(3) + ":" + rs.getString(4)).single())
                .isEqualTo("PARTLY:null:null:Anonymiserad");
        assertThat(count("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND kind = 'PRACTICE_FOLLOW_UP' "
                + "AND body_html = '' AND erased_at IS NOT NULL", visit.visit().id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_blog_post WHERE body_html LIKE '%Vera%'")).isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(visit.instance().getId()).variableNameIn("whatWasIntroduced", "effect")
                .includeDeleted().count()).isZero();
        assertThat(auditActions(visit.visit().id(), "PERSON_ERASED")).anySatisfy(d -> assertThat(d)
                .contains("Värdens svar på uppföljningen", Hashes.sha256(hostEmail)).doesNotContain(hostEmail));
        assertThat(json.readTree(kim.postForm("/app/privacy/extract", "email=" + url(hostEmail)).body())
                .get("practiceFollowUps").size()).isZero();
    }

    @Test
    void hostsProcessOwnersGuestsAndAnonymousCannotReachThePrivacyPages() {
        // given a guest with a personal link from an invitation
        Driven visit = register(LocalDate.of(2020, 11, 9), "Greta Gäst", uniqueEmail("greta"));
        Matcher link = GUEST_LINK.matcher(lastBodyTo(visit.guestEmail()));
        assertThat(link.find()).isTrue();

        for (String user : List.of("hanna", "per")) {
            // when a host or a process owner asks for the page or posts to it
            Browser browser = Browser.signedIn(port, user);
            browser.get("/app/visits");
            // then they are refused
            assertThat(browser.get("/app/privacy").statusCode()).as(user).isEqualTo(403);
            assertThat(browser.postForm("/app/privacy/extract", "email=" + url(visit.guestEmail())).statusCode()).as(user)
                    .isEqualTo(403);
            assertThat(browser.postForm("/app/privacy/erase", "email=" + url(visit.guestEmail()) + "&confirm=true")
                    .statusCode()).as(user).isEqualTo(403);
        }
        // and a guest signed in by their link, like anyone not signed in, is sent to the login page
        Browser guest = new Browser(port);
        assertThat(guest.get(link.group(1)).statusCode()).isEqualTo(302);
        assertThat(guest.get("/app/privacy").headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(new Browser(port).get("/app/privacy").headers().firstValue("Location").orElseThrow()).endsWith("/login");
        // and a coordinator's page has no address in a link or an address bar
        assertThat(Browser.signedIn(port, "demo").get("/app/privacy").statusCode()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE email = ?", visit.guestEmail())).isEqualTo(1);
    }

    private long declinedRequest(String email) {
        long id = requests.submit(new VisitRequests.Submission("Petras Vårdcentral", PartnerLevel.REGIONAL, "Petra Person",
                email, Language.SV, "Vårdcentralen Dataskydd", "Hur ni gallrar", "Hösten", 3)).id();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("REQ-" + id).singleResult();
        complete(instance, "Task_AssessRequest", "kim", "requestDecision", "decline", "declineReason", "Fullbokat");
        runDueJobs(instance);
        return id;
    }

    private static List<String> texts(JsonNode array, String field) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
