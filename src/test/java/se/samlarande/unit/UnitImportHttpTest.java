package se.samlarande.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/**
 * The register's page and its CSV import over real HTTP, signed in through the login form: the preview's figures, a
 * file with every kind of bad line refused whole with each line named, the same file twice changing nothing the second
 * time, the picker's JSON, the mapping of an unmatched host unit, and hosts and coordinators refused.
 */
@SamlarandeTest
class UnitImportHttpTest extends VisitScenario {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private static final Pattern PENDING = Pattern.compile("name=\"pendingId\" value=\"([0-9a-f]{32})\"");

    @LocalServerPort int port;
    @Autowired UnitRegister register;
    @Autowired JdbcClient jdbc;

    private final String p = "H" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void previewThenConfirmAllOrNothingAndASecondImportChangesNothing() {
        register.create(p + "-OLD", "Gammal " + p, "", "", "demo");
        register.create(p + "-KEEP", "Kvar " + p, "", "", "demo");
        hostUnit = "enhet " + p;
        Visit earlier = visitOf(registerVisit());
        String file = "\uFEFFkod;namn;överordnad kod;funktionsbrevlåda\n"
                + p + "-R;Region " + p + ";;\n"
                + p + "-F;Förvaltning " + p + ";" + p + "-R;\n"
                + p + "-E;Enhet " + p + ";" + p + "-F;enhet@example.org\n"
                + p + "-OLD;Gammal men ändrad " + p + ";" + p + "-R;\n"
                + p + "-KEEP;Kvar " + p + ";;\n";
        Browser demo = Browser.signedIn(port, "demo");
        HttpResponse<String> preview = upload(demo, file);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Nya: 3", "Ändrade: 1", "Flyttade: 1", "Oförändrade: 1");
        assertThat(register.findByCode(p + "-R")).as("nothing before the confirmation").isEmpty();

        Matcher pending = PENDING.matcher(preview.body());
        assertThat(pending.find()).isTrue();
        assertThat(demo.postForm("/app/units/import/confirm", "pendingId=" + "0".repeat(32)).headers()
                .firstValue("Location").orElseThrow()).endsWith("/app/units");
        assertThat(register.findByCode(p + "-R")).as("a made-up id imports nothing").isEmpty();
        HttpResponse<String> done = demo.postForm("/app/units/import/confirm", "pendingId=" + pending.group(1));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(register.findByCode(p + "-E")).get().satisfies(u -> {
            assertThat(u.mailbox()).isEqualTo("enhet@example.org");
            assertThat(register.path(u.id())).isEqualTo("Region " + p + " › Förvaltning " + p + " › Enhet " + p);
        });
        assertThat(register.findByCode(p + "-OLD")).get().extracting(Unit::name).isEqualTo("Gammal men ändrad " + p);
        assertThat(jdbc.sql("SELECT unit_id FROM sl_visit WHERE id = ?").param(earlier.id()).query(Long.class).single())
                .as("a visit with the new unit's name is linked by the import")
                .isEqualTo(register.findByCode(p + "-E").orElseThrow().id());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_audit_event WHERE action = 'UNITS_IMPORTED' AND actor = 'demo' "
                + "AND visit_id IS NULL").query(Integer.class).single()).isPositive();
        // the pending import is used up
        assertThat(demo.postForm("/app/units/import/confirm", "pendingId=" + pending.group(1)).statusCode()).isEqualTo(302);

        HttpResponse<String> again = upload(demo, file);
        assertThat(again.body()).contains("Nya: 0", "Ändrade: 0", "Flyttade: 0", "Oförändrade: 5");
    }

    @Test
    void everyBadLineIsNamedAndNothingChanges() {
        register.create(p + "-X", "Befintlig " + p, "", "", "demo");
        String file = p + "-A;Enhet A " + p + ";;\n"                 // 1 fine
                + p + "-B;Enhet B " + p + ";" + p + "-NONE;\n"      // 2 unknown parent
                + p + "-A;Dubblett " + p + ";;\n"                   // 3 duplicate code
                + p + "-C;Cirkel C " + p + ";" + p + "-D;\n"        // 4 cycle
                + p + "-D;Cirkel D " + p + ";" + p + "-C;\n"        // 5 cycle
                + p + "-E;;;\n"                                     // 6 empty name
                + ";Utan kod " + p + ";;\n"                         // 7 empty code
                + p + "-F;Enhet F " + p + ";;inte en adress\n"      // 8 bad mailbox
                + p + "-X;Befintlig ändrad " + p + ";;\n";          // 9 fine (a change)
        Browser demo = Browser.signedIn(port, "demo");
        HttpResponse<String> preview = upload(demo, file);
        String body = preview.body();
        assertThat(body).contains("Ingenting är ändrat").doesNotContain("name=\"pendingId\"");
        assertThat(problem(body, 2)).contains("Okänd överordnad enhet");
        assertThat(problem(body, 3)).contains("finns redan på rad 1");
        assertThat(problem(body, 4)).contains("cirkel");
        assertThat(problem(body, 5)).contains("cirkel");
        assertThat(problem(body, 6)).contains("Namnet saknas");
        assertThat(problem(body, 7)).contains("Koden saknas");
        assertThat(problem(body, 8)).contains("e-postadress");
        assertThat(problem(body, 1)).startsWith("(no problem");
        assertThat(problem(body, 9)).startsWith("(no problem");
        assertThat(register.findByCode(p + "-A")).isEmpty();
        assertThat(register.findByCode(p + "-X")).get().extracting(Unit::name).isEqualTo("Befintlig " + p);
    }

    @Test
    void thePickerAndThePageAndTheMappingOfAnUnmatchedName() {
        long unit = register.create(p + "-M", "Mottagningen " + p, "VC-RYHOV", "", "demo");
        hostUnit = "Mottagning  " + p + " (gamla namnet)";
        Visit visit = visitOf(registerVisit());
        Browser kim = Browser.signedIn(port, "kim");
        HttpResponse<String> json = kim.get("/app/units/search?q=" + p.toLowerCase());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json.body()).contains("\"code\":\"" + p + "-M\"")
                .contains("Region Jönköpings län › Primärvårdsförvaltningen › Vårdcentralen Ryhov › Mottagningen " + p);
        HttpResponse<String> page = kim.get("/app/units");
        assertThat(page.body()).contains("Mottagning " + p + " (gamla namnet)").doesNotContain("name=\"hostUnit\"");

        Browser demo = Browser.signedIn(port, "demo");
        demo.get("/app/units");
        HttpResponse<String> mapped = demo.postForm("/app/units/map", "hostUnit="
                + URLEncoder.encode("Mottagning  " + p + " (gamla namnet)", StandardCharsets.UTF_8) + "&code=" + p + "-M");
        assertThat(mapped.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT unit_id FROM sl_visit WHERE id = ?").param(visit.id()).query(Long.class).single())
                .isEqualTo(unit);
        assertThat(demo.get("/app/units").body()).doesNotContain(p + " (gamla namnet)");
    }

    @Test
    void hostsAndCoordinatorsMayReadButNotChangeOrImport() {
        for (String user : new String[] {"hanna", "kim"}) {
            Browser browser = Browser.signedIn(port, user);
            assertThat(browser.get("/app/units").statusCode()).isEqualTo(200);
            assertThat(upload(browser, p + "-Z;Z " + p + ";;\n").statusCode()).as(user).isEqualTo(403);
            assertThat(browser.postForm("/app/units", "code=" + p + "-Z&name=Z").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(register.findByCode(p + "-Z")).isEmpty();
    }

    private HttpResponse<String> upload(Browser browser, String csv) {
        Matcher csrf = CSRF.matcher(browser.get("/app/units").body());
        assertThat(csrf.find()).isTrue();
        String boundary = "----units" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"enheter.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return browser.request("POST", "/app/units/import", "multipart/form-data; boundary=" + boundary, body,
                "X-CSRF-TOKEN", csrf.group(1));
    }

    private static String problem(String body, int line) {
        Matcher m = Pattern.compile("<tr><td>" + line + "</td><td>([^<]*)</td></tr>").matcher(body);
        return m.find() ? m.group(1) : "(no problem named on line " + line + ")";
    }
}
