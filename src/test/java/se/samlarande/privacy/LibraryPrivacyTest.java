package se.samlarande.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.evaluation.AnswerService.Confidentiality;
import se.samlarande.learning.PackageService;
import se.samlarande.library.LibraryEntry;
import se.samlarande.library.LibraryService;
import se.samlarande.library.LibrarySource;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.Language;

/**
 * The library holds what guests shared and who they are (credits): covered by the retention rules, the register
 * extract and erasure on request, on visits of 2020 and 2021 driven to closed through the process.
 */
@SamlarandeTest
class LibraryPrivacyTest extends PrivacyScenario {

    @Autowired LibraryService library;
    @Autowired PackageService packages;
    @Autowired ObjectMapper json;
    @LocalServerPort int port;

    @Override
    String hostUnit() {
        return "Vårdcentralen Biblioteksgallring";
    }

    @Test
    void atTheEndOfTheirPeriodsCreditsAreAnonymisedAndDraftsBlankedWhilePublishedExamplesStay() {
        // given two visits of May 2020: one guest agreed to the library and is named in the credits, one did not
        String word = "Bokstöd" + UUID.randomUUID().toString().substring(0, 6);
        Driven shared = register(LocalDate.of(2020, 5, 11), "Lisa Delad", uniqueEmail("lisa"));
        intake(shared, word + " är vårt arbete med läsombud", true);
        Driven kept = register(LocalDate.of(2020, 5, 12), "Karl Tyst", uniqueEmail("karl"));
        intake(kept, "Hemligt " + word, false);
        LibraryEntry entry = entry(shared);
        library.setSharerNamed(entry.id(), entry.sharers().get(0).id(), true, "kim");
        // (both closed before either's practice follow-up moves the clock months on)
        Instant closed = driveToClosedAwaitingFollowUp(shared);
        driveToClosedAwaitingFollowUp(kept);
        followUpThePractice(shared.instance(), "YES", "Läsombud på fler enheter", "Fler lånar");
        followUpThePractice(kept.instance(), "NO", null, null);
        assertThat(library.entry(entry.id()).orElseThrow().namedSharers()).containsExactly("Lisa Delad");

        // when the clock is two years and a day past the visits' close and the job runs
        moveClockTo(closed.atOffset(ZoneOffset.UTC).plus(Period.ofYears(2).plusDays(2)).toInstant());
        retention.apply();

        // then the published example stays, found by search, but credits the organisation only
        LibraryEntry after = library.entry(entry.id()).orElseThrow();
        assertThat(after.visible()).isTrue();
        assertThat(after.content()).startsWith(word);
        assertThat(after.namedSharers()).isEmpty();
        assertThat(after.sharers()).extracting(s -> s.name()).containsExactly("Anonymiserad");
        assertThat(library.search(word, null, null)).extracting(h -> h.entry().id()).containsExactly(entry.id());
        // the draft drawn from the other guest's intake is blanked with the intake
        assertThat(jdbc.sql("SELECT content FROM sl_library_entry WHERE visit_id = ? AND source = 'INTAKE'")
                .param(kept.visit().id()).query(String.class).single()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM sl_library_entry WHERE visit_id = ? AND erased_at IS NOT NULL",
                kept.visit().id())).isEqualTo(1);
        assertThat(auditActions(shared.visit().id(), Retention.RETENTION_APPLIED)).singleElement()
                .satisfies(d -> assertThat(d).contains("biblioteket (1 namn i källhänvisningarna anonymiserade)"));
        assertThat(auditActions(kept.visit().id(), Retention.RETENTION_APPLIED)).singleElement()
                .satisfies(d -> assertThat(d).contains("biblioteket (1 opublicerade exempel ur underlagen tömda)"));
    }

    @Test
    void theRegisterExtractHoldsWhatAGuestSharedAndErasureTakesItOutOfTheLibraryAndThePackages() throws Exception {
        // given a guest's example, published with consent and quoted in a published learning package
        String word = "Lästrappa" + UUID.randomUUID().toString().substring(0, 6);
        String email = uniqueEmail("erik");
        Driven visit = register(LocalDate.of(2021, 3, 8), "Erik Delare", email);
        intake(visit, word + " är vårt arbete med lässtöd", true);
        LibraryEntry entry = entry(visit);
        long theme = library.themes().get(0).id();
        long pkg = packages.create("Lässtöd " + word, theme, Language.SV, "kim");
        long module = packages.addModule(pkg, "Lässtöd", "Målet", null, null);
        packages.addEntry(pkg, module, entry.id());
        packages.publish(pkg, "kim");
        driveToClosed(visit);
        moveClockTo(NOW);
        Browser anonymous = new Browser(port);
        String slug = packages.get(pkg).slug();
        assertThat(anonymous.get("/packages/" + slug).body()).contains(word + " är vårt arbete");

        // when a coordinator takes out the register extract: the example and the consent are in it
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/privacy");
        HttpResponse<String> extract = kim.postForm("/app/privacy/extract", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(extract.statusCode()).isEqualTo(200);
        JsonNode data = json.readTree(extract.body());
        assertThat(data.get("libraryEntries")).hasSize(1);
        assertThat(data.get("libraryEntries").get(0).get("content").asText()).startsWith(word);
        assertThat(data.get("libraryEntries").get(0).get("creditedAs").asText()).isEqualTo("Erik Delare");
        assertThat(data.get("intakeAnswers").get(0).get("libraryConsentAt").isNull()).isFalse();

        // and erases the person on request
        kim.get("/app/privacy");
        HttpResponse<String> erased = kim.postForm("/app/privacy/erase", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&confirm=true");
        assertThat(erased.statusCode()).isEqualTo(200);

        // then the example is gone from the library, the search and the package; the credit no longer names them
        LibraryEntry after = library.entry(entry.id()).orElseThrow();
        assertThat(after.visible()).isFalse();
        assertThat(after.content()).isEmpty();
        assertThat(after.sharers()).extracting(s -> s.name()).containsExactly("Anonymiserad");
        assertThat(library.search(word, null, null)).isEmpty();
        assertThat(packages.get(pkg).modules().get(0).entries()).isEmpty();
        assertThat(anonymous.get("/packages/" + slug).body()).doesNotContain(word + " är vårt arbete", "Erik Delare");
        assertThat(auditActions(visit.visit().id(), PersonErasure.PERSON_ERASED)).singleElement()
                .satisfies(d -> assertThat(d).contains("1 exempel i biblioteket"));
    }

    /** The guest's own intake, with or without consent to the library; programme planned, the first day come. */
    private void intake(Driven d, String work, boolean consent) {
        answers.submitIntake(d.visit().id(), d.guestId(), "Mål", work, new Confidentiality("2026-1"), consent);
        runDueJobs(d.instance());
        complete(d.instance(), "Task_ReviewIntake", "hanna", "programme", "Dag 1");
        runDueJobs(d.instance());
        moveClockTo(at(d.visit().dateFrom(), 8, 0));
        runDueJobs(d.instance());
    }

    private LibraryEntry entry(Driven d) {
        return library.visibleEntriesOfVisit(d.visit().id()).stream().filter(e -> e.source() == LibrarySource.INTAKE)
                .findFirst().orElseThrow();
    }
}
