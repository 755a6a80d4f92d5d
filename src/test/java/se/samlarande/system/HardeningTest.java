package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.Yaml;

import se.samlarande.support.Browser;
import se.samlarande.support.RawHttp;
import se.samlarande.support.SamlarandeTest;

/**
 * The hardening list, each item seen from outside: engine queries bounded, deployments and filters only for admins,
 * no database console or demo users outside the embedded default, HSTS and Secure cookies exactly when the request
 * came over HTTPS (directly or through a proxy), and a Content-Security-Policy on every kind of page the app serves.
 */
@SamlarandeTest
class HardeningTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired FilterService filters;
    @Autowired Environment environment;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    // ---- engine queries --------------------------------------------------------------------------------------

    @Test
    void anEngineQueryWithoutABoundOrAboveTheLimitIsRefused() {
        // when a signed-in user asks for every task at once, or for more than the limit
        HttpResponse<String> unbounded = get("/engine-rest/task", basic("kim"));
        HttpResponse<String> tooMany = get("/engine-rest/task?firstResult=0&maxResults=2001", basic("kim"));
        HttpResponse<String> unboundedHistory = get("/engine-rest/history/process-instance", basic("per"));

        // then the engine refuses them, and a bounded query passes
        assertThat(unbounded.statusCode()).isEqualTo(400);
        assertThat(unbounded.body()).contains("unbound number of results");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("Max results limit of 2000 exceeded");
        assertThat(unboundedHistory.statusCode()).isEqualTo(400);
        assertThat(get("/engine-rest/task?firstResult=0&maxResults=2000", basic("kim")).statusCode()).isEqualTo(200);
    }

    // ---- deployments and filters -----------------------------------------------------------------------------

    @Test
    void onlyAnAdminDeploysOrCreatesAFilterThroughTheRestApi() {
        long deploymentsBefore = repository.createDeploymentQuery().count();
        long filtersBefore = filters.createFilterQuery().count();

        // staff of every other group are refused by the engine's authorizations
        for (String user : List.of("kim", "hanna", "per")) {
            assertThat(deploy(user).statusCode()).as("%s deploys", user).isEqualTo(403);
            assertThat(createFilter(user).statusCode()).as("%s creates a filter", user).isEqualTo(403);
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(filters.createFilterQuery().count()).isEqualTo(filtersBefore);

        // the admin may; what the admin created is removed again
        HttpResponse<String> deployed = deploy("demo");
        HttpResponse<String> filter = createFilter("demo");
        try {
            assertThat(deployed.statusCode()).isEqualTo(200);
            assertThat(filter.statusCode()).isEqualTo(200);
        } finally {
            repository.createDeploymentQuery().deploymentName(EngineRest.NAME).list()
                    .forEach(d -> repository.deleteDeployment(d.getId(), true));
            filters.createFilterQuery().filterName(EngineRest.NAME).list().forEach(f -> filters.deleteFilter(f.getId()));
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(filters.createFilterQuery().count()).isEqualTo(filtersBefore);
    }

    /** A one-element BPMN deployment through {@code POST /engine-rest/deployment/create}, as the given user. */
    HttpResponse<String> deploy(String user) {
        return send(EngineRest.deployment(port, user));
    }

    HttpResponse<String> createFilter(String user) {
        return send(EngineRest.filter(port, user));
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    @Test
    void noProfileTurnsTheDatabaseConsoleOnAndOnlyTheEmbeddedDefaultHasDemoUsers() throws IOException {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        try (Stream<Path> yaml = Stream.concat(Files.list(Path.of("src/main/resources")), Files.list(Path.of("src/test/resources")))) {
            for (Path file : yaml.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                files.put(file.toString(), flatten(new Yaml().load(Files.readString(file))));
            }
        }
        assertThat(files).containsKeys("src/main/resources/application.yaml", "src/main/resources/application-postgres.yaml");

        // the console is off in the defaults, and no profile turns it on
        assertThat(files.get("src/main/resources/application.yaml")).containsEntry("spring.h2.console.enabled", false);
        files.forEach((file, properties) -> assertThat(properties.get("spring.h2.console.enabled"))
                .as("spring.h2.console.enabled in %s", file).isNotEqualTo(true).isNotEqualTo("true"));
        assertThat(environment.getProperty("spring.h2.console.enabled", Boolean.class)).isFalse();
        assertThat(get("/h2-console", Optional.empty()).statusCode()).isEqualTo(404);

        // demo users only on the embedded default; the production profile turns them off
        assertThat(files.get("src/main/resources/application.yaml")).containsEntry("samlarande.demo-users", true);
        assertThat(files.get("src/main/resources/application-postgres.yaml")).containsEntry("samlarande.demo-users", false);
        String compose = Files.readString(Path.of("docker-compose.yml"));
        assertThat(compose).doesNotContainIgnoringCase("DEMO_USERS").doesNotContainIgnoringCase("demo-users")
                .doesNotContainIgnoringCase("h2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child) {
                flatten((Map<String, Object>) child).forEach((k, v) -> flat.put(key + "." + k, v));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    // ---- HTTPS: HSTS and Secure cookies ----------------------------------------------------------------------

    @Test
    void overHttpsThroughTheConfiguredProxyTheAnswerCarriesHstsAndASecureSameSiteSessionCookie() {
        // when the configured proxy (the test profile trusts 127.0.0.2), which ended TLS, forwards the request
        String login = RawHttp.get(port, RawHttp.PROXY, "/login", "X-Forwarded-Proto: https");

        // then the browser is told to stay on HTTPS, and the session cookie only travels over it
        assertThat(RawHttp.status(login)).isEqualTo(200);
        assertThat(RawHttp.headers(login)).containsPattern("(?i)Strict-Transport-Security: [^\\r]*max-age=[^\\r]*includeSubDomains")
                .containsPattern("(?i)Set-Cookie: JSESSIONID=[^\\r]*Secure")
                .containsPattern("(?i)Set-Cookie: JSESSIONID=[^\\r]*HttpOnly")
                .containsPattern("(?i)Set-Cookie: JSESSIONID=[^\\r]*SameSite=Lax");
        // HSTS on the guest pages, the actuator and the webapps too
        for (String path : List.of("/request", "/actuator/health", "/camunda/app/tasklist/default/", "/no-such-page")) {
            assertThat(RawHttp.headers(RawHttp.get(port, RawHttp.PROXY, path, "X-Forwarded-Proto: https")))
                    .as(path).containsIgnoringCase("Strict-Transport-Security:");
        }
    }

    @Test
    void aClientThatIsNotAConfiguredProxyCannotClaimHttps() {
        // loopback and private addresses are not trusted unless configured
        HttpResponse<String> login = get("/login", Optional.of(new String[] {"X-Forwarded-Proto", "https"}));

        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(login)).hasValueSatisfying(cookie -> assertThat(cookie).doesNotContain("Secure"));
    }

    @Test
    void overPlainHttpThereIsNoHstsAndTheCookieIsNotMarkedSecure() {
        HttpResponse<String> login = get("/login", Optional.empty());

        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(login)).hasValueSatisfying(cookie -> assertThat(cookie).doesNotContain("Secure")
                .contains("HttpOnly").contains("SameSite=Lax"));
    }

    private static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst();
    }

    // ---- Content-Security-Policy -----------------------------------------------------------------------------

    @Test
    void everyKindOfPageTheAppServesCarriesAContentSecurityPolicy() {
        Browser kim = Browser.signedIn(port, "kim");
        Browser per = Browser.signedIn(port, "per");
        Browser anonymous = new Browser(port);
        Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
        // the staff chain
        pages.put("start page", anonymous.get("/"));
        pages.put("login", anonymous.get("/login"));
        pages.put("staff visit list", kim.get("/app/visits"));
        pages.put("staff: unknown visit (404)", kim.get("/app/visits/SL-1999-9999"));
        pages.put("outbox", kim.get("/app/outbox"));
        pages.put("report", per.get("/app/report"));
        pages.put("report refused (403)", kim.get("/app/report"));
        pages.put("staff stylesheet", anonymous.get("/css/app.css"));
        pages.put("library", kim.get("/app/library?q=triage"));
        pages.put("learning packages", kim.get("/app/packages"));
        // the public learning packages
        pages.put("learning package that is not published (404)", anonymous.get("/packages/no-such-package"));
        pages.put("learning package PDF that is not published (404)", anonymous.get("/packages/no-such-package.pdf"));
        // the guest chain
        pages.put("request page", anonymous.get("/request"));
        pages.put("guest page without a session (403)", anonymous.get("/guest/intake"));
        pages.put("unknown personal link (404)", anonymous.get("/g/not-a-token"));
        pages.put("public blog that is not public (404)", anonymous.get("/blog/SL-1999-9999"));
        pages.put("guest script", anonymous.get("/js/guest-form.js"));
        // the rest
        pages.put("an address that does not exist (404)", anonymous.get("/no-such-page"));
        pages.put("error page", anonymous.get("/error"));
        pages.put("health", anonymous.get("/actuator/health"));
        pages.put("metrics", get("/actuator/metrics", basic("per")));
        pages.put("REST API", get("/engine-rest/engine", Optional.empty()));

        List<String> missing = new ArrayList<>();
        pages.forEach((name, response) -> {
            Optional<String> csp = response.headers().firstValue("Content-Security-Policy");
            if (csp.isEmpty() || !csp.get().contains("frame-ancestors 'none'") || csp.get().contains("unsafe-eval")) {
                missing.add(name + " " + response.uri().getPath() + " → " + response.statusCode() + ", CSP: " + csp.orElse("(none)"));
            }
        });
        assertThat(missing).as("pages without a strict Content-Security-Policy").isEmpty();
        // scripts only from the app itself, on the pages that run any
        for (String page : List.of("request page", "report", "staff visit list")) {
            assertThat(directive(pages.get(page), "script-src")).as(page).isEqualTo("script-src 'self'");
        }
        // and none at all on the public learning packages
        assertThat(directive(pages.get("learning package that is not published (404)"), "script-src")).isEqualTo("script-src 'none'");
    }

    @Test
    void theCamundaWebappsSendTheirOwnContentSecurityPolicy() {
        Browser kim = Browser.signedIn(port, "kim");
        for (String page : List.of("/camunda/app/tasklist/default/", "/camunda/app/welcome/default/")) {
            HttpResponse<String> response = kim.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().allValues("Content-Security-Policy")).as(page).hasSize(1)
                    .allSatisfy(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
        }
    }

    private static String directive(HttpResponse<?> response, String name) {
        return Stream.of(response.headers().firstValue("Content-Security-Policy").orElse("").split(";")).map(String::strip)
                .filter(d -> d.startsWith(name + " ")).findFirst().orElse("");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Optional<String[]> basic(String user) {
        return Optional.of(new String[] {"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))});
    }

    private HttpResponse<String> get(String path, Optional<String[]> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        headers.ifPresent(request::headers);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
