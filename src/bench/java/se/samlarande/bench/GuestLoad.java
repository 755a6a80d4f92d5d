package se.samlarande.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * comes after it. Prints one {@code LOAD {json}} line a step, with this process's own CPU time.
 * <p>
 * The first seconds of a step run at the same rate but are not counted: they open the connections, and in the first
 * step this process starts cold: until the JIT has compiled its own HTTP client it sends late, which the latency from
 * the due time would count against the app.
 * <p>
 * One process runs every step of a benchmark, so that its own JIT compiling is done after the first (the warm-up):
 * started with a base URL and a file of link paths ({@code /g/<token>}), it reads one step a line from its standard
 * input, {@code <requests per second> <seconds> <seconds not counted at the start> <first line of the file to use>},
 * answers each with its {@code LOAD} line, and ends at the end of its input.
 */
public final class GuestLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private static final String INTAKE = """
            {"values": {"goalsAndPurpose": "See video triage", "improvementWork": "Falls prevention",
                        "confidentialityAccepted": true}}""";
    private static final long STEP_GAP_NANOS = 100_000_000L;

    private static final byte[] INTAKE_BYTES = INTAKE.getBytes(StandardCharsets.UTF_8);
    /** Threads that wait for answers: as many as requests are outstanding (an open model sends whatever the app's pace). */
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guest");
        t.setDaemon(true);
        return t;
    });
    private final String base;
    private Recorder all;
    private Map<Integer, Recorder> byStep;
    private AtomicLong errors;
    private AtomicLong requests;
    private Map<String, AtomicLong> errorKinds;

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
        // keep-alive connections per address (the JDK's default is 5): one for each request the app has outstanding
        System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "500"));
        GuestLoad load = new GuestLoad(args[0]);
        List<String> links = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        java.io.BufferedReader steps = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line; (line = steps.readLine()) != null; ) {
            String[] step = line.trim().split("\\s+");
            load.run(Integer.parseInt(step[0]), Integer.parseInt(step[1]), Integer.parseInt(step[2]), links,
                    Integer.parseInt(step[3]));
        }
        System.exit(0);
    }

    private long countFrom;

    private void run(int rate, int seconds, int warmSeconds, List<String> links, int offset) throws Exception {
        all = new Recorder(3);
        byStep = new ConcurrentHashMap<>();
        errors = new AtomicLong();
        requests = new AtomicLong();
        errorKinds = new ConcurrentHashMap<>();
        double cpu0 = cpuMillis();
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
        // this generator's own CPU time for the step, so that what it takes from the machine's cores shows beside the app's
        double cpu = cpuMillis() - cpu0;
        out.put("generatorCpuMs", Benchmark.round(cpu));
        out.put("generatorCpuMsPerRequest", Benchmark.round(cpu / Math.max(1, total)));
        System.out.println("LOAD " + Json.write(out));
        System.out.flush();
    }

    private static double cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** A request's answer: its status, its cookies and its body. */
    private record Answer(int status, List<String> cookies, String body) {
    }

    /** The request of this step of the guest's visit, sent at its due time on a thread of the pool. */
    private CompletableFuture<Void> send(Session s, int step, long dueAt) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return exchange(s, step);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, pool).handle((answer, failure) -> {
            record(s, step, dueAt, answer, failure);
            return null;
        });
    }

    /**
     * One blocking exchange with {@link HttpURLConnection}, the JDK's plainest client: its connections are kept alive
     * and reused (http.maxConnections), and it costs this process less CPU per request than the asynchronous
     * {@code java.net.http} client, whose CPU time on the same two cores counted against the app.
     */
    private Answer exchange(Session s, int step) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + (step == 0 ? s.link : "/guest/intake")).toURL()
                .openConnection();
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        c.setRequestProperty("Accept-Language", "en");
        if (!s.cookies.isEmpty()) {
            c.setRequestProperty("Cookie", s.cookieHeader());
        }
        if (step == 2) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            if (s.csrf != null) {
                c.setRequestProperty("X-CSRF-TOKEN", s.csrf);
            }
            try (var body = c.getOutputStream()) {
                body.write(INTAKE_BYTES);
            }
        }
        int status = c.getResponseCode();
        List<String> cookies = c.getHeaderFields().getOrDefault("Set-Cookie", List.of());
        // read to the end, so that the connection goes back to the keep-alive cache
        var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (in != null) {
            in.close();
        }
        return new Answer(status, cookies, body);
    }

    private void record(Session s, int step, long dueAt, Answer answer, Throwable failure) {
        long latency = Math.max(0, (System.nanoTime() - dueAt) / 1000);
        if (dueAt >= countFrom) {
            all.recordValue(latency);
            byStep.computeIfAbsent(step, k -> new Recorder(3)).recordValue(latency);
            requests.incrementAndGet();
        }
        if (failure != null) {
            errors.incrementAndGet(); // an error counts, warm-up or not
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            errorKinds.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            return;
        }
        int expected = step == 0 ? 302 : 200;
        if (answer.status() != expected) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(step + ":" + answer.status(), k -> new AtomicLong()).incrementAndGet();
        }
        answer.cookies().forEach(cookie -> {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                s.cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        });
        Matcher m = CSRF.matcher(answer.body());
        if (m.find()) {
            s.csrf = m.group(1);
        }
    }

    private static double ms(long micros) {
        return Benchmark.round(micros / 1000.0);
    }
}
