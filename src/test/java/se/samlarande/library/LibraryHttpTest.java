package se.samlarande.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.evaluation.PracticeFollowUpRecorded;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/**
 * The library of good examples over real HTTP, with its entries made from answers given through the process: the
 * guest's intake sent from the emailed link, the host's report and the summary meeting through their task forms.
 */
@SamlarandeTest
class LibraryHttpTest extends LibraryScenario {

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired se.samlarande.partner.PartnerDirectory partners;
    @Autowired se.samlarande.partner.PartnerRegister partnerRegister;

    @Test
    void everyImprovementWorkSharedInAVisitBecomesAnEntryPublishedOnlyWithConsent() {
        // given a visit whose guest, host and summary meeting all agree to the library
        Driven shared = invite("Region Kronoberg", "REGIONAL", "SV");
        sendIntake(shared, "Se hur ni arbetar med digital triage", "Vår vårdcentral har infört digital triage i "
                + "chatten.\n\nSjuksköterskorna bedömer ärendet innan patienten bokas in.", true);
        host(shared, "Dag 1: triagerummet", "Gästerna frågade mycket om bemanning", "Ryhovs arbete med telefonrådgivning", true);
        sumUp(shared, "Digital triage sparar resor", "Vi prövar chattriagering i vår", true);
        // and a visit where nobody agrees
        Driven secret = invite("Kvarnby kommun", "LOCAL", "SV");
        String word = "Hemligkvarn" + UUID.randomUUID().toString().substring(0, 6);
        sendIntake(secret, "Se hur ni arbetar", word + " är vårt förbättringsarbete med kvarnar", false);
        host(secret, "Dag 1", "Anteckningar om " + word, word + " delades", false);
        sumUp(secret, "Vi lärde oss om " + word, "Vi inför " + word, false);

        // then the first visit's three answers are three visible entries, credited and consented as given
        Map<LibrarySource, LibraryEntry> entries = visibleEntries(shared);
        assertThat(entries).containsOnlyKeys(LibrarySource.INTAKE, LibrarySource.HOSTING, LibrarySource.SUMMARY);
        LibraryEntry intake = entries.get(LibrarySource.INTAKE);
        assertThat(intake.title()).isEqualTo("Vår vårdcentral har infört digital triage i chatten");
        assertThat(intake.content()).contains("Sjuksköterskorna bedömer");
        assertThat(intake.context()).isEqualTo("Se hur ni arbetar med digital triage");
        assertThat(intake.organisation()).isEqualTo("Region Kronoberg");
        assertThat(intake.consentBy()).startsWith("guest:");
        assertThat(intake.consentAt()).isNotNull();
        assertThat(intake.sharers()).extracting(Sharer::name).containsExactly("Gäst från Region Kronoberg");
        LibraryEntry hosting = entries.get(LibrarySource.HOSTING);
        assertThat(hosting.content()).isEqualTo("Ryhovs arbete med telefonrådgivning");
        assertThat(hosting.details()).isEqualTo("Gästerna frågade mycket om bemanning");
        assertThat(hosting.context()).isEqualTo("Dag 1: triagerummet");
        assertThat(hosting.organisation()).isEqualTo("Hälsocentralen Norr");
        assertThat(hosting.consentBy()).isEqualTo("hanna");
        assertThat(entries.get(LibrarySource.SUMMARY).details()).isEqualTo("Vi prövar chattriagering i vår");
        assertThat(entries.get(LibrarySource.SUMMARY).consentBy()).isEqualTo("kim");
        // the consent is stored with the answers too
        assertThat(answers.intakeLibraryConsent(visits.guests(shared.visitId()).get(0).id())).isPresent();
        assertThat(jdbc.sql("SELECT library_consent_by FROM sl_hosting_report WHERE visit_id = ?").param(shared.visitId())
                .query(String.class).single()).isEqualTo("hanna");
        assertThat(jdbc.sql("SELECT library_consent_by FROM sl_summary WHERE visit_id = ?").param(shared.visitId())
                .query(String.class).single()).isEqualTo("kim");

        // and the second visit's answers are drafts that nothing shows, to anyone, in any way
        assertThat(visibleEntries(secret)).isEmpty();
        List<Long> drafts = jdbc.sql("SELECT id FROM sl_library_entry WHERE visit_id = ? ORDER BY id").param(secret.visitId())
                .query(Long.class).list();
        assertThat(drafts).hasSize(3);
        for (String user : List.of("hanna", "kim", "per", "demo")) {
            Browser browser = Browser.signedIn(port, user);
            String none = search(browser, word);
            assertThat(hitIds(none)).isEmpty();
            assertThat(none).contains("0 exempel");
            assertThat(hitIds(search(browser, "kvarnar förbättringsarbete"))).doesNotContainAnyElementsOf(drafts);
            assertThat(search(browser, "", "level", "LOCAL")).doesNotContain(word);
            assertThat(hitIds(search(browser, ""))).doesNotContainAnyElementsOf(drafts);
            for (long draft : drafts) {
                assertThat(browser.get("/app/library/" + draft).statusCode()).as("%s opens draft %s", user, draft).isEqualTo(404);
            }
        }
        // a coordinator cannot publish a draft without consent either
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/library");
        assertThat(kim.postForm("/app/library/" + drafts.get(0) + "/publish", "").statusCode()).isEqualTo(404);
        assertThat(visibleEntries(secret)).isEmpty();

        // while the first visit's entries are found by any member of staff, leading back to the visit and its guests
        Browser per = Browser.signedIn(port, "per");
        String page = search(per, "vårdcentraler");
        assertThat(hitIds(page)).contains(intake.id());
        assertThat(page).contains("href=\"/app/visits/" + shared.reference() + "\"", "mailto:" + shared.guestEmail(),
                "Region Kronoberg", "<mark>vårdcentral</mark>");
        String entryPage = per.get("/app/library/" + intake.id()).body();
        assertThat(entryPage).contains("Vår vårdcentral har infört digital triage i chatten", "Sjuksköterskorna bedömer",
                "Se hur ni arbetar med digital triage", "/app/visits/" + shared.reference(), shared.guestEmail())
                .doesNotContain("Redigera exemplet");
        // and the visit's page leads to its examples in the library, never to the drafts
        assertThat(per.get("/app/visits/" + shared.reference()).body())
                .contains("href=\"/app/library/" + intake.id() + "\"", "href=\"/app/library/" + hosting.id() + "\"");
        assertThat(per.get("/app/visits/" + secret.reference()).body()).contains("Inga publicerade exempel från besöket")
                .doesNotContain("href=\"/app/library/" + drafts.get(0) + "\"");
    }

