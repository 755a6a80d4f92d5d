package se.samlarande.nodes;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One application node: the packaged jar in a JVM of its own, on a {@link NodeDatabase} (a PostgreSQL shared with
 * other nodes, profile {@code postgres}, or the embedded default's H2 file) and an SMTP server. It can be started, killed like a crash ({@code destroyForcibly}, SIGKILL: no
 * shutdown hooks, no transaction completes) and started again on the same database. Its output goes to
 * {@code target/it-nodes/<name>-<n>.log}, one file per start.
 * <p>
 * The job executor is set for a test's pace: jobs are picked up within a second, and a job locked by a node that
 * died is taken over by another node (or the restarted one) once its lock expires.
 */
final class AppNode implements AutoCloseable {

    record User(String id, String password) {
    }

    static final User KIM = new User("kim", "kim");
    static final User HANNA = new User("hanna", "hanna");
    static final String ADMIN_PASSWORD = "admin-secret";
    static final User ADMIN = new User("admin", ADMIN_PASSWORD);

    record Response(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "it-nodes");

    private final String name;
    private final NodeDatabase database;
    private final MailServer mail;
    private final List<String> settings;
    private final Path jar;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param settings more {@code --key=value} arguments, e.g. the timers of a test; one for a key set here below
     *                 replaces that one
     */
    AppNode(String name, NodeDatabase database, MailServer mail, List<String> settings) {
        this(name, database, mail, settings, null);
    }

    /**
     * A node that runs the given jar (another release's, for example) instead of this build's.
     *
     * @param jar the executable jar; {@code null} for this build's {@link #jar()}
     */
    AppNode(String name, NodeDatabase database, MailServer mail, List<String> settings, Path jar) {
        this.name = name;
        this.database = database;
        this.mail = mail;
        this.settings = List.copyOf(settings);
        this.jar = jar;
        this.port = freePort();
    }

    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("samlarande-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/samlarande-*.jar: run the ITs with "
                            + "`mvn verify` (failsafe runs after package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the node and returns at once; {@link #awaitReady()} waits until it takes requests. */
    AppNode start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                // the SMTP server (profile postgres reads it from SAMLARANDE_SMTP_*, the embedded default has none)
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.port(),
                "--samlarande.demo-users=true",
                // the demo users sign in; guests' pages stay theirs (the postgres profile refuses the switch)
                "--samlarande.outbox.show-guest-links=false",
                "--samlarande.public-base-url=" + baseUrl(),
                "--management.endpoint.health.probes.enabled=true",
                // Job log and metrics name the node that ran each job.
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                // Poll for due jobs at least every second; a dead node's lock expires after 10 s.
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                // Every test client is 127.0.0.1.
                "--samlarande.guest.rate-limit.links-per-minute=1000",
                "--samlarande.guest.rate-limit.posts-per-minute=1000"));
        arguments.addAll(database.arguments());
        for (String setting : settings) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            arguments.removeIf(argument -> argument.startsWith(key));
            arguments.add(setting);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-jar", (jar == null ? jar() : jar).toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // Nothing from the surrounding run (CI's SPRING_DATASOURCE_URL, a developer's SAMLARANDE_*) may reach the node.
        env.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("SAMLARANDE_") || key.equals("PORT"));
        env.putAll(database.environment());
        env.put("SAMLARANDE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("SAMLARANDE_SMTP_HOST", "127.0.0.1");
        env.put("SAMLARANDE_SMTP_PORT", String.valueOf(mail.port()));
        database.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        try {
            Files.createDirectories(LOGS);
            log = LOGS.resolve(name + "-" + starts + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the node is ready (readiness probe UP: started, identities and filters set up, job executor on). */
    AppNode awaitReady() {
        await(name + " ready").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    AppNode startAndAwaitReady() {
        return start().awaitReady();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A crash: SIGKILL, no shutdown of any kind. Returns when the process is gone. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A clean shutdown (SIGTERM, as an operator or a service manager stops the app), killed if it takes too long.
     *
     * @return whether the node stopped by itself within the time (false: it was killed, or was not running)
     */
    boolean stop() {
        if (isRunning()) {
            process.destroy();
            try {
                if (process.waitFor(40, TimeUnit.SECONDS)) {
                    return true;
                }
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        return false;
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of this node's latest log. */
    String tail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Lines of every log of this node (all its starts) that contain the text. */
    long logLinesContaining(String text) {
        try (Stream<Path> files = Files.list(LOGS)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + "-")).mapToLong(p -> {
                try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
                    return lines.filter(l -> l.contains(text)).count();
                } catch (IOException | UncheckedIOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the REST API -----------------------------------------------------------------------------------

    Response get(User user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    Response post(User user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Response put(User user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A GET that must answer 200 with JSON. */
    JsonNode json(User user, String path) {
        Response response = get(user, path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " on " + name + " as " + user.id() + ": " + response.status()
                    + " " + response.body());
        }
        return response.json();
    }

    private Response send(User user, HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString((user.id() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Basic " + credentials)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
