package se.samlarande.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.library.LibraryEntry;
import se.samlarande.library.LibraryService;
import se.samlarande.library.LibrarySource;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * Learning packages over real HTTP: a coordinator assembles one from library entries made from answers given through
 * the process, publishes it, and anyone reads it as a page and as a PDF (its text read back with PDFBox). Entries
 * without consent never get in.
 */
@SamlarandeTest
class PackageHttpTest extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/g/[A-Za-z0-9_-]{43}");
    private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired LibraryService library;
    @Autowired PackageService packages;
    @Autowired JdbcClient jdbc;

    @Test
    void aCoordinatorAssemblesAndPublishesAPackageThatAnyoneReadsAsAPageAndAsAPdf() throws Exception {
        // given a visit whose guest and host agreed to the library, and one whose guest did not
        String word = "Fallsäker" + UUID.randomUUID().toString().substring(0, 6).toLowerCase();
        long shared = visitWithIntake("Region Jönköpings län", "Vår fallprevention för äldre: " + word
                + " är en checklista som hemtjänsten går igenom vid första besöket.", true);
        long hostingEntry = hostAndShare(shared, "Värdenhetens fallteam åker hem till patienten inom ett dygn.");
        long secret = visitWithIntake("Hemliga kommunen", "Hemlig metod " + word + " som inte får spridas.", false);
        long visibleEntry = entry(shared, LibrarySource.INTAKE);
        long draftEntry = jdbc.sql("SELECT id FROM sl_library_entry WHERE visit_id = ? AND source = 'INTAKE'")
                .param(secret).query(Long.class).single();
        long theme = library.themes().stream().filter(t -> t.name().equals("Fallprevention")).findFirst().orElseThrow().id();

        // when a coordinator creates a package around the theme
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/packages");
        String title = "Fallprevention för äldre på vårdcentral – lärpaket " + word;
        HttpResponse<String> created = kim.postForm("/app/packages", form("title", title, "theme", String.valueOf(theme),
                "language", "SV"));
        assertThat(created.statusCode()).isEqualTo(302);
        String path = local(created.headers().firstValue("Location").orElseThrow());
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        String slug = packages.get(id).slug();
        assertThat(slug).startsWith("fallprevention-for-aldre-pa-vardcentral-larpaket-");

        // adds an introduction, a module with its goal and questions
        assertThat(kim.postForm(path, form("title", title, "theme", String.valueOf(theme), "language", "SV",
                "introduction", "Ett paket för enheter som vill förebygga fall hos äldre.")).statusCode()).isEqualTo(302);
        HttpResponse<String> refusedModule = kim.postForm(path + "/modules", form("title", "Utan mål", "goal", " "));
        assertThat(refusedModule.statusCode()).isEqualTo(422);
        assertThat(refusedModule.body()).contains("Fyll i fältet.", "Utan mål");
        assertThat(kim.postForm(path + "/modules", form("title", "Riskbedömning i hemmet", "goal",
                "Deltagarna kan göra en strukturerad fallriskbedömning vid första hembesöket.", "workshop",
                "Hur gör ni i dag?\nVem äger checklistan?", "evaluation", "Har antalet fall minskat efter tre månader?"))
                .statusCode()).isEqualTo(302);
        long module = packages.get(id).modules().get(0).id();

        // and draws its content from the library: a visible entry, and a visit's published entries
        assertThat(kim.postForm(path + "/modules/" + module + "/entries", "entryId=" + visibleEntry).statusCode()).isEqualTo(302);
        // an entry without consent is refused, whatever the form sends
        HttpResponse<String> refused = kim.postForm(path + "/modules/" + module + "/entries", "entryId=" + draftEntry);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Bara exempel som är publicerade i biblioteket");
        HttpResponse<String> noEntries = kim.postForm(path + "/modules/" + module + "/visits",
                form("reference", reference(secret)));
        assertThat(noEntries.statusCode()).isEqualTo(422);
        assertThat(noEntries.body()).contains("Besöket har inga publicerade exempel i biblioteket.");
        assertThat(kim.postForm(path + "/modules/" + module + "/visits", form("reference", reference(shared).toLowerCase()))
                .statusCode()).isEqualTo(302);
        assertThat(packages.get(id).modules().get(0).entries()).extracting(LibraryEntry::id)
                .containsExactly(visibleEntry, hostingEntry);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_learning_module_entry WHERE entry_id = ?").param(draftEntry)
                .query(Long.class).single()).isZero();
        // the coordinator's page offers only visible entries
        assertThat(kim.get(path).body()).contains("<option value=\"" + visibleEntry + "\">").doesNotContain("Hemlig metod");

        // then while it is a draft the public gets nothing, staff read it
        Browser anonymous = new Browser(port);
        assertThat(anonymous.get("/packages/" + slug).statusCode()).isEqualTo(404);
        assertThat(anonymous.getBytes("/packages/" + slug + ".pdf").statusCode()).isEqualTo(404);
        Browser hanna = Browser.signedIn(port, "hanna");
        assertThat(hanna.get(path).body()).contains(title, "Riskbedömning i hemmet").doesNotContain("Lägg till modulen");
        assertThat(hanna.postForm(path + "/publish", "").statusCode()).isEqualTo(403);
        var previewPdf = hanna.getBytes(path + "/preview.pdf");
        assertThat(previewPdf.headers().firstValue("Content-Type")).as(new String(previewPdf.body())).hasValue("application/pdf");

        // once published, anyone reads the page: title, goal, the quoted work with its credits, the questions
        assertThat(kim.postForm(path + "/publish", "").statusCode()).isEqualTo(302);
        HttpResponse<String> page = anonymous.get("/packages/" + slug);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'none'", "style-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("lang=\"sv\"", title, "Deltagarna kan göra en strukturerad fallriskbedömning",
                word + " är en checklista", "Värdenhetens fallteam", "Hur gör ni i dag?",
                "Har antalet fall minskat efter tre månader?",
                "Källa: Region Jönköpings län, samlärandebesök " + reference(shared) + " hos Hälsocentralen Väst.",
                "/packages/" + slug + ".pdf")
                .doesNotContain("Hemlig metod", "Hemliga kommunen", "Gäst från");

        // and the PDF, its text read back with PDFBox
        HttpResponse<byte[]> pdf = anonymous.getBytes("/packages/" + slug + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(title, "Modul 1: Riskbedömning i hemmet", "Mål",
                    "Deltagarna kan göra en strukturerad fallriskbedömning vid första hembesöket.",
                    word + " är en checklista som hemtjänsten går igenom vid första besöket.",
                    "Värdenhetens fallteam åker hem till patienten inom ett dygn.",
                    "Frågor för en workshop", "Vem äger checklistan?", "Utvärderingsfrågor",
                    "Källa: Region Jönköpings län, samlärandebesök " + reference(shared) + " hos Hälsocentralen Väst.",
                    "Källa: Hälsocentralen Väst, värd för samlärandebesök " + reference(shared) + ".",
                    "å", "ä", "ö", "Källor")
                    .doesNotContain("Hemlig metod", "Gäst från");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(title);
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("sv");
            assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as("a tagged PDF").isNotNull();
            for (PDPage p : document.getPages()) {
                for (COSName name : p.getResources().getFontNames()) {
                    PDFont font = p.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                }
            }
        }

        // when the guest is named with consent, the credits name them; when the entry loses its consent, it goes
        long sharer = library.entry(visibleEntry).orElseThrow().sharers().get(0).id();
        kim.get("/app/library/" + visibleEntry);
        assertThat(kim.postForm("/app/library/" + visibleEntry + "/sharers/" + sharer, "named=true").statusCode()).isEqualTo(302);
        assertThat(textOf(anonymous.getBytes("/packages/" + slug + ".pdf").body())).contains("Delat av Gäst från Region Jönköpings län.");
        kim.get("/app/library/" + visibleEntry);
        assertThat(kim.postForm("/app/library/" + visibleEntry + "/unpublish", "").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/packages/" + slug).body()).doesNotContain(word + " är en checklista").contains("Värdenhetens fallteam");
        assertThat(textOf(anonymous.getBytes("/packages/" + slug + ".pdf").body())).doesNotContain(word + " är en checklista");
        assertThat(kim.get(path).body()).contains("1 valda exempel är inte längre publicerade");

        // unpublished, the package is gone for the public again
        assertThat(kim.postForm(path + "/unpublish", "").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/packages/" + slug).statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/packages/no-such-package").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyCoordinatorsAndAdminsAssembleAndThePublicOnlyReads() {
        Browser hanna = Browser.signedIn(port, "hanna");
        assertThat(hanna.get("/app/packages").statusCode()).isEqualTo(200);
        assertThat(hanna.postForm("/app/packages", form("title", "Värdens paket")).statusCode()).isEqualTo(403);
        Browser per = Browser.signedIn(port, "per");
        assertThat(per.postForm("/app/packages", form("title", "Ägarens paket")).statusCode()).isEqualTo(403);
        Browser anonymous = new Browser(port);
        assertThat(anonymous.get("/app/packages").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(anonymous.request("POST", "/packages/anything", null, null).statusCode()).isEqualTo(403);
        // a coordinator's package without a title or theme is refused with the messages and the typing kept
        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/packages");
        HttpResponse<String> refused = kim.postForm("/app/packages", form("title", "Mitt paket", "theme", ""));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Välj ett tema.", "Mitt paket");
        // an empty package cannot be published
        long theme = library.themes().get(0).id();
        String path = local(kim.postForm("/app/packages", form("title", "Tomt paket", "theme", String.valueOf(theme)))
                .headers().firstValue("Location").orElseThrow());
        HttpResponse<String> empty = kim.postForm(path + "/publish", "");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Lägg till minst en modul");
    }

    // ---- visits through the process ----

    private long visitWithIntake(String organisation, String work, boolean consent) {
        guestEmail = "package-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example.org";
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", "Hälsocentralen Väst");
        form.put("topic", "Fallprevention");
        form.put("dateFrom", VISIT_FROM.toString());
        form.put("dateTo", VISIT_TO.toString());
        form.put("guestOrganisation", organisation);
        form.put("partnerLevel", "REGIONAL");
        form.put("contactName", "Gäst från " + organisation);
        form.put("contactEmail", guestEmail);
        form.put("contactLanguage", "SV");
        ProcessInstance process = as("kim", () -> runtime.startProcessInstanceByKey("visit", form));
        runDueJobs(process);
        processes.put(visitOf(process).id(), process);
        String link = LINK.matcher(lastBodyTo(guestEmail)).results().map(MatchResult::group).findFirst().orElseThrow();
        Browser guest = new Browser(port);
        guest.get(link.substring("http://localhost:8080".length()));
        Matcher csrf = CSRF_META.matcher(guest.get("/guest/intake").body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> sent = guest.request("POST", "/guest/intake", "application/json", """
                {"values": {"goalsAndPurpose": "Lära oss om fall", "improvementWork": "%s", "confidentialityAccepted": true,
                            "libraryConsent": %s}}""".formatted(work, consent), "X-CSRF-TOKEN", csrf.group(1));
        assertThat(sent.statusCode()).isEqualTo(200);
        return visitOf(process).id();
    }

    private final Map<Long, ProcessInstance> processes = new HashMap<>();

    private long hostAndShare(long visitId, String sharedWork) {
        ProcessInstance process = processes.get(visitId);
        runDueJobs(process); // the review task, created by the job executor after the intake
        complete(process, "Task_ReviewIntake", "hanna", "programme", "Dag 1: fallteamet");
        runDueJobs(process);
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(process);
        complete(process, "Task_HostVisit", "hanna", "attendance", 4L, "hostingNotes", "", "sharedWork", sharedWork,
                "libraryConsent", true);
        moveClockTo(NOW);
        return entry(visitId, LibrarySource.HOSTING);
    }

    private long entry(long visitId, LibrarySource source) {
        return library.visibleEntriesOfVisit(visitId).stream().filter(e -> e.source() == source).findFirst().orElseThrow().id();
    }

    private String reference(long visitId) {
        return visits.get(visitId).reference();
    }

    /** A redirect's path on this server. */
    private static String local(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private static String textOf(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static String form(String... keyValues) {
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