    @Test
    void whoToAskAboutAnEntryIsACompetenceFriendOfThePartnerNeverAGuestWhoSaidNo() {
        // given a guest who shares the work but does not want to be contacted again
        Driven visit = invite("Region Gotland", "REGIONAL", "SV");
        String word = "Fyrtorn" + UUID.randomUUID().toString().substring(0, 6);
        sendIntake(visit, "Se hur ni arbetar", word + " är vårt förbättringsarbete med digital triage", true, false);

        // then the entry is found, with nobody offered as a contact
        Browser per = Browser.signedIn(port, "per");
        LibraryEntry intake = visibleEntries(visit).get(LibrarySource.INTAKE);
        String page = search(per, word);
        assertThat(hitIds(page)).containsExactly(intake.id());
        assertThat(page).doesNotContain(visit.guestEmail()).contains("Ingen kontakt registrerad");
        assertThat(per.get("/app/library/" + intake.id()).body()).doesNotContain(visit.guestEmail());

        // when a coordinator records that the person said yes after all (a phone call), the person is offered
        long partner = partners.partnerOf(visit.visitId()).orElseThrow().id();
        long contact = partners.allContacts(partner).stream().filter(c -> c.email().equals(visit.guestEmail()))
                .findFirst().orElseThrow().id();
        partnerRegister.recordConsent(partner, contact, true, "kim");
        assertThat(search(per, word)).contains("mailto:" + visit.guestEmail());
        assertThat(per.get("/app/library/" + intake.id()).body()).contains(visit.guestEmail(), "Region Gotland");
    }

