package se.samlarande.partner;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitDirection;

/**
 * The partner register over real HTTP, with visits registered through the process as Tasklist does (and through the
 * app's own registration page), staff signed in through the login form and a guest answering the intake through the
 * personal link from the invitation GreenMail received.
 */
@SamlarandeTest
class PartnersHttpTest extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/g/[A-Za-z0-9_-]{43})");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerRegister register;

    /** This test's own organisation, so other tests' visits (in the same database) never count. */
    private String organisation;
    private String contactName;

    @BeforeEach
    void anOrganisationOfItsOwn() {
        organisation = "Region Testland " + UUID.randomUUID().toString().substring(0, 8);
        contactName = "Tova Testsson";
    }

    /** Every visit of this class is of this test's organisation, whichever helper registers it. */
    @Override
    protected ProcessInstance registerVisit(LocalDate from, LocalDate to, String language) {
        return register(organisation, "REGIONAL", contactName, guestEmail, language, from, to);
    }

    private ProcessInstance register(String organisation, String level, String name, String email, String language,
            LocalDate from, LocalDate to) {
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", "Vårdcentralen Partner");
        form.put("topic", "Nätverkets lärande");
        form.put("dateFrom", from.toString());
        form.put("dateTo", to.toString());
        form.put("guestOrganisation", organisation);
        form.put("partnerLevel", level);
        form.put("contactName", name);
        form.put("contactEmail", email);
        form.put("contactLanguage", language);
        return as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
    }

    @Test
    void aSecondVisitOfTheSameOrganisationAndPersonTypedDifferentlyIsLinkedToTheSameOnes() {
        // given a visit of an organisation and its contact person
        ProcessInstance first = registerVisit();
        runDueJobs(first);

        // when a second visit is registered with the organisation's name in other case and spacing, and the address
        // in capitals with spaces around it
        ProcessInstance second = register("  " + organisation.toUpperCase().replace(" ", "   ") + " ", "REGIONAL",
                "Tova  Testsson", "  " + guestEmail.toUpperCase() + " ", "SV", VISIT_FROM.plusDays(30), VISIT_TO.plusDays(30));
        runDueJobs(second);

        // then there is one organisation and one contact person, and both visits and both guests point at them
        Visit a = visitOf(first);
        Visit b = visitOf(second);
        assertThat(count("SELECT COUNT(*) FROM sl_partner WHERE name_key = ?", PartnerNames.key(organisation))).isEqualTo(1);
        Partner partner = directory.partnerOf(a.id()).orElseThrow();
        assertThat(partner.name()).isEqualTo(organisation);
        assertThat(directory.partnerOf(b.id())).contains(partner);
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact WHERE partner_id = ?", partner.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM sl_participant WHERE visit_id IN (?, ?)", a.id(), b.id()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_participant WHERE visit_id IN (?, ?) AND contact_id IS NULL", a.id(), b.id()))
                .isZero();

        // and a host finds the organisation by a part of its name in any case, with both visits on its page
        Browser hanna = Browser.signedIn(port, "hanna");
        String list = hanna.get("/app/partners?q=" + url(organisation.substring(7).toLowerCase())).body();
        assertThat(list).contains(organisation, "/app/partners/" + partner.id(), "En organisation");
        String page = hanna.get("/app/partners/" + partner.id()).body();
        assertThat(page).contains("De har besökt oss", a.reference(), b.reference(), "Regional");
        // but not the contact person, who has not said yes to being contacted again
        assertThat(page).contains("Ingen från organisationen har sagt ja").doesNotContain(guestEmail);
        // and the visit's page leads to the partner's page
        assertThat(hanna.get("/app/visits/" + a.reference()).body()).contains("/app/partners/" + partner.id(),
                "Inkommande: partnern besöker regionen");
        assertThat(hanna.get("/app/partners/" + partner.id() + "?lang=en").body()).contains("lang=\"en\"",
                "They visited us", "Whom can we contact?");
    }

    @Test
    void theGuestsChoiceInTheIntakeDecidesWhetherTheyAreOfferedAsSomeoneToContact() {
        // given a visit whose contact guest has an invitation with a personal link
        ProcessInstance instance = registerVisit();
        runDueJobs(instance);
        Visit visit = visitOf(instance);
        String coTraveller = "olle-" + UUID.randomUUID().toString().substring(0, 8) + "@testland.example";

        // when the guest answers the intake, says yes to being contacted again and adds a co-traveller
        Browser guest = new Browser(port);
        Matcher link = LINK.matcher(lastBodyTo(guestEmail));
        assertThat(link.find()).isTrue();
        assertThat(guest.get(link.group(1)).statusCode()).isEqualTo(302);
        String form = guest.get("/guest/intake").body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).isTrue();
        assertThat(guest.get("/guest/intake/schema").body()).contains("contactAgainConsent");
        HttpResponse<String> sent = guest.request("POST", "/guest/intake", "application/json", """
                {"values": {"goalsAndPurpose": "Se hur ni arbetar", "improvementWork": "Vår mottagning för sköra äldre",
                 "contactAgainConsent": true, "confidentialityAccepted": true,
                 "coTravellers": [{"name": "Olle Medresenär", "email": "%s", "language": "SV"}]}}""".formatted(coTraveller),
                "X-CSRF-TOKEN", csrf.group(1));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        // then the choice is stored with the intake and on the contact person, when and how it was made
        Partner partner = directory.partnerOf(visit.id()).orElseThrow();
        assertThat(count("SELECT COUNT(*) FROM sl_intake WHERE visit_id = ? AND contact_again = TRUE", visit.id())).isEqualTo(1);
        assertThat(directory.contactsFor(visit.id())).singleElement().satisfies(c -> {
            assertThat(c.email()).isEqualTo(guestEmail);
            assertThat(c.consentSource()).isEqualTo(ConsentSource.INTAKE);
            assertThat(c.consentAt()).isNotNull();
        });
        // and the co-traveller, invited later, is a contact person of the same organisation, not asked yet
        assertThat(directory.allContacts(partner.id())).extracting(Contact::email).containsExactlyInAnyOrder(guestEmail, coTraveller);
        assertThat(guest.get("/guest/intake/data").body()).contains("\"contactAgainConsent\":true");

        // and a host sees the contact guest as someone to contact, with the visit, but never the co-traveller
        Browser hanna = Browser.signedIn(port, "hanna");
        String hostsPage = hanna.get("/app/partners/" + partner.id()).body();
        assertThat(hostsPage).contains(contactName, "mailto:" + guestEmail, visit.reference(), "Sa ja i underlaget")
                .doesNotContain(coTraveller, "Olle Medresenär");
        // while a coordinator sees the co-traveller too, marked as not asked
        Browser kim = Browser.signedIn(port, "kim");
        String coordinatorsPage = kim.get("/app/partners/" + partner.id()).body();
        assertThat(coordinatorsPage).contains("Kontaktpersoner som inte ska kontaktas", "Olle Medresenär", coTraveller,
                "Inte tillfrågad");

        // when the co-traveller says yes on the phone and the contact guest changes her mind, recorded by a coordinator
        long olle = directory.allContacts(partner.id()).stream().filter(c -> c.email().equals(coTraveller)).findFirst()
                .orElseThrow().id();
        long tova = directory.contactsFor(visit.id()).get(0).id();
        assertThat(kim.postForm("/app/partners/" + partner.id() + "/contacts/" + olle + "/consent", "contactAgain=true")
                .statusCode()).isEqualTo(302);
        assertThat(kim.postForm("/app/partners/" + partner.id() + "/contacts/" + tova + "/consent", "contactAgain=false")
                .statusCode()).isEqualTo(302);
        assertThat(kim.postForm("/app/partners/" + partner.id() + "/contacts/" + olle + "/role", "roleTitle=" + url("Undersköterska"))
                .statusCode()).isEqualTo(302);

        // then only the co-traveller is offered, with the coordinator's recording, and both choices are audited
        assertThat(directory.contactsFor(visit.id())).extracting(Contact::email).containsExactly(coTraveller);
        assertThat(hanna.get("/app/partners/" + partner.id()).body()).contains("Olle Medresenär", "Undersköterska",
                "Ja, registrerat av kim").doesNotContain(guestEmail);
        assertThat(jdbc.sql("SELECT detail FROM sl_audit_event WHERE action = 'CONTACT_CONSENT_RECORDED' AND actor = 'kim' "
                        + "AND detail LIKE ? ORDER BY id").param("%(partner " + partner.id() + ")").query(String.class).list())
                .containsExactly("Kontaktperson " + olle + ": får kontaktas igen: inte tillfrågad → ja (partner " + partner.id() + ")",
                        "Kontaktperson " + tova + ": får kontaktas igen: ja → nej (partner " + partner.id() + ")");
        // and a choice without an answer is refused with a message; a host may record nothing
        assertThat(kim.postForm("/app/partners/" + partner.id() + "/contacts/" + olle + "/consent", "x=1").body())
                .contains("Välj ja eller nej.");
        hanna.get("/app/partners/" + partner.id());
        assertThat(hanna.postForm("/app/partners/" + partner.id() + "/contacts/" + olle + "/consent", "contactAgain=false")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void coordinatorsCorrectAnOrganisationsFactsAndTheListFiltersByThem() {
        // given an organisation
        runDueJobs(registerVisit());
        Partner partner = partnerNamed(organisation);
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/partners/" + partner.id());

        // when a coordinator corrects its level, country and sector
        HttpResponse<String> saved = kim.postForm("/app/partners/" + partner.id(),
                "level=NATIONAL&country=" + url("Norge") + "&sector=" + url("  Primärvård "));

        // then they are stored, audited, shown and filtered by
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(directory.get(partner.id())).isEqualTo(new Partner(partner.id(), organisation,
                se.samlarande.visit.PartnerLevel.NATIONAL, "Norge", "Primärvård"));
        assertThat(count("SELECT COUNT(*) FROM sl_audit_event WHERE action = 'PARTNER_UPDATED' AND actor = 'kim' AND detail LIKE ?",
                "Partner " + partner.id() + " (%")).isEqualTo(1);
        assertThat(kim.get("/app/partners/" + partner.id()).body()).contains("Organisationens uppgifter är sparade.",
                "Nationell", "Norge", "Primärvård");
        assertThat(kim.get("/app/partners?country=Norge&sector=" + url("Primärvård") + "&level=NATIONAL").body())
                .contains(organisation);
        assertThat(kim.get("/app/partners?country=Norge&level=LOCAL").body()).doesNotContain(organisation);

        // and an unknown level or an overlong sector is refused next to its field, what was typed kept
        kim.get("/app/partners/" + partner.id());
        assertThat(kim.postForm("/app/partners/" + partner.id(), "level=GALACTIC&country=Sverige&sector=").body())
                .contains("Välj en av nivåerna.", "Sverige");
        assertThat(kim.postForm("/app/partners/" + partner.id(), "level=LOCAL&country=&sector=" + "x".repeat(101)).body())
                .contains("Texten är för lång.");
        assertThat(directory.get(partner.id()).country()).isEqualTo("Norge");
        // and a host or a process owner cannot change them
        for (String user : List.of("hanna", "per")) {
            Browser browser = Browser.signedIn(port, user);
            browser.get("/app/partners/" + partner.id());
            assertThat(browser.postForm("/app/partners/" + partner.id(), "level=LOCAL").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(kim.get("/app/partners/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void theRegistrationPageSuggestsKnownOrganisationsAndPeopleAndRegistersAnOutgoingVisitWithoutDuplicates() {
        // given a known organisation and contact person
        runDueJobs(registerVisit());
        Partner partner = partnerNamed(organisation);
        Browser kim = Browser.signedIn(port, "kim");

        // when a coordinator opens the registration page
        String page = kim.get("/app/visits/new").body().replaceAll("\\s+", " ");

        // then it offers them as suggestions, with what choosing them fills in
        assertThat(page).contains("<datalist id=\"known-organisations\">", "list=\"known-organisations\"",
                "<option value=\"" + organisation + "\" data-level=\"REGIONAL\">",
                "<option value=\"" + guestEmail + "\" data-name=\"" + contactName + "\" data-language=\"EN\" data-organisation=\""
                        + organisation + "\" data-level=\"REGIONAL\">",
                "/js/visit-registration.js", "name=\"direction\" value=\"OUTGOING\"");

        // when a half-filled form is sent, it comes back with messages and what was typed
        String refused = kim.postForm("/app/visits/new", "hostUnit=" + url("Vårdcentralen Partner") + "&topic=&direction=OUTGOING")
                .body();
        assertThat(refused).contains("Besöket är inte registrerat", "Ämne måste fyllas i.", "Vårdcentralen Partner");
        // and dates the process refuses come back with its reason
        String form = "hostUnit=" + url("Vårdcentralen Partner") + "&topic=" + url("Studiebesök hos partnern")
                + "&dateFrom=2027-03-10&dateTo=2027-03-11&direction=OUTGOING&guestOrganisation=" + url(organisation.toLowerCase())
                + "&partnerLevel=REGIONAL&contactName=" + url(contactName) + "&contactEmail=" + url(guestEmail)
                + "&contactLanguage=SV";
        assertThat(kim.postForm("/app/visits/new", form.replace("dateTo=2027-03-11", "dateTo=2027-03-01")).body())
                .contains("kan inte vara före");

        // when the outgoing visit is registered with the organisation typed in lower case
        HttpResponse<String> registered = kim.postForm("/app/visits/new", form);

        // then the process started as from Tasklist, by the coordinator, and the visit is linked to the known ones
        assertThat(registered.statusCode()).isEqualTo(302);
        String reference = registered.headers().firstValue("Location").orElseThrow().replaceAll(".*/app/visits/", "");
        Visit visit = visits.getByReference(reference);
        assertThat(visit.direction()).isEqualTo(VisitDirection.OUTGOING);
        assertThat(visit.registeredBy()).isEqualTo("kim");
        assertThat(directory.partnerOf(visit.id())).contains(partner);
        assertThat(count("SELECT COUNT(*) FROM sl_partner WHERE name_key = ?", PartnerNames.key(organisation))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact WHERE partner_id = ?", partner.id())).isEqualTo(1);
        assertThat(kim.get("/app/visits/" + reference).body()).contains("Besöket " + reference + " är registrerat",
                "Utgående: regionens medarbetare besöker partnern");
        // and the partner's page shows it as our visit to them
        String partnerPage = kim.get("/app/partners/" + partner.id()).body();
        assertThat(partnerPage.substring(partnerPage.indexOf("Vi har besökt dem"))).contains(reference);
        assertThat(partnerPage.substring(partnerPage.indexOf("De har besökt oss"), partnerPage.indexOf("Vi har besökt dem")))
                .doesNotContain(reference);

        // and hosts and process owners cannot register visits here
        assertThat(Browser.signedIn(port, "hanna").get("/app/visits/new").statusCode()).isEqualTo(403);
        assertThat(Browser.signedIn(port, "per").get("/app/visits/new").statusCode()).isEqualTo(403);
        assertThat(new Browser(port).get("/app/visits/new").headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void whatWasSharedAndLearnedInTheVisitsIsOnThePartnersPage() {
        // given a visit of the organisation driven to its summary meeting
        ProcessInstance visit = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(visit);
        holdTheSummaryMeeting(visit, false);
        Partner partner = partnerNamed(organisation);

        // when a process owner reads the partner's page
        String page = Browser.signedIn(port, "per").get("/app/partners/" + partner.id()).body();

        // then it shows the guests' improvement work, what the host shared and what was learned and put into practice
        String learning = page.substring(page.indexOf("Vad som delades och lärdes"));
        assertThat(learning).contains(visitOf(visit).reference(), "Gästernas förbättringsarbete", "Work",
                "Vad värden delade", "Falls prevention", "Video triage saves trips", "Pilot video triage");
    }

    @Test
    void visitsRegisteredBeforeTheRegisterExistedAreLinkedByTheirOrganisationsName() {
        // given two visits as they stood before the upgrade: no organisation, no contact person
        ProcessInstance first = registerVisit();
        ProcessInstance second = register(organisation.toUpperCase(), "LOCAL", "Tova Testsson", guestEmail, "SV",
                VISIT_FROM.plusDays(7), VISIT_TO.plusDays(7));
        Visit a = visitOf(first);
        Visit b = visitOf(second);
        long partnerId = directory.partnerOf(a.id()).orElseThrow().id();
        jdbc.sql("UPDATE sl_participant SET contact_id = NULL WHERE visit_id IN (?, ?)").params(a.id(), b.id()).update();
        jdbc.sql("UPDATE sl_visit SET partner_id = NULL WHERE id IN (?, ?)").params(a.id(), b.id()).update();
        jdbc.sql("DELETE FROM sl_partner_contact WHERE partner_id = ?").param(partnerId).update();
        jdbc.sql("DELETE FROM sl_partner WHERE id = ?").param(partnerId).update();

        // when the app starts and links earlier visits
        int linked = register.linkUnlinkedVisits();

        // then both visits belong to one organisation, named as first registered, and their guest to one person
        assertThat(linked).isGreaterThanOrEqualTo(2);
        Partner partner = directory.partnerOf(a.id()).orElseThrow();
        assertThat(partner.name()).isEqualTo(organisation);
        assertThat(partner.level()).isEqualTo(se.samlarande.visit.PartnerLevel.REGIONAL);
        assertThat(directory.partnerOf(b.id())).contains(partner);
        assertThat(directory.allContacts(partner.id())).extracting(Contact::email).containsExactly(guestEmail);
        // and a second run finds nothing more to do
        assertThat(register.linkUnlinkedVisits()).isZero();
    }

    private Partner partnerNamed(String name) {
        return directory.search(name, null, null, null).stream().map(PartnerSummary::partner)
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
