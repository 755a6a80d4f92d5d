package se.samlarande.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.SamlarandeApplication;
import se.samlarande.notification.GuestLinkIssuer;
import se.samlarande.notification.GuestLinkSlot;
import se.samlarande.bench.Driver.Dates;
import se.samlarande.bench.Driver.Handle;
import se.samlarande.process.VisitTimers;

/**
 * What a visit costs, on the app and on the bare engine in the same run: lifecycle throughput, statements and rows
 * per visit, the reminder sweep, guest pages under load (a second process), the same again with many open visits,
 * and the database's size before and after history cleanup. Prints a table and one {@code BENCH {json}} line per
 * figure. Settings (system properties): {@code bench.db} h2|postgres, {@code bench.n} visits per lifecycle run,
 * {@code bench.open} open visits for the sweep and growth runs (default 10 × n), {@code bench.rates},
 * {@code bench.load-seconds}, {@code bench.threads} (driver threads), {@code bench.args} (extra app settings, e.g.
 * {@code --camunda.bpm.job-execution.max-jobs-per-acquisition=10}, applied to the bare engine's job executor too).
 */
public final class Benchmark {

    static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    /** "Now" when every run starts: 1 December 2026, 09:00. */
    static final Instant NOW = LocalDate.of(2026, 12, 1).atTime(9, 0).atZone(REGION).toInstant();
    /**
     * A visit whose whole lifecycle fits before the first intake reminder of the open visits (6 December); its practice
     * follow-up, months later, is answered with the clock moved ahead and back while the job executor pauses.
     */
    static final Dates LIFECYCLE = new Dates(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 3), "2026-12-04T10:00",
            LocalDate.of(2026, 12, 4).atTime(10, 0).atZone(REGION).toInstant());
    /** Open visits: months ahead; they wait for their intake, with reminders every 5 days from registration. */
    static final Dates OPEN = new Dates(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 2), "2027-03-20T10:00",
            LocalDate.of(2027, 3, 20).atTime(10, 0).atZone(REGION).toInstant());
    /**
     * The steady population's visits: months ahead, intake sent and reviewed, waiting for their first day (a timer on
     * 1 September 2027 that no run of the benchmark reaches); no reminder of theirs is pending.
     */
    static final Dates STEADY = new Dates(LocalDate.of(2027, 9, 1), LocalDate.of(2027, 9, 2), "2027-09-20T10:00",
            LocalDate.of(2027, 9, 20).atTime(10, 0).atZone(REGION).toInstant());
    static final int APP_PORT = Integer.getInteger("bench.port", 8093);
    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/g/[A-Za-z0-9_-]{43})");

    private final String db = System.getProperty("bench.db", "h2");
    private final int n = Integer.getInteger("bench.n", 200);
    private final int open = Integer.getInteger("bench.open", 0) > 0 ? Integer.getInteger("bench.open") : 10 * n;
    private final int threads = Integer.getInteger("bench.threads", 4);
    private final int loadSeconds = Integer.getInteger("bench.load-seconds", 10);
    /** Open visits each engine holds through every run, as a production database does (default n; 0: none). */
    private final int steady = Integer.getInteger("bench.steady", -1) >= 0 ? Integer.getInteger("bench.steady") : n;
    /** How many times the lifecycle pair (app, bare engine) is measured; more than once: the median ratio too. */
    private final int repeats = Integer.getInteger("bench.repeats", 3);
    private final List<Integer> rates = List.of(System.getProperty("bench.rates", "50,200,500").split(",")).stream()
            .map(String::trim).map(Integer::parseInt).toList();
    private final ExecutorService pool = Executors.newFixedThreadPool(threads);
    private final List<Map<String, Object>> figures = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();

    private ConfigurableApplicationContext app;
    private AppDriver appDriver;
    private BareDriver bareDriver;
    private VisitTimers timers;

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.pool.shutdownNow();
            if (benchmark.bareDriver != null) {
                benchmark.bareDriver.close();
            }
            if (benchmark.app != null) {
                benchmark.app.close();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String started = loadavg();
        System.out.printf("Samlärande benchmark: db=%s n=%d open=%d steady=%d threads=%d nproc=%d loadavg=%s%n", db,
                n, open, steady, threads, Runtime.getRuntime().availableProcessors(), started);
        String[] urls = resetDatabases();
        start(urls);
        ClockUtil.setCurrentTime(Date.from(NOW));

        // the steady population, before anything is measured: a production database always holds open visits, and
        // the runs below are measured beside them. Without it, every lifecycle run took the engine's runtime tables
        // from empty to 16 rows per visit and back within about 90 s, and on PostgreSQL a statement prepared while
        // the statistics said "empty" kept a plan of sequential scans (the engine's variable fetch at 1.2-2.4 ms
        // per call instead of 0.04-0.2, now in the app's runs, now in the bare engine's: BENCHMARKS.md)
        for (Driver d : List.of(appDriver, bareDriver)) {
            steadyPopulation(d);
        }

        // warm-up (JIT, caches, connection pools) for both, not reported, in rounds taking turns, until the JIT is done:
        // on two cores the JVM has one C2 compiler thread, and with one round of 200 visits it was still compiling for
        // all of the app's measured run (jit ms per visit half the app's CPU time, against a quarter of the bare
        // engine's, which ran after it and found the shared code, the engine's, MyBatis's, the database's, compiled).
        // A round is over when its visits are; the warm-up when a round's compiling took under bench.warm-jit-share
        // of its time (or after bench.warm-rounds rounds)
        int warm = Integer.getInteger("bench.warm", 0) > 0 ? Integer.getInteger("bench.warm") : Math.min(200, n);
        int maxRounds = Integer.getInteger("bench.warm-rounds", 15);
        for (int round = 1; round <= maxRounds; round++) {
            double jit = jitMillis();
            long t0 = System.nanoTime();
            lifecycle(appDriver, warm, "warm", false);
            lifecycle(bareDriver, warm, "warm", false);
            double share = (jitMillis() - jit) / ((System.nanoTime() - t0) / 1e6);
            System.out.printf(Locale.ROOT, "warm-up round %d: %d visits each, the JIT compiling %.0f %% of the time%n",
                    round, warm, 100 * share);
            if (share < warmJitShare) {
                break;
            }
        }
        // the warm-up's visits leave no history behind: the lifecycle is measured on a (nearly) empty engine
        // history, as before the longer warm-up (the app's own tables keep their rows)
        for (Driver d : List.of(appDriver, bareDriver)) {
            System.out.printf("warm-up history deleted (%s): %d process instances%n", d.name(), deleteEndedHistory(d));
        }
        if (db.equals("postgres")) {
            // without autovacuum, the warm-up's dead rows stay in the runtime tables and the planner never learns how
            // they grow; running VACUUM ANALYZE here instead (tried) left statistics of empty tables, and the cached
            // plans read act_ru_execution by sequential scans for the whole run (312 M rows on the bare engine)
            String autovacuum = JdbcClient.create(bareDriver.dataSource()).sql("SHOW autovacuum").query(String.class).single();
            System.out.println("PostgreSQL autovacuum: " + autovacuum + (autovacuum.equals("on") ? ""
                    : " (WARNING: as no production server runs; the figures pay for the warm-up's dead rows)"));
        }
        appDriver.counter().topAndReset(0);
        appDriver.counter().autoCommittedAndReset(0);
        bareDriver.counter().topAndReset(0);
        bareDriver.counter().autoCommittedAndReset(0);

        // 1, 2, 3: lifecycle throughput, ratio, statements and rows per visit, on a (nearly) empty database
        // bench.repeats > 1: the pair again, the bare engine first every second time (what runs first meets the
        // server's and the machine's state after the warm-up: autovacuum, checkpoints), and the median of the ratios
        if (part("lifecycle")) {
            List<Map<String, Object>> ratios = new ArrayList<>();
            for (int repeat = 1; repeat <= repeats; repeat++) {
                Map<String, Map<String, Object>> measured = new HashMap<>();
                for (Driver d : repeat % 2 == 1 ? List.of(appDriver, bareDriver) : List.of(bareDriver, appDriver)) {
                    pgStatementsReset();
                    measured.put(d.name(), lifecycle(d, n, "lifecycle", true));
                    topStatements(d, d.name() + ", lifecycle");
                    pgStatements(d.name() + ", lifecycle", d);
                }
                ratios.add(ratio("lifecycle", measured.get("app"), measured.get("bare")));
            }
            if (repeats > 1) {
                medianRatio("lifecycle", ratios);
            }
        }

        // 6: growth: register the open visits (10 × n), then the same lifecycle again
        if (part("open")) {
            Map<String, Object> appOpen = registerOpen(appDriver);
            Map<String, Object> bareOpen = registerOpen(bareDriver);
            ratio("register-open", appOpen, bareOpen);
        }
        if (part("growth")) {
            Map<String, Object> appGrown = lifecycle(appDriver, n, "lifecycle-with-open", true);
            Map<String, Object> bareGrown = lifecycle(bareDriver, n, "lifecycle-with-open", true);
            ratio("lifecycle-with-open", appGrown, bareGrown);
        }

        // 4: reminder sweep: every open visit's first intake reminder due at the same moment
        if (part("sweep")) {
            ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(5 * 86400 + 60)));
            Map<String, Object> appSweep = sweep(appDriver);
            Map<String, Object> bareSweep = sweep(bareDriver);
            ratio("reminder-sweep", appSweep, bareSweep);
            proveRemindersOnce();
        }

        // 5: guest pages under load, from a second process
        if (part("load")) {
            guestLoad();
        }

        // 3: size after the closed visits, before and after history cleanup
        if (part("size")) {
            sizeAndCleanup();
        }

        if (db.equals("postgres")) {
            scans(app.getBean(DataSource.class), "app");
        }
        String finished = loadavg();
        System.out.println();
        System.out.println(table());
        System.out.printf("nproc=%d loadavg at start %s, at end %s; driver errors %d%n",
                Runtime.getRuntime().availableProcessors(), started, finished, errors.get());
    }

    // --- set-up ---------------------------------------------------------------------------------------------

    private String[] resetDatabases() throws Exception {
        if (db.equals("postgres")) {
            String base = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
            String appDb = System.getProperty("bench.pg.app", "sl_bench");
            String bareDb = System.getProperty("bench.pg.bare", "sl_bench_bare");
            for (String name : List.of(appDb, bareDb)) {
                // a new machine: the two databases are made on the server's maintenance database first
                try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
                        Statement s = c.createStatement();
                        var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!exists.next()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                }
                try (Connection c = DriverManager.getConnection(base + name, "postgres", "");
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA public CASCADE");
                    s.execute("CREATE SCHEMA public");
                }
            }
            System.out.println("PostgreSQL: schema public of " + appDb + " and " + bareDb + " dropped and created");
            return new String[] { base + appDb, base + bareDb };
        }
        Path dir = Path.of("target", "bench", "h2");
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        // the embedded default's options (application.yaml), for the app and the bare engine alike
        String options = System.getProperty("bench.h2-options", ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        return new String[] { "jdbc:h2:file:./target/bench/h2/app" + options, "jdbc:h2:file:./target/bench/h2/bare" + options };
    }

    private void start(String[] urls) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + APP_PORT,
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + urls[0],
                "--spring.datasource.username=" + (db.equals("postgres") ? "postgres" : "sa"),
                "--spring.datasource.password=",
                // every client of the load test is 127.0.0.1: the per-address guest rate limit is raised out of the way
                "--samlarande.guest.rate-limit.links-per-minute=10000000",
                "--samlarande.guest.rate-limit.posts-per-minute=10000000",
                // connections kept for the whole run (Hikari retires them after 30 minutes by default): on PostgreSQL
                // the database's CPU time is read from its server processes in /proc, and a connection closed during a
                // measured run takes its process's CPU time with it (a bare run measured -160 ms per visit so)
                "--spring.datasource.hikari.max-lifetime=0",
                "--logging.level.root=warn",
                "--logging.level.org.camunda.bpm.engine.jobexecutor=error"));
        String extra = System.getProperty("bench.args", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        System.out.println("app settings: " + String.join(" ", args));
        app = new SpringApplicationBuilder(SamlarandeApplication.class, BenchBeans.class).run(args.toArray(String[]::new));
        appDriver = new AppDriver(app, BenchBeans.APP_SQL);
        Environment env = app.getEnvironment();
        int poolSize = ((com.zaxxer.hikari.HikariDataSource) unwrap(app.getBean(DataSource.class))).getMaximumPoolSize();
        // The engine's authorization checks are the engine's cost, like its history level: by default the bare
        // engine checks the app's authorizations for the same signed-in staff (-Dbench.bare-authorization=false: none).
        timers = app.getBean(VisitTimers.class);
        boolean bareAuthorization = Boolean.parseBoolean(System.getProperty("bench.bare-authorization", "true"));
        bareDriver = new BareDriver(urls[1], db.equals("postgres") ? "postgres" : "sa", "", poolSize,
                timers, env,
                bareAuthorization ? BareDriver.Access.of(appDriver.engine(), List.of("kim", "hanna")) : null);
        System.out.println("bare engine: authorization checks " + (bareAuthorization ? "on (the app's)" : "off"));
        String sql = System.getProperty("bench.sql", "").trim();
        if (!sql.isEmpty()) {
            // a tuning experiment on both databases, e.g. an index on an engine table
            for (DataSource ds : List.of(app.getBean(DataSource.class), bareDriver.dataSource())) {
                for (String statement : sql.split(";")) {
                    JdbcClient.create(ds).sql(statement).update();
                }
            }
            System.out.println("executed on both databases: " + sql);
        }
        System.out.printf("engine: history=%s, job executor: %s per acquisition, core %s, max %s, queue %s; pool %d%n",
                env.getProperty("camunda.bpm.history-level"),
                env.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition"),
                env.getProperty("camunda.bpm.job-execution.core-pool-size"),
                env.getProperty("camunda.bpm.job-execution.max-pool-size"),
                env.getProperty("camunda.bpm.job-execution.queue-capacity"), poolSize);
    }

    private static DataSource unwrap(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
                    ? dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class) : dataSource;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the figures -----------------------------------------------------------------------------------------

    /** Only this driver's job executor runs. */
    private void only(Driver driver) {
        for (Driver d : List.of(appDriver, bareDriver)) {
            if (d != driver && d.jobExecutor().isActive()) {
                d.jobExecutor().shutdown();
            }
        }
        if (!driver.jobExecutor().isActive()) {
            driver.jobExecutor().start();
        }
    }

    private Map<String, Object> lifecycle(Driver driver, int count, String figure, boolean report) throws Exception {
        only(driver);
        ClockUtil.setCurrentTime(Date.from(NOW));
        String run = figure + "-" + driver.name() + "-" + System.nanoTime() % 100000;
        long before = finishedInstances(driver);
        String load0 = loadavg();
        SqlCounter.Snapshot sql0 = driver.counter().snapshot();
        long transactions0 = report ? databaseTransactions(driver) : 0;
        cpuStart(driver);
        long t0 = System.nanoTime();

        List<Handle> visits = parallel(IntStream.range(0, count).boxed().toList(), i -> driver.register(i, run, LIFECYCLE));
        awaitJobs(driver);
        each(visits, driver::submitIntake);
        awaitJobs(driver); // the review task is created by the job executor (asynchronous before it)
        each(visits, driver::reviewIntake);
        awaitJobs(driver);
        moveClock(driver, LIFECYCLE.from().atTime(8, 1).atZone(REGION).toInstant());
        each(visits, driver::hostVisit);
        awaitJobs(driver);
        each(visits, driver::submitEvaluation);
        each(visits, driver::evaluateAsHost);
        each(visits, v -> driver.scheduleSummaryMeeting(v, LIFECYCLE));
        awaitJobs(driver);
        moveClock(driver, LIFECYCLE.summaryMeetingAt().plusSeconds(60));
        each(visits, driver::holdSummaryMeeting);
        awaitJobs(driver);
        // months later the hosts answer whether the planned practice was introduced, and the processes end. The clock
        // moves ahead only for that, with the job executor paused (the open visits' timers, due long before then, stay
        // where they are) and each visit's follow-up timer run by the driver; then it moves back.
        Instant closedAt = ClockUtil.getCurrentTime().toInstant();
        driver.jobExecutor().shutdown();
        ClockUtil.setCurrentTime(Date.from(timers.practiceFollowUp(closedAt).dueAt()));
        each(visits, driver::followUpPractice);
        ClockUtil.setCurrentTime(Date.from(closedAt));
        driver.jobExecutor().start();
        awaitJobs(driver);

        double seconds = (System.nanoTime() - t0) / 1e9;
        SqlCounter.Snapshot sql = driver.counter().snapshot().minus(sql0);
        long closed = finishedInstances(driver) - before;
        if (closed != count || driver.failedJobs() > 0) {
            throw new IllegalStateException(driver.name() + ": " + closed + " of " + count + " visits closed, "
                    + driver.failedJobs() + " failed jobs");
        }
        Map<String, Object> f = figure(figure, driver, count, seconds, sql, load0);
        f.put("visitsPerSecond", round(count / seconds));
        f.put("msPerVisit", round(seconds * 1000 / count));
        if (report && db.equals("postgres")) {
            f.put("transactionsPerVisit", round((databaseTransactions(driver) - transactions0) / (double) count));
        }
        if (report) {
            report(f);
        }
        return f;
    }

    /**
     * Registers the steady population's visits on this engine and takes each through its intake and the host's
     * review, so they wait for their first day months ahead (not reported).
     */
    private void steadyPopulation(Driver driver) throws Exception {
        if (steady == 0) {
            return;
        }
        only(driver);
        ClockUtil.setCurrentTime(Date.from(NOW));
        long t0 = System.nanoTime();
        List<Handle> visits = parallel(IntStream.range(0, steady).boxed().toList(),
                i -> driver.register(i, "steady-" + driver.name(), STEADY));
        awaitJobs(driver);
        each(visits, driver::submitIntake);
        awaitJobs(driver);
        each(visits, driver::reviewIntake);
        awaitJobs(driver);
        System.out.printf(Locale.ROOT, "steady population (%s): %d open visits waiting for their first day, %.1f s%n",
                driver.name(), steady, (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, Object> registerOpen(Driver driver) throws Exception {
        only(driver);
        ClockUtil.setCurrentTime(Date.from(NOW));
        String run = "open-" + driver.name();
        String load0 = loadavg();
        SqlCounter.Snapshot sql0 = driver.counter().snapshot();
        cpuStart(driver);
        long t0 = System.nanoTime();
        parallel(IntStream.range(0, open).boxed().toList(), i -> driver.register(i, run, OPEN));
        awaitJobs(driver);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> f = figure("register-open", driver, open, seconds,
                driver.counter().snapshot().minus(sql0), load0);
        f.put("visitsPerSecond", round(open / seconds));
        f.put("msPerVisit", round(seconds * 1000 / open));
        report(f);
        return f;
    }

    private Map<String, Object> sweep(Driver driver) throws Exception {
        only(driver);
        long before = driver.remindersRecorded();
        String load0 = loadavg();
        SqlCounter.Snapshot sql0 = driver.counter().snapshot();
        cpuStart(driver);
        long t0 = System.nanoTime();
        driver.jobExecutor().jobWasAdded(); // the reminders came due by the clock: wake the job executor as time would
        while (driver.remindersRecorded() - before < open || driver.backlog() > 0) {
            Thread.sleep(100);
            if ((System.nanoTime() - t0) / 1e9 > 3600) {
                throw new IllegalStateException("sweep not finished after an hour");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> f = figure("reminder-sweep", driver, open, seconds, driver.counter().snapshot().minus(sql0),
                load0);
        f.put("remindersPerSecond", round(open / seconds));
        f.put("reminders", driver.remindersRecorded() - before);
        report(f);
        return f;
    }

    private void proveRemindersOnce() {
        JdbcClient jdbc = appDriver.jdbc();
        long rows = jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE kind = 'INTAKE_REMINDER'").query(Long.class).single();
        long visits = jdbc.sql("SELECT COUNT(DISTINCT visit_id) FROM sl_email WHERE kind = 'INTAKE_REMINDER'")
                .query(Long.class).single();
        long duplicates = jdbc.sql("SELECT COUNT(*) FROM (SELECT visit_id, recipient FROM sl_email WHERE kind = "
                + "'INTAKE_REMINDER' GROUP BY visit_id, recipient HAVING COUNT(*) > 1) d").query(Long.class).single();
        long keys = jdbc.sql("SELECT COUNT(DISTINCT idempotency_key) FROM sl_email WHERE kind = 'INTAKE_REMINDER'")
                .query(Long.class).single();
        long unsent = jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE kind = 'INTAKE_REMINDER' AND state NOT IN "
                + "('RECORDED', 'SENT')").query(Long.class).single();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("figure", "reminders-once");
        f.put("db", db);
        f.put("reminderRows", rows);
        f.put("visitsReminded", visits);
        f.put("openVisits", open);
        f.put("visitsWithMoreThanOne", duplicates);
        f.put("distinctIdempotencyKeys", keys);
        f.put("notRecorded", unsent);
        f.put("exactlyOnce", rows == open && visits == open && duplicates == 0 && keys == rows && unsent == 0);
        report(f);
    }

    /** Both warm-ups (the lifecycle's and the guest pages') end when the JIT compiled for less than this share of a round. */
    private final double warmJitShare = Double.parseDouble(System.getProperty("bench.warm-jit-share", "0.15"));

    /** Requests per second of the guest pages' warm-up steps ({@code bench.load-warm-rate}). */
    private final int guestWarmRate = Integer.getInteger("bench.load-warm-rate", 100);

    /** Seconds each load generator runs before it counts (it starts cold: see GuestLoad). */
    private static final int GENERATOR_WARM_SECONDS = 3;

    private void guestLoad() throws Exception {
        only(appDriver);
        // The guest pages are measured as production runs them: without the statement counter's proxy (its cost in
        // the app's JVM is the benchmark's, not the app's); on PostgreSQL pg_stat_statements lists the statements.
        appDriver.counter().counting(false);
        try {
            guestSteps();
        } finally {
            appDriver.counter().counting(true);
        }
    }

    private void guestSteps() throws Exception {
        // Recorded invitations hold a slot where the link goes; each guest gets a link as a sent invitation would.
        List<String> links = appDriver.jdbc().sql("SELECT visit_id, body_text FROM sl_email WHERE kind = 'INVITATION' AND "
                + "recipient LIKE 'guest-open-app-%' ORDER BY id")
                .query((rs, n) -> Map.entry(rs.getLong("visit_id"), rs.getString("body_text"))).list().stream()
                .map(email -> GuestLinkSlot.in(email.getValue()).stream()
                        .filter(slot -> slot.purpose() == GuestLinkIssuer.Purpose.INTAKE).findFirst()
                        .map(slot -> appDriver.issueLink(email.getKey(), slot)).orElse(null))
                .filter(java.util.Objects::nonNull).map(link -> {
                    Matcher m = LINK.matcher(link);
                    return m.find() ? m.group(1) : null;
                }).filter(java.util.Objects::nonNull).toList();
        Path file = Files.createTempFile("bench-links", ".txt");
        Files.write(file, links);
        // One generator process for every step: its own JIT compiling is done in the warm-up, not in the measured rates.
        Process generator = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GuestLoad.class.getName(), "http://127.0.0.1:" + APP_PORT, file.toString()).redirectErrorStream(true).start();
        try (var steps = new java.io.PrintWriter(generator.getOutputStream(), true);
                BufferedReader out = new BufferedReader(new InputStreamReader(generator.getInputStream()))) {
            int[] offset = { 0 };
            // guests the measured rates need (each guest uses one link once: a link whose intake was sent opens
            // the sent page, not the form)
            int needed = 0;
            for (int rate : rates) {
                needed += guestsOf(rate);
            }
            // Warm-up, not reported: the guest pages' own code (the web server, security, the pages' templates, JSON),
            // which the lifecycle's warm-up does not run. As for the lifecycle: steps at 100/s until the JIT compiled
            // for less than bench.warm-jit-share of a step's time, as long as links are left for the measured rates.
            // (With one step of 13 s the JIT still compiled the app for most of the measured rates: C2 was 15-65 %
            // of the app's CPU samples at 50/s and 200/s in a profile.)
            // And at least bench.load-warm-guests guests: the C2 compiler takes a method up after about 5,000 calls
            // (Tier4InvocationThreshold), and much of a guest's post runs once per guest. With fewer, the JIT's share
            // looked done at 100/s while code run once per guest still ran C1's profiling code, and C2 compiled it
            // during the measured 200/s (2.2 ms of compiling per request in one run, 4,700 guests of warm-up in another).
            int maxWarm = Integer.getInteger("bench.load-warm-steps", 15);
            int minWarmGuests = Integer.getInteger("bench.load-warm-guests", 5000);
            for (int round = 1; round <= maxWarm && offset[0] + guestsOf(guestWarmRate) + needed <= links.size(); round++) {
                Map<String, Object> f = guestStep(steps, out, guestWarmRate, offset);
                // JIT milliseconds per request × requests per second = JIT milliseconds per second of the step
                double share = ((Number) f.get("appJitMsPerRequest")).doubleValue() * guestWarmRate / 1000.0;
                System.out.printf(Locale.ROOT, "guest pages warm-up step %d: %d/s, p99 %s ms, the JIT compiling %.0f %% "
                        + "of the time, app CPU %s ms per request, load generator %s ms%n", round, guestWarmRate,
                        f.get("p99Ms"), 100 * share, f.get("appCpuMsPerRequest"), f.get("generatorCpuMsPerRequest"));
                if (share < warmJitShare && offset[0] >= minWarmGuests) {
                    break;
                }
            }
            if (offset[0] < minWarmGuests) {
                System.out.println("guest pages warmed up with " + offset[0] + " guests, fewer than bench.load-warm-guests ("
                        + minWarmGuests + "): too few open visits' links (bench.open) or warm-up steps (bench.load-warm-steps)");
            }
            for (int rate : rates) {
                if (offset[0] + guestsOf(rate) > links.size()) {
                    System.out.println("guest pages at " + rate + "/s not run: too few open visits' links left (bench.open)");
                    continue;
                }
                String load0 = loadavg();
                Map<String, Object> f = guestStep(steps, out, rate, offset);
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("figure", "guest-load");
                figure.put("who", "app");
                figure.put("db", db);
                figure.putAll(f);
                figure.put("linksAvailable", links.size());
                figure.put("loadavgBefore", load0);
                figure.put("loadavgAfter", loadavg());
                report(figure);
                pgStatements("guest pages at " + rate + "/s", appDriver);
            }
        }
        generator.waitFor();
    }

    /** Guests (links) a step at this rate uses, with the seconds the generator does not count. */
    private int guestsOf(int rate) {
        return (int) Math.ceil(rate * (loadSeconds + GENERATOR_WARM_SECONDS) / 3.0) + 1;
    }

    /** One step of the generator: its LOAD figures, and the app's CPU time per request sent during it. */
    private Map<String, Object> guestStep(java.io.PrintWriter steps, BufferedReader out, int rate, int[] offset)
            throws IOException, InterruptedException {
        pgStatementsReset();
        cpuStart(appDriver);
        steps.println(rate + " " + loadSeconds + " " + GENERATOR_WARM_SECONDS + " " + offset[0]);
        offset[0] += guestsOf(rate);
        Map<String, Object> f = new LinkedHashMap<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("LOAD ")) {
                f.putAll(Json.parse(line.substring(5)));
                break;
            }
            System.out.println("  load: " + line);
        }
        if (f.isEmpty()) {
            throw new IllegalStateException("the load generator ended without its figures");
        }
        // The review task of a guest's intake is created by the job executor after the post has been answered: the
        // jobs the step left are run before its CPU time is taken, so that it counts the work the posts started.
        long left = appDriver.backlog();
        long drain0 = System.nanoTime();
        awaitJobs(appDriver);
        f.put("jobsLeftAtEnd", left);
        f.put("failedJobs", appDriver.failedJobs());
        f.put("jobsDrainSeconds", round((System.nanoTime() - drain0) / 1e9));
        // CPU time of the app (its JVM, and on PostgreSQL the server processes of its database) per request sent
        f.putAll(prefix("app", cpuSince("Request", rate * (loadSeconds + GENERATOR_WARM_SECONDS))));
        return f;
    }

    private void sizeAndCleanup() throws Exception {
        for (Driver d : List.of(appDriver, bareDriver)) {
            if (d.jobExecutor().isActive()) {
                d.jobExecutor().shutdown();
            }
        }
        // past the removal time of every closed visit's history: its end (the practice follow-up, months after the
        // visit) plus the longer of the two processes' history time-to-live (the app's is samlarande.retention.engine-history)
        int ttlDays = 0;
        for (Driver d : List.of(appDriver, bareDriver)) {
            for (var definition : d.engine().getRepositoryService().createProcessDefinitionQuery().list()) {
                ttlDays = Math.max(ttlDays, definition.getHistoryTimeToLive() == null ? 0 : definition.getHistoryTimeToLive());
            }
        }
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2027, 12, 31).plusDays(ttlDays + 1).atTime(12, 0).atZone(REGION)
                .toInstant()));
        for (Driver d : List.of(appDriver, bareDriver)) {
            DataSource ds = d == appDriver ? app.getBean(DataSource.class) : bareDriver.dataSource();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("figure", "db-size");
            f.put("who", d.name());
            f.put("db", db);
            f.put("closedVisits", finishedInstances(d));
            f.put("openVisits", d.engine().getRuntimeService().createProcessInstanceQuery().count());
            f.putAll(prefix("before", sizes(d, ds)));
            long t0 = System.nanoTime();
            int runs = cleanUp(d);
            f.put("cleanupSeconds", round((System.nanoTime() - t0) / 1e9));
            f.put("cleanupRuns", runs);
            f.put("closedVisitsLeftInHistory", finishedInstances(d));
            f.putAll(prefix("after", sizes(d, ds)));
            if (db.equals("postgres")) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM FULL");
                }
                f.putAll(prefix("afterVacuumFull", sizes(d, ds)));
            }
            report(f);
        }
    }

    /** Runs the engine's history cleanup job now, again and again, until no closed visit's history is left. */
    private int cleanUp(Driver d) {
        var history = d.engine().getHistoryService();
        var management = d.engine().getManagementService();
        history.cleanUpHistoryAsync(true);
        int runs = 0;
        long t0 = System.nanoTime();
        long previous = Long.MAX_VALUE;
        int stale = 0;
        while (runs < 100000 && (System.nanoTime() - t0) / 1e9 < Integer.getInteger("bench.cleanup-seconds", 600)) {
            List<Job> jobs = history.findHistoryCleanupJobs();
            if (jobs.isEmpty()) {
                break;
            }
            for (Job job : jobs) {
                management.setJobDuedate(job.getId(), null);
                management.executeJob(job.getId());
                runs++;
            }
            long left = d.engine().getHistoryService().createHistoricActivityInstanceQuery().count();
            if (left >= previous) {
                if (++stale > 3) {
                    break;
                }
            } else {
                stale = 0;
            }
            previous = left;
        }
        return runs;
    }

    private Map<String, Object> sizes(Driver d, DataSource ds) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        if (db.equals("postgres")) {
            JdbcClient jdbc = JdbcClient.create(ds);
            s.put("databaseMB", mb(jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single()));
            s.put("engineTablesMB", mb(jdbc.sql("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
                    + "AND c.relname LIKE 'act\\_%'").query(Long.class).single()));
            s.put("appTablesMB", mb(jdbc.sql("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
                    + "AND c.relname LIKE 'sl\\_%'").query(Long.class).single()));
        } else {
            File file = new File("target/bench/h2/" + (d == appDriver ? "app" : "bare") + ".mv.db");
            s.put("fileMB", mb(file.length()));
        }
        return s;
    }

    private boolean part(String name) {
        String parts = System.getProperty("bench.parts", "all");
        return parts.equals("all") || List.of(parts.split(",")).contains(name);
    }

    private void topStatements(Driver driver, String what) {
        System.out.println("Statements run most often (" + what + ", all visits together):");
        driver.counter().topAndReset(Integer.getInteger("bench.top", 25)).forEach(System.out::println);
        System.out.println("Statements run with auto-commit on, each a transaction of its own (" + what + "):");
        driver.counter().autoCommittedAndReset(Integer.getInteger("bench.top", 25)).forEach(System.out::println);
    }

    /** Where the server has pg_stat_statements (a tuning run): its statistics start again from here. */
    private void pgStatementsReset() {
        if (db.equals("postgres") && pgStatStatements()) {
            JdbcClient.create(app.getBean(DataSource.class)).sql("SELECT pg_stat_statements_reset()").query().listOfRows();
        }
    }

    /** The server's own time per statement since {@link #pgStatementsReset()}, most time first (pg_stat_statements). */
    private void pgStatements(String what, Driver driver) {
        if (!db.equals("postgres") || !pgStatStatements()) {
            return;
        }
        System.out.println("pg_stat_statements (" + what + "): calls, total ms, mean ms, rows, statement");
        JdbcClient.create(app.getBean(DataSource.class)).sql("SELECT calls, total_exec_time, mean_exec_time, rows, "
                + "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements WHERE dbid = "
                + "(SELECT oid FROM pg_database WHERE datname = :database) ORDER BY total_exec_time DESC LIMIT "
                + Integer.getInteger("bench.top", 25)).param("database", databaseName(driver))
                .query((rs, i) -> String.format(Locale.ROOT, "%8d %10.1f %8.3f %8d  %s", rs.getLong(1), rs.getDouble(2),
                        rs.getDouble(3), rs.getLong(4), abbreviate(rs.getString(5), 220)))
                .list().forEach(System.out::println);
    }

    private Boolean pgStatStatements;

    /** Whether the server collects pg_stat_statements (asked once; the extension made in the app's database). */
    private boolean pgStatStatements() {
        if (pgStatStatements == null) {
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            pgStatStatements = jdbc.sql("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'")
                    .query(Boolean.class).single();
            if (pgStatStatements) {
                jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            }
        }
        return pgStatStatements;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** PostgreSQL's own statistics: the app's tables read by sequential scans (an index missing?). */
    private void scans(DataSource ds, String who) {
        System.out.println("pg_stat_user_tables (" + who + "): table, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_del");
        JdbcClient.create(ds).sql("SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0) AS idx_scan, n_tup_ins, "
                + "n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 25")
                .query((rs, i) -> String.format("%-32s %10d %14d %10d %9d %9d %9d", rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list().forEach(System.out::println);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static long deleteEndedHistory(Driver d) {
        var history = d.engine().getHistoryService();
        long deleted = 0;
        for (List<String> ids; !(ids = history.createHistoricProcessInstanceQuery().finished().listPage(0, 500).stream()
                .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).toList()).isEmpty(); ) {
            history.deleteHistoricProcessInstancesBulk(ids);
            deleted += ids.size();
        }
        return deleted;
    }

    private long finishedInstances(Driver d) {
        return d.engine().getHistoryService().createHistoricProcessInstanceQuery().finished().count();
    }

    private void moveClock(Driver driver, Instant to) throws InterruptedException {
        ClockUtil.setCurrentTime(Date.from(to));
        driver.jobExecutor().jobWasAdded(); // timers came due by the clock: wake the job executor as time would
        awaitJobs(driver);
    }

    private void awaitJobs(Driver driver) throws InterruptedException {
        long t0 = System.nanoTime();
        while (driver.backlog() > 0) {
            Thread.sleep(100); // the count scans ACT_RU_JOB: polled often, it would load the database it measures
            if ((System.nanoTime() - t0) / 1e9 > 3600) {
                throw new IllegalStateException("jobs still due after an hour");
            }
        }
    }

    private <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> action) throws Exception {
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> retried(() -> action.apply(item))));
        }
        List<R> results = new ArrayList<>();
        for (Future<R> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    private void each(List<Handle> visits, Consumer<Handle> action) throws Exception {
        parallel(visits, v -> {
            action.accept(v);
            return v;
        });
    }

    /** A move that lost on optimistic locking (a job on the same visit at the same moment) is made again. */
    private <R> R retried(java.util.function.Supplier<R> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
                errors.incrementAndGet();
            }
        }
    }

    private Map<String, Object> figure(String figure, Driver driver, int count, double seconds, SqlCounter.Snapshot sql,
            String load0) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("figure", figure);
        f.put("who", driver.name());
        f.put("db", db);
        f.put("n", count);
        f.put("seconds", round(seconds));
        f.put("engineStatementsPerVisit", round((sql.engineReads() + sql.engineWrites()) / (double) count));
        f.put("engineWritesPerVisit", round(sql.engineWrites() / (double) count));
        f.put("engineRowsWrittenPerVisit", round(sql.engineRows() / (double) count));
        f.put("appStatementsPerVisit", round((sql.appReads() + sql.appWrites()) / (double) count));
        f.put("appWritesPerVisit", round(sql.appWrites() / (double) count));
        f.put("appRowsWrittenPerVisit", round(sql.appRows() / (double) count));
        f.put("loadavgBefore", load0);
        f.put("loadavgAfter", loadavg());
        if (cpuDriver == driver) {
            f.putAll(cpuSince("Visit", count));
        }
        return f;
    }

    /**
     * The CPU, JIT and garbage collection time since {@link #cpuStart(Driver)}, per unit ({@code cpuMsPer<unit>},
     * {@code jitMsPer<unit>}, {@code gcMsPer<unit>}); the measurement ends here.
     */
    private Map<String, Object> cpuSince(String unit, int count) {
        Map<String, Object> f = new LinkedHashMap<>();
        double database = databaseMillis(cpuDriver) - db0; // /proc read once: the database's part and the sum
        f.put("cpuMsPer" + unit, round((jvmMillis() - jvm0 + database) / count));
        if (db.equals("postgres")) {
            // of it, the database's server processes (the rest is the JVM's)
            f.put("dbCpuMsPer" + unit, round(database / count));
        }
        f.put("jitMsPer" + unit, round((jitMillis() - jit0) / count));
        f.put("gcMsPer" + unit, round((gcMillis() - gc0) / count));
        cpuDriver = null;
        return f;
    }

    private Driver cpuDriver;
    private double jvm0;

    /**
     * CPU time, not wall time: what the JVM used (the app or the bare engine, whichever runs; the other's job
     * executor is stopped) plus, on PostgreSQL, what the database's server processes for that database used. Other
     * processes on the machine do not count, so this figure holds on a busy machine where visits per second do not.
     */
    private void cpuStart(Driver driver) {
        cpuDriver = driver;
        jvm0 = jvmMillis();
        db0 = databaseMillis(driver);
        jit0 = jitMillis();
        gc0 = gcMillis();
    }

    private double jit0;
    private double gc0;
    private double db0;

    /** Time the JIT compilers spent compiling (part of the CPU time above, while the JIT still works). */
    private static double jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Time of the garbage collections (wall time of the collections, as the collectors report it). */
    private static double gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static double jvmMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** On PostgreSQL the server processes of the driver's database; 0 on H2 (its work is the JVM's). */
    private double databaseMillis(Driver driver) {
        return db.equals("postgres") ? postgresBackendMillis(databaseName(driver)) : 0;
    }

    /** The PostgreSQL database of the app or of the bare engine. */
    /**
     * On PostgreSQL, the transactions the engine's database committed or rolled back so far (pg_stat_database), after
     * 11 s: a server process reports its counts within 10 s of going idle. Everything the engine does, read-only
     * transactions too (the engine's MyBatis ends those without a commit call, so the data source cannot count them).
     */
    private long databaseTransactions(Driver driver) throws InterruptedException {
        if (!db.equals("postgres")) {
            return 0;
        }
        Thread.sleep(11_000);
        return JdbcClient.create(bareDriver.dataSource()).sql("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                + "WHERE datname = ?").param(databaseName(driver)).query(Long.class).single();
    }

    private static String databaseName(Driver driver) {
        return driver.name().equals("app") ? System.getProperty("bench.pg.app", "sl_bench")
                : System.getProperty("bench.pg.bare", "sl_bench_bare");
    }

    /** utime + stime of the server processes serving this database (their command line names it), from /proc. */
    private static double postgresBackendMillis(String database) {
        double ticks = 0;
        File[] processes = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (File process : processes == null ? new File[0] : processes) {
            try {
                String cmd = new String(java.nio.file.Files.readAllBytes(new File(process, "cmdline").toPath()))
                        .replace('\0', ' ');
                if (!cmd.startsWith("postgres: ") || !cmd.contains(" " + database + " ")) {
                    continue;
                }
                String stat = java.nio.file.Files.readString(new File(process, "stat").toPath());
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (java.io.IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    /** The median of repeated ratios (and of their CPU time ratios), with every one of them. */
    private void medianRatio(String figure, List<Map<String, Object>> ratios) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("figure", figure + "-ratio-median");
        f.put("db", db);
        f.put("n", ratios.get(0).get("n"));
        f.put("repeats", ratios.size());
        for (String key : List.of("ratio", "cpuRatio")) {
            List<Double> values = ratios.stream().map(r -> r.get(key)).filter(Number.class::isInstance)
                    .map(v -> ((Number) v).doubleValue()).sorted().toList();
            if (!values.isEmpty()) {
                int size = values.size();
                f.put(key, round(size % 2 == 1 ? values.get(size / 2) : (values.get(size / 2 - 1) + values.get(size / 2)) / 2));
                f.put(key + "s", values);
            }
        }
        report(f);
    }

    private Map<String, Object> ratio(String figure, Map<String, Object> app, Map<String, Object> bare) {
        String key = app.containsKey("visitsPerSecond") ? "visitsPerSecond" : "remindersPerSecond";
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("figure", figure + "-ratio");
        f.put("db", db);
        f.put("n", app.get("n"));
        f.put("app", app.get(key));
        f.put("bare", bare.get(key));
        f.put("ratio", round(((Number) app.get(key)).doubleValue() / ((Number) bare.get(key)).doubleValue()));
        if (app.get("cpuMsPerVisit") instanceof Number appCpu && bare.get("cpuMsPerVisit") instanceof Number bareCpu) {
            // the same ratio from CPU time: bare CPU per visit / app CPU per visit
            f.put("cpuRatio", round(bareCpu.doubleValue() / appCpu.doubleValue()));
        }
        report(f);
        return f;
    }

    private void report(Map<String, Object> f) {
        figures.add(f);
        System.out.println("BENCH " + Json.write(f));
    }

    private String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-22s %-5s %6s %9s %9s %9s %8s %8s %8s %8s %7s %9s %7s %7s%n", "figure",
                "who", "n", "seconds", "per s", "ms/visit", "eng st", "eng rows", "app st", "app rows", "tx", "cpu ms",
                "jit ms", "gc ms"));
        for (Map<String, Object> f : figures) {
            String name = (String) f.get("figure");
            if (name.equals("guest-load")) {
                t.append(String.format(Locale.ROOT, "%-22s %-5s %6s rate %s/s: p50 %s ms, p99 %s ms, max %s ms, "
                        + "%s requests, %s errors; CPU per request: app %s ms (JIT %s%s), load generator %s ms; "
                        + "jobs left at the end %s (run in %s s), failed jobs %s%n", name,
                        "app", "", f.get("rate"), f.get("p50Ms"), f.get("p99Ms"), f.get("maxMs"), f.get("requests"),
                        f.get("errors"), f.get("appCpuMsPerRequest"), f.get("appJitMsPerRequest"),
                        f.containsKey("appDbCpuMsPerRequest") ? ", database " + f.get("appDbCpuMsPerRequest") : "",
                        f.get("generatorCpuMsPerRequest"), f.get("jobsLeftAtEnd"), f.get("jobsDrainSeconds"),
                        f.get("failedJobs")));
            } else if (name.endsWith("-ratio")) {
                t.append(String.format(Locale.ROOT, "%-22s %-5s %6s app %s / bare %s = %s%s%n", name, "", f.get("n"),
                        f.get("app"), f.get("bare"), f.get("ratio"),
                        f.containsKey("cpuRatio") ? " (CPU time per visit, bare / app: " + f.get("cpuRatio") + ")" : ""));
            } else if (name.endsWith("-ratio-median")) {
                t.append(String.format(Locale.ROOT, "%-22s %-5s %6s median of %s: %s %s%s%n", name, "", f.get("n"),
                        f.get("repeats"), f.get("ratio"), f.get("ratios"),
                        f.containsKey("cpuRatio") ? " (CPU time: " + f.get("cpuRatio") + " " + f.get("cpuRatios") + ")" : ""));
            } else if (name.equals("db-size") || name.equals("reminders-once")) {
                t.append(String.format(Locale.ROOT, "%-22s %-5s %s%n", name, f.getOrDefault("who", ""),
                        f.entrySet().stream().filter(e -> !List.of("figure", "who", "db").contains(e.getKey()))
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
            } else {
                Object perSecond = f.getOrDefault("visitsPerSecond", f.get("remindersPerSecond"));
                t.append(String.format(Locale.ROOT, "%-22s %-5s %6s %9s %9s %9s %8s %8s %8s %8s %7s %9s %7s %7s%n",
                        name, f.get("who"), f.get("n"), f.get("seconds"), perSecond, f.getOrDefault("msPerVisit", "-"),
                        f.get("engineStatementsPerVisit"), f.get("engineRowsWrittenPerVisit"),
                        f.get("appStatementsPerVisit"), f.get("appRowsWrittenPerVisit"), f.getOrDefault("transactionsPerVisit", "-"),
                        f.getOrDefault("cpuMsPerVisit", "-"), f.getOrDefault("jitMsPerVisit", "-"),
                        f.getOrDefault("gcMsPerVisit", "-")));
            }
        }
        return t.toString();
    }

    private static Map<String, Object> prefix(String prefix, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(prefix + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
        return out;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double mb(long bytes) {
        return round(bytes / 1048576.0);
    }

    static String loadavg() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