    @Test
    void aGuestWhoCorrectsTheIntakeWithoutConsentTakesTheEntryOutOfTheLibrary() {
        // given an intake sent with consent: the entry is found
        Driven visit = invite("Region Gotland", "REGIONAL", "SV");
        String word = "Öklint" + UUID.randomUUID().toString().substring(0, 6);
        sendIntake(visit, "Mål", word + " är vårt arbete med ökad tillgänglighet", true);
        Browser hanna = Browser.signedIn(port, "hanna");
        long id = visibleEntries(visit).get(LibrarySource.INTAKE).id();
        assertThat(hitIds(search(hanna, word))).containsExactly(id);

        // when the guest corrects it (before the host takes it up) and unticks the consent
        sendIntake(visit, "Mål", word + " är vårt arbete med ökad tillgänglighet, rättat", false);

        // then it is a draft again: not found, not shown, and the intake no longer carries a consent
        assertThat(hitIds(search(hanna, word))).isEmpty();
        assertThat(hanna.get("/app/library/" + id).statusCode()).isEqualTo(404);
        assertThat(visibleEntries(visit)).isEmpty();
        assertThat(answers.intakeLibraryConsent(visits.guests(visit.visitId()).get(0).id())).isEmpty();
    }

    @Test
    void searchUnderstandsSwedishAndEnglishWordFormsAndRanksWhatIsAboutTheWordFirst() {
        // given entries of this test only, under a theme a coordinator adds for them
        String theme = "Rangordning " + UUID.randomUUID().toString().substring(0, 8);
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/library");
        assertThat(kim.postForm("/app/library/themes", form("name", theme, "nameEn", "Ranking")).statusCode()).isEqualTo(302);
        long themeId = library.themes().stream().filter(t -> t.name().equals(theme)).findFirst().orElseThrow().id();
        long clinic = entryFromIntake("Vårdcentral i glesbygd", "En vårdcentral i glesbygd ordnar mobila team. Vår "
                + "vårdcentral samarbetar med kommunen om hembesök.", "SV", kim, themeId);
        long mention = entryFromIntake("Mobila team i hemsjukvården", "Mobila team som besöker äldre hemma. Teamet "
                + "utgår ibland från en vårdcentral.", "SV", kim, themeId);
        long work = entryFromIntake("Lärande i förbättringsarbeten", "Våra förbättringsarbeten följs upp varje "
                + "månad på arbetsplatsträffen.", "SV", kim, themeId);
        long english = entryFromIntake("Improving discharge planning", "We are improving how patients leave hospital "
                + "with a checklist.", "EN", kim, themeId);
        Browser per = Browser.signedIn(port, "per");

        // then other forms of a Swedish word find it, and the entry about it ranks above one that only mentions it
        for (String q : List.of("vårdcentralen", "vårdcentraler", "vårdcentralerna")) {
            List<Long> hits = hitIds(search(per, q, "theme", String.valueOf(themeId)));
            assertThat(hits).as(q).startsWith(clinic).contains(mention).doesNotContain(work, english);
            assertThat(hits.indexOf(clinic)).isLessThan(hits.indexOf(mention));
        }
        // the definite neuter, which Snowball alone leaves: förbättringsarbetet finds förbättringsarbeten
        assertThat(hitIds(search(per, "förbättringsarbetet", "theme", String.valueOf(themeId)))).containsExactly(work);
        assertThat(hitIds(search(per, "förbättringsarbete", "theme", String.valueOf(themeId)))).containsExactly(work);
        // English word forms: improvements finds improving
        String page = search(per, "improvements", "theme", String.valueOf(themeId));
        assertThat(hitIds(page)).containsExactly(english);
        assertThat(page).contains("<mark>improving</mark>");
        // a phrase, and a word excluded
        assertThat(hitIds(search(per, "\"mobila team\" -glesbygd", "theme", String.valueOf(themeId)))).containsExactly(mention);
        // and the theme and the partner level filter without words
        assertThat(hitIds(search(per, "", "theme", String.valueOf(themeId)))).containsExactlyInAnyOrder(clinic, mention, work, english);
        assertThat(hitIds(search(per, "", "theme", String.valueOf(themeId), "level", "NATIONAL"))).isEmpty();
        assertThat(hitIds(search(per, "", "theme", String.valueOf(themeId), "level", "INTERNATIONAL")))
                .containsExactlyInAnyOrder(clinic, mention, work, english);
        // the English page says so in English
        assertThat(per.get("/app/library?lang=en&theme=" + themeId).body()).contains("lang=\"en\"", "Library of good examples",
                "Ranking");
    }

