package se.samlarande.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser as far as HTTP goes: its own cookies, no redirects followed (so tests see where they lead),
 * and the CSRF token read from the last page that had one, as a form would send it.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String csrf;

    public Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A browser signed in through the login form with a demo account (password as the user id). */
    public static Browser signedIn(int port, String user) {
        Browser browser = new Browser(port);
        String next = browser.signIn(user, user);
        if (next.isEmpty() || next.contains("error")) {
            throw new AssertionError("Sign-in as " + user + " failed: " + next);
        }
        return browser;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** The raw bytes of a download (CSV, images). */
    public HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form post with the page's CSRF token. */
    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))));
    }

    /** A post with the given headers (name, value, name, value, ...) and no body. */
    public HttpResponse<String> postWithHeaders(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /**
     * Any request with this browser's cookies: method, path, a body of the given content type (or none for
     * {@code null}) and extra headers (name, value, ...).
     */
    public HttpResponse<String> request(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Signs in on the app's login page; answers where the login sends the person next. */
    public String signIn(String user, String password) {
        get("/login");
        HttpResponse<String> response = postForm("/login", "username=" + user + "&password=" + password);
        return response.headers().firstValue("Location").orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.header("Accept-Language", "sv").build(), body);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
