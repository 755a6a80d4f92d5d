package se.samlarande.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Guests under load, from a process of its own on the loopback: an open model at a steady rate of requests per
 * second. Each guest opens the personal link from the invitation (302 and a session), loads the intake page (200,
 * with its CSRF token) and posts the intake as the page's script does (200); the three requests of a guest are
 * scheduled 100 ms apart, and guests start one after another so that together they make the rate. Latency is
 * measured from when a request was due, not when it was sent, so a slow answer delays (and counts against) what
 * comes after it. Prints one {@code LOAD {json}} line.
 * <p>
 * The first seconds (the last argument, 3 by default) run at the same rate but are not counted: this process starts
 * cold, and until the JIT has compiled its own HTTP client it sends late, which the latency from the due time would
 * count against the app.
 * <p>
 * Arguments: base URL, requests per second, seconds, a file of link paths ({@code /g/<token>}), the first line to use,
 * [seconds not counted at the start].
 */
public final class GuestLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private static final String INTAKE = """
            {"values": {"goalsAndPurpose": "See video triage", "improvementWork": "Falls prevention",
                        "confidentialityAccepted": true}}""";
    private static final long STEP_GAP_NANOS = 100_000_000L;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Recorder all = new Recorder(3);
    private final Map<Integer, Recorder> byStep = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

    private GuestLoad(String base) {
        this.base = base;
    }

    /** One guest's session: its cookies and CSRF token, and the chain of its requests. */
    private static final class Session {
        final String link;
        final Map<String, String> cookies = new ConcurrentHashMap<>();
        volatile String csrf;
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

        Session(String link) {
            this.link = link;
        }

        String cookieHeader() {
            return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> links = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank()).toList();
        int offset = Integer.parseInt(args[4]);
        int warmSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        new GuestLoad(base).run(rate, seconds, warmSeconds, links, offset);
    }

    private long countFrom;

    private void run(int rate, int seconds, int warmSeconds, List<String> links, int offset) throws Exception {
        int total = rate * (warmSeconds + seconds);
        int guests = (total + 2) / 3;
        long interval = 1_000_000_000L / rate;
        // request k is due at k × interval; guest g's steps at 3g × interval + step × gap
        record Due(long at, Session session, int step) {
        }
        List<Due> schedule = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int g = 0; g < guests; g++) {
            Session s = new Session(links.get((offset + g) % links.size()));
            sessions.add(s);
            for (int step = 0; step < 3 && schedule.size() < total; step++) {
                schedule.add(new Due(3L * g * interval + step * STEP_GAP_NANOS, s, step));
            }
        }
        schedule.sort((a, b) -> Long.compare(a.at(), b.at()));
        long start = System.nanoTime();
        countFrom = start + warmSeconds * 1_000_000_000L;
        for (Due due : schedule) {
            long wait = start + due.at() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long dueAt = start + due.at();
            Session s = due.session();
            s.last = s.last.thenCompose(x -> send(s, due.step(), dueAt));
        }
        CompletableFuture.allOf(sessions.stream().map(s -> s.last).toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - countFrom) / 1e9;

        Histogram h = all.getIntervalHistogram();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate", rate);
        out.put("seconds", seconds);
        out.put("warmSeconds", warmSeconds);
        out.put("requests", requests.get());
        out.put("achievedRate", Benchmark.round(requests.get() / elapsed));
        out.put("guests", guests);
        out.put("errors", errors.get());
        out.put("errorKinds", errorKinds.toString());
        out.put("p50Ms", ms(h.getValueAtPercentile(50)));
        out.put("p99Ms", ms(h.getValueAtPercentile(99)));
        out.put("maxMs", ms(h.getMaxValue()));
        String[] names = { "open", "page", "submit" };
        for (int step = 0; step < 3; step++) {
            Recorder r = byStep.get(step);
            if (r != null) {
                Histogram sh = r.getIntervalHistogram();
                out.put(names[step] + "P50Ms", ms(sh.getValueAtPercentile(50)));
                out.put(names[step] + "P99Ms", ms(sh.getValueAtPercentile(99)));
            }
        }
        System.out.println("LOAD " + Json.write(out));
        System.exit(0);
    }

    private CompletableFuture<Void> send(Session s, int step, long dueAt) {
        HttpRequest.Builder request;
        int expected;
        switch (step) {
            case 0 -> {
                request = HttpRequest.newBuilder(URI.create(base + s.link)).GET();
                expected = 302;
            }
            case 1 -> {
                request = HttpRequest.newBuilder(URI.create(base + "/guest/intake")).GET();
                expected = 200;
            }
            default -> {
                request = HttpRequest.newBuilder(URI.create(base + "/guest/intake"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(INTAKE));
                if (s.csrf != null) {
                    request.header("X-CSRF-TOKEN", s.csrf);
                }
                expected = 200;
            }
        }
        if (!s.cookies.isEmpty()) {
            request.header("Cookie", s.cookieHeader());
        }
        request.header("Accept-Language", "en").timeout(Duration.ofSeconds(10));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            long latency = Math.max(0, (System.nanoTime() - dueAt) / 1000);
            boolean counted = dueAt >= countFrom;
            if (counted) {
                all.recordValue(latency);
                byStep.computeIfAbsent(step, k -> new Recorder(3)).recordValue(latency);
                requests.incrementAndGet();
            }
            if (failure != null) {
                errors.incrementAndGet(); // an error counts, warm-up or not
                errorKinds.computeIfAbsent(failure.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                return null;
            }
            if (response.statusCode() != expected) {
                errors.incrementAndGet();
                errorKinds.computeIfAbsent(step + ":" + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
            }
            response.headers().allValues("set-cookie").forEach(c -> {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    s.cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            });
            Matcher m = CSRF.matcher(response.body() == null ? "" : response.body());
            if (m.find()) {
                s.csrf = m.group(1);
            }
            return null;
        });
    }

    private static double ms(long micros) {
        return Benchmark.round(micros / 1000.0);
    }
}