    @Test
    void coordinatorsCurateEntriesOverHttpAndOthersOnlyRead() {
        // given a visible entry from a guest's intake
        Driven visit = invite("Region Dalarna", "REGIONAL", "SV");
        String word = "Kurering" + UUID.randomUUID().toString().substring(0, 6);
        sendIntake(visit, "Mål", word + " är vårt arbete med läkemedelsgenomgångar", true);
        long id = visibleEntries(visit).get(LibrarySource.INTAKE).id();
        long themeId = library.themes().stream().filter(t -> t.name().equals("Patientsäkerhet")).findFirst().orElseThrow().id();

        // when a host tries to curate: refused
        Browser hanna = Browser.signedIn(port, "hanna");
        assertThat(hanna.get("/app/library/" + id).body()).doesNotContain("Redigera exemplet");
        assertThat(hanna.postForm("/app/library/" + id, form("title", "Kapad")).statusCode()).isEqualTo(403);
        assertThat(hanna.postForm("/app/library/" + id + "/unpublish", "").statusCode()).isEqualTo(403);

        // a coordinator's empty title is refused with the message next to the field and the typing kept
        Browser kim = Browser.signedIn(port, "kim");
        assertThat(kim.get("/app/library/" + id).body()).contains("Redigera exemplet");
        HttpResponse<String> refused = kim.postForm("/app/library/" + id, form("title", " ", "summary", "Min text"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Ange en rubrik.", "id=\"title-error\"", "Min text");

        // then edits title, summary, language and theme
        assertThat(kim.postForm("/app/library/" + id, form("title", "Läkemedelsgenomgångar i team", "summary",
                "Apotekare och sjuksköterskor går igenom läkemedlen tillsammans.", "language", "SV", "themes",
                String.valueOf(themeId))).statusCode()).isEqualTo(302);
        Browser per = Browser.signedIn(port, "per");
        String found = search(per, word, "theme", String.valueOf(themeId));
        assertThat(hitIds(found)).containsExactly(id);
        assertThat(found).contains("Läkemedelsgenomgångar i team", "Patientsäkerhet");
        assertThat(library.entry(id).orElseThrow().themes()).extracting(Theme::name).containsExactly("Patientsäkerhet");

        // unpublishes: gone for everyone but those who curate, who can publish it again
        assertThat(kim.postForm("/app/library/" + id + "/unpublish", "").statusCode()).isEqualTo(302);
        assertThat(hitIds(search(per, word))).isEmpty();
        assertThat(per.get("/app/library/" + id).statusCode()).isEqualTo(404);
        assertThat(kim.get("/app/library").body()).contains("Läkemedelsgenomgångar i team");
        assertThat(kim.postForm("/app/library/" + id + "/publish", "").statusCode()).isEqualTo(302);
        assertThat(hitIds(search(per, word))).containsExactly(id);

        // records that the guest agreed to be named in the credits
        long sharer = library.entry(id).orElseThrow().sharers().get(0).id();
        assertThat(kim.postForm("/app/library/" + id + "/sharers/" + sharer, "named=true").statusCode()).isEqualTo(302);
        assertThat(library.entry(id).orElseThrow().namedSharers()).containsExactly("Gäst från Region Dalarna");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_audit_event WHERE visit_id = ? AND action LIKE 'LIBRARY_%'")
                .param(visit.visitId()).query(Long.class).single()).isEqualTo(4);
        // a later correction of the intake keeps the coordinator's title
        sendIntake(visit, "Mål", word + " är vårt arbete med läkemedelsgenomgångar och uppföljning", true);
        assertThat(library.entry(id).orElseThrow().title()).isEqualTo("Läkemedelsgenomgångar i team");
        assertThat(library.entry(id).orElseThrow().content()).endsWith("och uppföljning");
    }

