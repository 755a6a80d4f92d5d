package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.RawHttp;
import se.samlarande.support.SamlarandeTest;

/**
 * Password guessing over HTTP, seen from outside: failed sign-ins are limited per address, per account and address,
 * and per account (only for addresses that failed for it), with 429 and Retry-After; the account's owner signs in
 * from another address; X-Forwarded-For counts only from the configured proxy (the test profile's 127.0.0.2). The test
 * profile's limits: 40 failures per address, 5 per account and address, 12 per account. Each test has users and
 * addresses of its own (failed logins would otherwise be counted against other tests' users).
 */
@SamlarandeTest
class SignInRateLimitTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired IdentityService identity;

    private final List<String> users = new ArrayList<>();

    @AfterEach
    void removeUsers() {
        users.forEach(identity::deleteUser);
    }

    @Test
    void theLoginFormAnswers429WithRetryAfterAndSaysWhyAfterFiveWrongPasswords() throws Exception {
        String user = user();
        HttpClient browser = browser();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(browser, user, "wrong").headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).contains("/login?error"));
        }

        // the sixth attempt is not checked at all: even the right password is held back from this address
        HttpResponse<String> limited = signIn(browser, user, user);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
        assertThat(limited.body()).contains("För många misslyckade inloggningar", "Too many failed sign-ins",
                "name=\"username\"");
        // a spoofed X-Forwarded-For from a client that is no configured proxy changes nothing
        assertThat(signIn(browser, user, user, "X-Forwarded-For", "203.0.113.99").statusCode()).isEqualTo(429);
    }

    @Test
    void theRestApiAnswers429AndTheOwnerStillSignsInFromAnotherAddress() {
        String user = user();
        String stranger = address();
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.status(rest(stranger, user, "wrong"))).isEqualTo(401);
        }

        String limited = rest(stranger, user, user);
        assertThat(RawHttp.status(limited)).isEqualTo(429);
        assertThat(RawHttp.headers(limited)).containsPattern("(?i)Retry-After: \\d+");
        assertThat(limited).contains("Too many failed sign-ins");
        // the owner, from another address, signs in: neither the app nor the engine has locked the account
        assertThat(RawHttp.status(rest(address(), user, user))).isEqualTo(200);
    }

    @Test
    void aSpoofedForwardedForFromLoopbackDoesNotChangeTheClient() {
        String user = user();
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.status(RawHttp.get(port, "127.0.0.1", "/engine-rest/process-definition/count",
                    basic(user, "wrong"), "X-Forwarded-For: " + address()))).isEqualTo(401);
        }
        // a fresh X-Forwarded-For each time: still the same client, 127.0.0.1
        assertThat(RawHttp.status(RawHttp.get(port, "127.0.0.1", "/engine-rest/process-definition/count",
                basic(user, user), "X-Forwarded-For: " + address()))).isEqualTo(429);
    }

    @Test
    void oneAddressFailingForManyAccountsIsHeldBack() {
        String client = address();
        for (int i = 0; i < 40; i++) {
            assertThat(RawHttp.status(rest(client, "nobody" + i, "wrong"))).as("attempt %d", i).isEqualTo(401);
        }
        String user = user();
        assertThat(RawHttp.status(rest(client, user, user))).isEqualTo(429);
        assertThat(RawHttp.status(rest(address(), user, user))).isEqualTo(200);
    }

    @Test
    void anAccountFailingFromManyAddressesHoldsBackOnlyThoseAddresses() {
        String user = user();
        List<String> strangers = List.of(address(), address(), address());
        for (String stranger : strangers) {
            for (int i = 0; i < 4; i++) {
                assertThat(RawHttp.status(rest(stranger, user, "wrong"))).isEqualTo(401);
            }
        }
        // twelve failures for the account: an address that failed for it waits, though its own pair has room left
        assertThat(RawHttp.status(rest(strangers.get(0), user, "guess"))).isEqualTo(429);
        // the owner, from an address that never failed, signs in
        assertThat(RawHttp.status(rest(address(), user, user))).isEqualTo(200);
    }

    @Test
    void byDefaultNoProxyIsTrusted() throws IOException {
        String configuration = new String(new org.springframework.core.io.ClassPathResource("application.yaml")
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(configuration).contains("internal-proxies: ${SAMLARANDE_TRUSTED_PROXIES:}\n");
        // an empty pattern: Tomcat's valve then believes no one
        var valve = new org.apache.catalina.valves.RemoteIpValve();
        valve.setInternalProxies("");
        assertThat(valve.getInternalProxies()).isNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A staff account of this test's own, its password its id. */
    private String user() {
        String id = "signin" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        User user = identity.newUser(id);
        user.setPassword(id);
        identity.saveUser(user);
        users.add(id);
        return id;
    }

    /** A client address of its own, behind the test proxy. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** A REST call through the test proxy for the given client address. */
    private String rest(String client, String user, String password) {
        return RawHttp.get(port, RawHttp.PROXY, "/engine-rest/process-definition/count", basic(user, password),
                "X-Forwarded-For: " + client);
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpResponse<String> signIn(HttpClient browser, String user, String password, String... headers)
            throws IOException, InterruptedException {
        String page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)));
        if (headers.length > 0) {
            post.headers(headers);
        }
        return browser.send(post.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
