package se.samlarande.report;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import se.samlarande.report.Csv;

/**
 * A staff member's browser over real HTTP: its own cookies, no redirects followed, signed in through the login form
 * with the Camunda account, the CSRF token read from the page as a browser would submit it.
 */
final class StaffBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String csrf;

    StaffBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static StaffBrowser signedIn(int port, String user) {
        StaffBrowser browser = new StaffBrowser(port);
        browser.get("/login");
        HttpResponse<String> login = browser.post("/login", "username=" + user + "&password=" + user);
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("Sign-in as " + user + " failed: " + login.statusCode() + " " + login.headers().map());
        }
        return browser;
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A CSV export, parsed back with the same format it was written in (after its byte order mark). */
    List<CSVRecord> csv(String path) {
        HttpResponse<byte[]> response = getBytes(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode());
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (!text.startsWith("\uFEFF")) {
            throw new AssertionError(path + " has no byte order mark");
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)), Csv.FORMAT)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.build(), body);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