    @Test
    void thePracticeFollowUpIsAddedToTheVisitsEntriesShownAndSearchable() {
        // given a visit with two entries
        Driven visit = invite("Region Halland", "REGIONAL", "SV");
        sendIntake(visit, "Mål", "Vårt arbete med sårvård i hemmet", true);
        host(visit, "Dag 1", "Anteckningar", "Sårvårdsteamets rutiner", true);
        String word = "Sårläkning" + UUID.randomUUID().toString().substring(0, 6);

        // when the host's answer to the practice follow-up is published (as the follow-up branch of the process does)
        transaction.executeWithoutResult(status -> events.publishEvent(new PracticeFollowUpRecorded(visit.visitId(),
                "Sårvårdsteamet infördes på två enheter", word + " gick snabbare", Instant.parse("2027-06-01T10:00:00Z"))));

        // then both entries carry it, the entry page shows it, and search finds it
        assertThat(visibleEntries(visit).values()).hasSize(2).allSatisfy(e -> {
            assertThat(e.followUp()).isNotNull();
            assertThat(e.followUp().introduced()).isEqualTo("Sårvårdsteamet infördes på två enheter");
        });
        Browser per = Browser.signedIn(port, "per");
        long id = visibleEntries(visit).get(LibrarySource.INTAKE).id();
        assertThat(per.get("/app/library/" + id).body()).contains("Infördes det i praktiken?",
                "Sårvårdsteamet infördes på två enheter", word + " gick snabbare", "Besvarat 2027-06-01");
        assertThat(hitIds(search(per, word))).containsExactlyInAnyOrderElementsOf(
                visibleEntries(visit).values().stream().map(LibraryEntry::id).toList());
        // published without a surrounding transaction too
        events.publishEvent(new PracticeFollowUpRecorded(visit.visitId(), "Infört överallt", "Bra", Instant.parse("2027-09-01T10:00:00Z")));
        assertThat(library.entry(id).orElseThrow().followUp().introduced()).isEqualTo("Infört överallt");
    }

    @Test
    void aChangeMadeOnAnotherNodeIsFoundBecauseTheIndexFollowsTheDatabasesRevision() {
        // given a visible entry, found by search on this node
        Driven visit = invite("Region Blekinge", "REGIONAL", "SV");
        sendIntake(visit, "Mål", "Vårt arbete med nattbemanning", true);
        long id = visibleEntries(visit).get(LibrarySource.INTAKE).id();
        Browser per = Browser.signedIn(port, "per");
        String word = "Nattuggla" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(hitIds(search(per, word))).isEmpty();

        // when another node (here: its statements, without this node's index hearing of it) retitles the entry
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE sl_library_entry SET title = ? WHERE id = ?").params(word + " på natten", id).update();
            jdbc.sql("UPDATE sl_library_revision SET revision = revision + 1 WHERE id = 1").update();
        });

        // then this node's next search sees the new revision, rebuilds, and finds it
        assertThat(hitIds(search(per, word))).containsExactly(id);
    }

    @Test
    void onlyAChangeThatASearchCanFindRaisesTheRevisionEveryNodeFollows() {
        // given the library at some revision
        long before = revision();

        // when a guest sends an intake without consent
        Driven draft = invite("Region Gotland", "REGIONAL", "SV");
        sendIntake(draft, "Mål", "Vårt arbete med utkast som ingen ser", false);

        // then its entry is a draft that no index holds, and the revision (one row, locked by each change until its
        // commit) is left alone
        assertThat(jdbc.sql("SELECT count(*) FROM sl_library_entry WHERE visit_id = ? AND consent_at IS NULL")
                .param(draft.visitId()).query(Long.class).single()).isEqualTo(1);
        assertThat(revision()).isEqualTo(before);

        // when another guest's intake comes with consent, then the revision is raised and every node's next search
        // finds the entry
        Driven shared = invite("Region Halland", "REGIONAL", "SV");
        sendIntake(shared, "Mål", "Vårt arbete med synliga exempel", true);
        assertThat(revision()).isGreaterThan(before);
        assertThat(visibleEntries(shared)).containsKey(LibrarySource.INTAKE);
    }

    private long revision() {
        return jdbc.sql("SELECT revision FROM sl_library_revision WHERE id = 1").query(Long.class).single();
    }

    /** A visit of this test's own whose guest sends an intake with consent; the entry put under the theme. */
    private long entryFromIntake(String title, String text, String language, Browser kim, long themeId) {
        Driven visit = invite("Testorganisation", "INTERNATIONAL", language);
        sendIntake(visit, "Mål", text, true);
        long id = visibleEntries(visit).get(LibrarySource.INTAKE).id();
        kim.get("/app/library/" + id);
        assertThat(kim.postForm("/app/library/" + id, form("title", title, "summary", "", "language", language,
                "themes", String.valueOf(themeId))).statusCode()).isEqualTo(302);
        return id;
    }
}
