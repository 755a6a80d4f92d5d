package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * Who gets into what: every role against every page and API, over real HTTP. Staff sign in through the login form
 * (their browser session; the REST API and the metrics take their password as HTTP Basic, as those APIs require),
 * the guest opens the personal link from the invitation GreenMail received, the anonymous visitor has nothing.
 * Posts go with the CSRF token of a page the role can open, so what answers is the authorisation, not the CSRF
 * check; they carry input the app refuses (an empty reason, empty dates), so a role that gets in changes nothing.
 *
 * <p>The expected matrix is the table below; a failing role prints its column next to what it got.
 * {@code login} = a redirect to the login page; {@code 302} = another redirect (back to the page, done); {@code 200}
 * on a post = let in, the page shown again with the refusal; {@code 422} = let in, the blog refused the empty text.
 */
@SamlarandeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest extends VisitScenario {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorisationMatrixTest.class);

    /**
     * {A} a visit with a private blog and a post {post}; {B} a visit whose blog is public; {P} their partner
     * organisation and {C} its contact person.
     */
    private static final String MATRIX = """
            | request                                              | anonymous | guest | hanna | kim   | per   | demo  |
            | GET  /app/visits                                     | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/visits/{A}                                 | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/visits/{A}/reschedule dateFrom=&dateTo=    | login     | login | 403   | 200   | 403   | 200   |
            | POST /app/visits/{A}/cancel reason=                  | login     | login | 403   | 200   | 403   | 200   |
            | GET  /app/visits/{A}/blog                            | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/visits/{A}/blog/posts title=&text=         | login     | login | 422   | 422   | 422   | 422   |
            | POST /app/visits/{A}/blog/posts/{post}/hide reason=  | login     | login | 422   | 422   | 403   | 422   |
            | POST /app/visits/{A}/blog/public public=false        | login     | login | 302   | 302   | 403   | 302   |
            | GET  /app/visits/{A}/audit                           | login     | login | 403   | 200   | 200   | 200   |
            | GET  /app/visits/{A}/audit.csv                       | login     | login | 403   | 200   | 200   | 200   |
            | GET  /app/report                                     | login     | login | 403   | 403   | 200   | 200   |
            | GET  /app/report/visits-per-month.csv                | login     | login | 403   | 403   | 200   | 200   |
            | GET  /app/report/summary.json                        | login     | login | 403   | 403   | 200   | 200   |
            | GET  /app/outbox                                     | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/migrations                                 | login     | login | 403   | 403   | 200   | 200   |
            | POST /app/migrations/retry processInstanceId=none    | login     | login | 403   | 403   | 403   | 302   |
            | GET  /app/partners                                   | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/partners/{P}                               | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/partners/{P} level=                        | login     | login | 403   | 200   | 403   | 200   |
            | POST /app/partners/{P}/contacts/{C}/consent contactAgain= | login | login | 403 | 200   | 403   | 200   |
            | GET  /app/units                                      | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/units/search?q=ryhov                       | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/units code=&name=                          | login     | login | 403   | 403   | 403   | 302   |
            | POST /app/units/map hostUnit=&code=                  | login     | login | 403   | 403   | 403   | 302   |
            | POST /app/units/import/confirm pendingId=            | login     | login | 403   | 403   | 403   | 302   |
            | GET  /app/visits/new                                 | login     | login | 403   | 200   | 403   | 200   |
            | POST /app/visits/new topic=                          | login     | login | 403   | 200   | 403   | 200   |
            | GET  /app/privacy                                    | login     | login | 403   | 200   | 403   | 200   |
            | POST /app/privacy/extract email=                     | login     | login | 403   | 400   | 403   | 400   |
            | POST /app/privacy/erase email=                       | login     | login | 403   | 400   | 403   | 400   |
            | GET  /app/library                                    | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/library?q=triage&level=REGIONAL            | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/library/{entry}                            | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/library/{entry} title=                     | login     | login | 403   | 422   | 403   | 422   |
            | POST /app/library/{entry}/unpublish lang=            | login     | login | 403   | 302   | 403   | 302   |
            | POST /app/library/{entry}/publish lang=              | login     | login | 403   | 302   | 403   | 302   |
            | POST /app/library/themes name=                       | login     | login | 403   | 422   | 403   | 422   |
            | GET  /app/packages                                   | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/packages/{package}                         | login     | login | 200   | 200   | 200   | 200   |
            | GET  /app/packages/{package}/preview.pdf             | login     | login | 200   | 200   | 200   | 200   |
            | POST /app/packages title=                            | login     | login | 403   | 422   | 403   | 422   |
            | POST /app/packages/{package}/modules title=          | login     | login | 403   | 422   | 403   | 422   |
            | POST /app/packages/{package}/publish lang=           | login     | login | 403   | 422   | 403   | 422   |
            | GET  /packages/{published}                           | 200       | 200   | 200   | 200   | 200   | 200   |
            | GET  /packages/{published}.pdf                       | 200       | 200   | 200   | 200   | 200   | 200   |
            | GET  /packages/{draft}                               | 404       | 404   | 404   | 404   | 404   | 404   |
            | GET  /guest/intake                                   | 403       | 200   | 403   | 403   | 403   | 403   |
            | GET  /guest/blog                                     | 403       | 200   | 403   | 403   | 403   | 403   |
            | GET  /blog/{A}                                       | 404       | 404   | 404   | 404   | 404   | 404   |
            | GET  /blog/{B}                                       | 200       | 200   | 200   | 200   | 200   | 200   |
            | GET  /request                                        | 200       | 200   | 200   | 200   | 200   | 200   |
            | GET  /engine-rest/task?maxResults=10                 | 401       | 401   | 200   | 200   | 200   | 200   |
            | POST /engine-rest/deployment/create                  | 401       | 401   | 403   | 403   | 403   | 200   |
            | POST /engine-rest/filter/create                      | 401       | 401   | 403   | 403   | 403   | 200   |
            | GET  /camunda/app/tasklist/default/                  | login     | login | 200   | 200   | 200   | 200   |
            | GET  /camunda/app/cockpit/default/                   | login     | login | 403   | 403   | 200   | 200   |
            | GET  /camunda/app/admin/default/                     | login     | login | 403   | 403   | 403   | 200   |
            | GET  /camunda/api/engine/engine/default/task?maxResults=10 | 401 | 401   | 200   | 200   | 200   | 200   |
            | GET  /actuator/health                                | 200       | 200   | 200   | 200   | 200   | 200   |
            | GET  /actuator/metrics                               | 401       | 401   | 403   | 403   | 200   | 200   |
            """;

    enum Role {
        ANONYMOUS(null), GUEST(null), HOST("hanna"), COORDINATOR("kim"), PROCESS_OWNER("per"), ADMIN("demo");

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    private record Row(String method, String path, String form, Map<Role, String> expected) {
        String label() {
            return method + " " + path + (form == null ? "" : " " + form);
        }
    }

    /** What each role got, row by row, for the table written at the end. */
    private static final Map<Role, Map<String, String>> RESULTS = new ConcurrentHashMap<>();

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired FilterService filters;
    @Autowired se.samlarande.partner.PartnerDirectory partners;
    @Autowired se.samlarande.learning.PackageService packages;
    @Autowired se.samlarande.library.LibraryService library;

    private Map<String, String> placeholders;
    private Map<Role, Browser> browsers;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    void eachRoleGetsIntoExactlyWhatItMay(Role role) {
        // given the visits, the blog post and a browser per role
        setUpOnce();
        Browser browser = browsers.get(role);

        // when the role tries every request of the matrix
        List<String> column = new ArrayList<>();
        boolean allAsExpected = true;
        Map<String, String> got = new LinkedHashMap<>();
        try {
            for (Row row : rows()) {
                String actual = outcome(send(role, browser, row));
                String expected = row.expected().get(role);
                got.put(row.label(), actual);
                boolean ok = expected.equals(actual);
                allAsExpected &= ok;
                column.add(String.format("| %-62s | %-8s | %-8s | %s", row.label(), expected, actual, ok ? "" : "✗ differs"));
            }
        } finally {
            removeWhatTheAdminCreated();
        }
        RESULTS.put(role, got);

        // then each answer is the one in the matrix
        assertThat(allAsExpected).as("%s (%s):%n| %-62s | %-8s | %-8s |%n%s", role, role.user == null ? "no account" : role.user,
                "request", "expected", "got", String.join("\n", column)).isTrue();
    }

    @AfterAll
    void writeTheMatrix() {
        StringBuilder table = new StringBuilder("Authorisation matrix as answered:\n| request");
        for (Role role : Role.values()) {
            table.append(" | ").append(role.user == null ? role.name().toLowerCase() : role.user);
        }
        table.append(" |\n");
        for (Row row : rows()) {
            table.append("| ").append(row.label());
            for (Role role : Role.values()) {
                table.append(" | ").append(RESULTS.getOrDefault(role, Map.of()).getOrDefault(row.label(), "-"));
            }
            table.append(" |\n");
        }
        LOG.info("{}", table);
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Pattern request = Pattern.compile("(GET|POST)\\s+(\\S+)(?:\\s+(\\S+))?");
        for (String line : MATRIX.strip().split("\n")) {
            String[] cells = line.strip().replaceAll("^\\||\\|$", "").split("\\|");
            Matcher m = request.matcher(cells[0].strip());
            if (!m.matches()) {
                continue;
            }
            Map<Role, String> expected = new LinkedHashMap<>();
            for (Role role : Role.values()) {
                expected.put(role, cells[role.ordinal() + 1].strip());
            }
            rows.add(new Row(m.group(1), fill(m.group(2)), m.group(3) == null ? null : fill(m.group(3)), expected));
        }
        return rows;
    }

    private String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            filled = filled.replace(p.getKey(), p.getValue());
        }
        return filled;
    }

    private HttpResponse<String> send(Role role, Browser browser, Row row) {
        String path = row.path();
        List<String> headers = new ArrayList<>();
        if (role.user != null && (path.startsWith("/engine-rest/") || path.startsWith("/actuator/"))) {
            headers.add("Authorization");
            headers.add(EngineRest.basic(role.user));
        }
        String[] extra = headers.toArray(String[]::new);
        if (row.method().equals("GET")) {
            return extra.length == 0 ? browser.get(path) : browser.request("GET", path, null, null, extra);
        }
        if (path.equals("/engine-rest/deployment/create")) {
            return browser.request("POST", path, EngineRest.DEPLOYMENT_TYPE, EngineRest.deploymentBody(), extra);
        }
        if (path.equals("/engine-rest/filter/create")) {
            return browser.request("POST", path, "application/json", EngineRest.filterBody(role.user), extra);
        }
        // a form post with the CSRF token of a page this role can open
        browser.get(switch (role) {
            case ANONYMOUS -> "/login";
            case GUEST -> "/guest/blog";
            default -> "/app/visits/" + placeholders.get("{A}") + "/blog";
        });
        return browser.postForm(path, row.form());
    }

    private static String outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 302 || status == 303) {
            return response.headers().firstValue("Location").filter(l -> l.endsWith("/login")).map(l -> "login").orElse("302");
        }
        return String.valueOf(status);
    }

    /** Two visits (invitations sent), a post on the first one's blog, the second one's blog public; a browser per role. */
    private void setUpOnce() {
        if (browsers != null) {
            return;
        }
        ProcessInstance privateBlog = registerVisit();
        runDueJobs(privateBlog);
        String link = lastBodyTo(guestEmail).lines().map(l -> l.replaceAll(".*(http://localhost:8080/g/[A-Za-z0-9_-]{43}).*", "$1"))
                .filter(l -> l.startsWith("http://localhost:8080/g/")).findFirst().orElseThrow();
        ProcessInstance publicBlog = registerVisit();
        runDueJobs(publicBlog);
        String a = visitOf(privateBlog).reference();
        String b = visitOf(publicBlog).reference();

        Browser kim = Browser.signedIn(port, "kim");
        kim.get("/app/visits/" + a + "/blog");
        String posted = kim.postForm("/app/visits/" + a + "/blog/posts", "title=Matrix&text=A+post+to+hide")
                .headers().firstValue("Location").orElseThrow();
        kim.get("/app/visits/" + b + "/blog");
        assertThat(kim.postForm("/app/visits/" + b + "/blog/public", "public=true").statusCode()).isEqualTo(302);
        // a library entry with consent, a package being assembled (a draft without modules) and a published one
        ProcessInstance shared = registerVisit();
        runDueJobs(shared);
        answers.submitIntake(visitOf(shared).id(), contactGuestId(shared), "Goals", "Our digital triage",
                new se.samlarande.evaluation.AnswerService.Confidentiality("2026-1"), true);
        long entry = library.visibleEntriesOfVisit(visitOf(shared).id()).get(0).id();
        long theme = library.themes().get(0).id();
        long draft = packages.create("Matrisens utkast", theme, se.samlarande.visit.Language.SV, "kim");
        long published = packages.create("Matrisens paket", theme, se.samlarande.visit.Language.SV, "kim");
        long module = packages.addModule(published, "Modul", "Målet", null, null);
        packages.addEntry(published, module, entry);
        packages.publish(published, "kim");
        long partner = partners.partnerOf(visitOf(privateBlog).id()).orElseThrow().id();
        long contact = partners.allContacts(partner).get(0).id();
        placeholders = Map.of("{A}", a, "{B}", b, "{post}", posted.substring(posted.indexOf("#post-") + "#post-".length()),
                "{P}", String.valueOf(partner), "{C}", String.valueOf(contact),
                "{entry}", String.valueOf(entry), "{package}", String.valueOf(draft),
                "{published}", packages.get(published).slug(), "{draft}", packages.get(draft).slug());

        Browser guest = new Browser(port);
        assertThat(guest.get(link.replace("http://localhost:8080", "")).statusCode()).as("the guest's link").isEqualTo(302);
        Map<Role, Browser> all = new LinkedHashMap<>();
        all.put(Role.ANONYMOUS, new Browser(port));
        all.put(Role.GUEST, guest);
        for (Role role : List.of(Role.HOST, Role.COORDINATOR, Role.PROCESS_OWNER, Role.ADMIN)) {
            all.put(role, Browser.signedIn(port, role.user));
        }
        browsers = all;
    }

    private void removeWhatTheAdminCreated() {
        repository.createDeploymentQuery().deploymentName(EngineRest.NAME).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
        filters.createFilterQuery().filterName(EngineRest.NAME).list().forEach(f -> filters.deleteFilter(f.getId()));
    }
}
