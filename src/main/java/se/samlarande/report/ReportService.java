package se.samlarande.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.VisitState;

/**
 * The region's result measures over the visits a {@link ReportFilter} selects: visits by month and partner level,
 * intake on time, evaluation scores and answers, summary answers, learning put into practice (the host's answer to the
 * practice follow-up, months after the visit), blog activity, cycle times of the phases (from the engine's history)
 * and open incidents. Everything is read when asked for, so the report is always current.
 * <p>
 * Blog posts and comments that a host or coordinator hid are not counted as activity; they are counted in columns
 * of their own. Views count every opening of the blog page.
 */
@Service
public class ReportService {

    /** The lifecycle's phases, each bounded by two of the process's milestones. */
    enum Phase {
        INTAKE(ProcessHistory.Milestones::invited, ProcessHistory.Milestones::intakeDone),
        PLANNING(ProcessHistory.Milestones::intakeDone, ProcessHistory.Milestones::programmePlanned),
        VISIT(ProcessHistory.Milestones::visitStarted, ProcessHistory.Milestones::visitHosted),
        EVALUATION(ProcessHistory.Milestones::visitHosted, ProcessHistory.Milestones::evaluationDone),
        SUMMARY(ProcessHistory.Milestones::evaluationDone, ProcessHistory.Milestones::summaryHeld);

        final Function<ProcessHistory.Milestones, Instant> start;
        final Function<ProcessHistory.Milestones, Instant> end;

        Phase(Function<ProcessHistory.Milestones, Instant> start, Function<ProcessHistory.Milestones, Instant> end) {
            this.start = start;
            this.end = end;
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private final JdbcClient jdbc;
    private final ProcessHistory history;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    ReportService(JdbcClient jdbc, ProcessHistory history, MessageSource messages, Clock clock,
            @Value("${samlarande.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.history = history;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
    }

    record VisitRow(long id, String reference, String hostUnit, PartnerLevel level, LocalDate dateFrom,
            VisitState state, Instant intakeDeadline) {
    }

    private record EvaluationRow(long visitId, String respondent, int score, String wentWell, String toImprove) {
    }

    private record SummaryRow(long visitId, String purposeMet, String learned, String introduce, String followUp) {
    }

    private record Blog(int posts, int hiddenPosts, int comments, int hiddenComments, int views) {
    }

    /** A visit's practice follow-up; introduced null until answered. */
    private record FollowUpRow(long visitId, Instant dueAt, Instant answerBy, String introduced, String what,
            String effect, Instant answeredAt, Instant unansweredAt) {

        /** Where it stands: ANSWERED, UNANSWERED (closed without an answer), ASKED (open in Tasklist) or PLANNED. */
        String status(Instant now) {
            if (answeredAt != null) {
                return "ANSWERED";
            }
            if (unansweredAt != null) {
                return "UNANSWERED";
            }
            return dueAt.isAfter(now) ? "PLANNED" : "ASKED";
        }
    }

    /** Answers that count as "put into practice": yes or partly. */
    private static final List<String> INTRODUCED = List.of("YES", "PARTLY");

    /** The host units that have visits, for the filter's choices. */
    public List<String> hostUnits() {
        return jdbc.sql("SELECT DISTINCT host_unit FROM sl_visit ORDER BY host_unit").query(String.class).list();
    }

    @Transactional(readOnly = true)
    public Report report(ReportFilter filter, Locale locale) {
        List<VisitRow> visits = query(filter, """
                SELECT v.id, v.reference, v.host_unit, v.partner_level, v.date_from, v.state, v.intake_deadline
                FROM sl_visit v WHERE %s ORDER BY v.date_from, v.reference""")
                .query((rs, n) -> new VisitRow(rs.getLong("id"), rs.getString("reference"), rs.getString("host_unit"),
                        PartnerLevel.valueOf(rs.getString("partner_level")), rs.getDate("date_from").toLocalDate(),
                        VisitState.valueOf(rs.getString("state")), instant(rs.getTimestamp("intake_deadline"))))
                .list();
        Map<Long, Integer> guests = countsByVisit(filter, """
                SELECT p.visit_id, COUNT(*) FROM sl_participant p JOIN sl_visit v ON v.id = p.visit_id
                WHERE %s GROUP BY p.visit_id""");
        Map<Long, List<Instant>> intakes = new HashMap<>();
        query(filter, "SELECT i.visit_id, i.received_at FROM sl_intake i JOIN sl_visit v ON v.id = i.visit_id WHERE %s")
                .query((rs, n) -> intakes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getTimestamp(2).toInstant()))
                .list();
        List<EvaluationRow> evaluations = query(filter, """
                SELECT e.visit_id, e.respondent, e.score, e.went_well, e.to_improve
                FROM sl_evaluation e JOIN sl_visit v ON v.id = e.visit_id WHERE %s
                ORDER BY v.date_from, v.reference, e.respondent, e.received_at, e.id""")
                .query((rs, n) -> new EvaluationRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        Map<Long, SummaryRow> summaries = new LinkedHashMap<>();
        query(filter, """
                SELECT s.visit_id, s.purpose_met, s.learned, s.introduce_in_practice, s.follow_up_actions
                FROM sl_summary s JOIN sl_visit v ON v.id = s.visit_id WHERE %s AND s.recorded_at IS NOT NULL
                ORDER BY v.date_from, v.reference""")
                .query((rs, n) -> new SummaryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list().forEach(s -> summaries.put(s.visitId(), s));
        Map<Long, Integer> posts = countsByVisit(filter, """
                SELECT b.visit_id, COUNT(*) FROM sl_blog_post b JOIN sl_visit v ON v.id = b.visit_id
                WHERE %s AND b.hidden_at IS NULL GROUP BY b.visit_id""");
        Map<Long, Integer> hiddenPosts = countsByVisit(filter, """
                SELECT b.visit_id, COUNT(*) FROM sl_blog_post b JOIN sl_visit v ON v.id = b.visit_id
                WHERE %s AND b.hidden_at IS NOT NULL GROUP BY b.visit_id""");
        // A comment counts when neither it nor its post is hidden.
        Map<Long, Integer> comments = countsByVisit(filter, """
                SELECT c.visit_id, COUNT(*) FROM sl_blog_comment c JOIN sl_blog_post b ON b.id = c.post_id
                JOIN sl_visit v ON v.id = c.visit_id
                WHERE %s AND c.hidden_at IS NULL AND b.hidden_at IS NULL GROUP BY c.visit_id""");
        Map<Long, Integer> hiddenComments = countsByVisit(filter, """
                SELECT c.visit_id, COUNT(*) FROM sl_blog_comment c JOIN sl_visit v ON v.id = c.visit_id
                WHERE %s AND c.hidden_at IS NOT NULL GROUP BY c.visit_id""");
        Map<Long, Integer> views = countsByVisit(filter, """
                SELECT w.visit_id, COUNT(*) FROM sl_blog_view w JOIN sl_visit v ON v.id = w.visit_id
                WHERE %s GROUP BY w.visit_id""");
        Map<Long, FollowUpRow> followUps = new LinkedHashMap<>();
        query(filter, """
                SELECT f.visit_id, f.due_at, f.answer_by, f.introduced, f.what_was_introduced, f.effect, f.answered_at,
                       f.unanswered_at
                FROM sl_practice_follow_up f JOIN sl_visit v ON v.id = f.visit_id WHERE %s
                ORDER BY v.date_from, v.reference""")
                .query((rs, n) -> new FollowUpRow(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))))
                .list().forEach(f -> followUps.put(f.visitId(), f));
        List<String> references = visits.stream().map(VisitRow::reference).toList();
        Map<String, ProcessHistory.Milestones> milestones = references.isEmpty() ? Map.of() : history.milestones(references);
        Map<String, Long> incidents = references.isEmpty() ? Map.of() : history.openIncidents(references);

        Map<Long, Blog> blogs = new LinkedHashMap<>();
        visits.forEach(v -> blogs.put(v.id(), new Blog(posts.getOrDefault(v.id(), 0), hiddenPosts.getOrDefault(v.id(), 0),
                comments.getOrDefault(v.id(), 0), hiddenComments.getOrDefault(v.id(), 0), views.getOrDefault(v.id(), 0))));
        Map<Long, String> referenceOf = new HashMap<>();
        visits.forEach(v -> referenceOf.put(v.id(), v.reference()));

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("visits-per-month", visitsPerMonth(visits, locale));
        tables.put("partner-levels", partnerLevels(visits, locale));
        tables.put("intake", intake(visits, guests, intakes));
        tables.put("evaluations", evaluationsPerVisit(visits, evaluations));
        tables.put("score-distribution", scoreDistribution(evaluations));
        tables.put("evaluation-answers", new ReportTable("evaluation-answers",
                List.of("report.col.visit", "report.col.respondent", "report.col.score", "report.col.wentWell",
                        "report.col.toImprove"),
                evaluations.stream().<List<Object>>map(e -> Arrays.asList(referenceOf.get(e.visitId()),
                        text("report.respondent." + e.respondent(), locale), e.score(), e.wentWell(), e.toImprove()))
                        .toList(), 1));
        tables.put("purpose-met", purposeMet(summaries, locale));
        tables.put("summary-answers", new ReportTable("summary-answers",
                List.of("report.col.visit", "report.col.purposeMet", "report.col.learned", "report.col.introduce",
                        "report.col.followUp"),
                summaries.values().stream().<List<Object>>map(s -> Arrays.asList(referenceOf.get(s.visitId()),
                        s.purposeMet() == null ? null : text("report.purpose." + s.purposeMet(), locale), s.learned(),
                        s.introduce(), s.followUp())).toList(), 1));
        tables.put("practice-introduced", practiceIntroduced(followUps, locale));
        tables.put("practice-follow-up", practiceFollowUp(visits, followUps, locale));
        tables.put("blog-activity", blogActivity(visits, blogs));
        tables.put("cycle-times", cycleTimes(visits, milestones, locale));
        tables.put("incidents", new ReportTable("incidents", List.of("report.col.visit", "report.col.hostUnit",
                "report.col.openIncidents"),
                visits.stream().filter(v -> incidents.getOrDefault(v.reference(), 0L) > 0)
                        .<List<Object>>map(v -> Arrays.asList(v.reference(), v.hostUnit(), incidents.get(v.reference())))
                        .toList(), 1));

        Report.Figures figures = figures(visits, guests, intakes, evaluations, summaries, blogs, incidents, followUps);
        return new Report(filter, figures, tables, charts(tables, locale));
    }

    private ReportTable visitsPerMonth(List<VisitRow> visits, Locale locale) {
        Map<YearMonth, int[]> months = new TreeMap<>();
        for (VisitRow v : visits) {
            months.computeIfAbsent(YearMonth.from(v.dateFrom()), m -> new int[PartnerLevel.values().length])[v.level().ordinal()]++;
        }
        List<String> columns = new ArrayList<>(List.of("report.col.month"));
        Arrays.stream(PartnerLevel.values()).forEach(l -> columns.add("level." + l.name()));
        columns.add("report.col.total");
        List<List<Object>> rows = new ArrayList<>();
        months.forEach((month, counts) -> {
            List<Object> row = new ArrayList<>(List.of(month.toString()));
            Arrays.stream(counts).forEach(row::add);
            row.add(Arrays.stream(counts).sum());
            rows.add(row);
        });
        return new ReportTable("visits-per-month", columns, rows, 1);
    }

    private ReportTable partnerLevels(List<VisitRow> visits, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        for (PartnerLevel level : PartnerLevel.values()) {
            List<VisitRow> ofLevel = visits.stream().filter(v -> v.level() == level).toList();
            rows.add(Arrays.asList(text("level." + level.name(), locale), ofLevel.size(),
                    ofLevel.stream().filter(v -> v.state() == VisitState.CLOSED).count(),
                    ofLevel.stream().filter(v -> v.state() == VisitState.CANCELLED).count()));
        }
        return new ReportTable("partner-levels", List.of("report.col.level", "report.col.visits",
                "report.col.closed", "report.col.cancelled"), rows, 1);
    }

    private ReportTable intake(List<VisitRow> visits, Map<Long, Integer> guests, Map<Long, List<Instant>> intakes) {
        List<List<Object>> rows = new ArrayList<>();
        for (VisitRow v : visits) {
            List<Instant> received = intakes.getOrDefault(v.id(), List.of());
            long onTime = onTime(v, received);
            rows.add(Arrays.asList(v.reference(), v.hostUnit(), guests.getOrDefault(v.id(), 0), received.size(), onTime,
                    received.size() - onTime, share(onTime, received.size())));
        }
        return new ReportTable("intake", List.of("report.col.visit", "report.col.hostUnit", "report.col.guests",
                "report.col.intakesReceived", "report.col.onTime", "report.col.late", "report.col.onTimeShare"), rows, 1);
    }

    /** An intake counts as on time when it came by the visit's intake deadline (as it stands, after any extension). */
    private static long onTime(VisitRow v, List<Instant> received) {
        return received.stream().filter(r -> v.intakeDeadline() == null || !r.isAfter(v.intakeDeadline())).count();
    }

    private ReportTable evaluationsPerVisit(List<VisitRow> visits, List<EvaluationRow> evaluations) {
        List<List<Object>> rows = new ArrayList<>();
        for (VisitRow v : visits) {
            List<Integer> guestScores = evaluations.stream()
                    .filter(e -> e.visitId() == v.id() && "GUEST".equals(e.respondent())).map(EvaluationRow::score).toList();
            Integer host = evaluations.stream().filter(e -> e.visitId() == v.id() && "HOST".equals(e.respondent()))
                    .map(EvaluationRow::score).findFirst().orElse(null);
            if (guestScores.isEmpty() && host == null) {
                continue;
            }
            rows.add(Arrays.asList(v.reference(), v.hostUnit(), guestScores.size(), average(guestScores), host));
        }
        return new ReportTable("evaluations", List.of("report.col.visit", "report.col.hostUnit",
                "report.col.guestEvaluations", "report.col.guestAverage", "report.col.hostScore"), rows, 1);
    }

    private ReportTable scoreDistribution(List<EvaluationRow> evaluations) {
        List<List<Object>> rows = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            int s = score;
            rows.add(Arrays.asList(score,
                    evaluations.stream().filter(e -> e.score() == s && "GUEST".equals(e.respondent())).count(),
                    evaluations.stream().filter(e -> e.score() == s && "HOST".equals(e.respondent())).count()));
        }
        return new ReportTable("score-distribution", List.of("report.col.score", "report.col.guestCount",
                "report.col.hostCount"), rows, 1);
    }

    private ReportTable purposeMet(Map<Long, SummaryRow> summaries, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        for (String answer : List.of("YES", "PARTLY", "NO")) {
            rows.add(Arrays.asList(text("report.purpose." + answer, locale),
                    summaries.values().stream().filter(s -> answer.equals(s.purposeMet())).count()));
        }
        return new ReportTable("purpose-met", List.of("report.col.purposeMet", "report.col.visits"), rows, 1);
    }

    /** The answers to "was it put into practice?": yes, partly, no, and the follow-ups not (or not yet) answered. */
    private ReportTable practiceIntroduced(Map<Long, FollowUpRow> followUps, Locale locale) {
        Instant now = clock.instant();
        List<List<Object>> rows = new ArrayList<>();
        for (String answer : List.of("YES", "PARTLY", "NO")) {
            rows.add(Arrays.asList(text("practice.introduced." + answer, locale),
                    followUps.values().stream().filter(f -> answer.equals(f.introduced())).count()));
        }
        for (String status : List.of("UNANSWERED", "ASKED", "PLANNED")) {
            rows.add(Arrays.asList(text("report.practice.status." + status, locale),
                    followUps.values().stream().filter(f -> status.equals(f.status(now))).count()));
        }
        return new ReportTable("practice-introduced", List.of("report.col.practiceAnswer", "report.col.visits"), rows, 1);
    }

    /** Per closed visit: whether its practice was followed up, the answer, what was introduced and its effect. */
    private ReportTable practiceFollowUp(List<VisitRow> visits, Map<Long, FollowUpRow> followUps, Locale locale) {
        Instant now = clock.instant();
        List<List<Object>> rows = new ArrayList<>();
        for (VisitRow v : visits) {
            FollowUpRow f = followUps.get(v.id());
            if (f == null) {
                continue;
            }
            rows.add(Arrays.asList(v.reference(), v.hostUnit(), f.dueAt().atZone(zone).toLocalDate().toString(),
                    text("report.practice.status." + f.status(now), locale),
                    f.introduced() == null ? null : text("practice.introduced." + f.introduced(), locale),
                    f.what(), f.effect()));
        }
        return new ReportTable("practice-follow-up", List.of("report.col.visit", "report.col.hostUnit",
                "report.col.practiceAsked", "report.col.practiceStatus", "report.col.practiceIntroduced",
                "report.col.practiceWhat", "report.col.practiceEffect"), rows, 1);
    }

    private ReportTable blogActivity(List<VisitRow> visits, Map<Long, Blog> blogs) {
        List<List<Object>> rows = new ArrayList<>();
        for (VisitRow v : visits) {
            Blog b = blogs.get(v.id());
            rows.add(Arrays.asList(v.reference(), v.hostUnit(), b.posts(), b.comments(), b.views(), b.hiddenPosts(),
                    b.hiddenComments()));
        }
        return new ReportTable("blog-activity", List.of("report.col.visit", "report.col.hostUnit", "report.col.posts",
                "report.col.comments", "report.col.views", "report.col.hiddenPosts", "report.col.hiddenComments"), rows, 1);
    }

    private ReportTable cycleTimes(List<VisitRow> visits, Map<String, ProcessHistory.Milestones> milestones,
            Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            List<BigDecimal> days = visits.stream().map(v -> milestones.get(v.reference())).filter(m -> m != null)
                    .filter(m -> phase.start.apply(m) != null && phase.end.apply(m) != null)
                    .map(m -> days(Duration.between(phase.start.apply(m), phase.end.apply(m))))
                    .sorted().toList();
            rows.add(Arrays.asList(text("report.phase." + phase.name(), locale), days.size(),
                    days.isEmpty() ? null : days.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(days.size()), 1, RoundingMode.HALF_UP),
                    median(days), days.isEmpty() ? null : days.get(days.size() - 1)));
        }
        return new ReportTable("cycle-times", List.of("report.col.phase", "report.col.measured",
                "report.col.averageDays", "report.col.medianDays", "report.col.longestDays"), rows, 1);
    }

    private Report.Figures figures(List<VisitRow> visits, Map<Long, Integer> guests, Map<Long, List<Instant>> intakes,
            List<EvaluationRow> evaluations, Map<Long, SummaryRow> summaries, Map<Long, Blog> blogs,
            Map<String, Long> incidents, Map<Long, FollowUpRow> followUps) {
        int received = visits.stream().mapToInt(v -> intakes.getOrDefault(v.id(), List.of()).size()).sum();
        int onTime = (int) visits.stream().mapToLong(v -> onTime(v, intakes.getOrDefault(v.id(), List.of()))).sum();
        List<Integer> guestScores = evaluations.stream().filter(e -> "GUEST".equals(e.respondent()))
                .map(EvaluationRow::score).toList();
        List<Integer> hostScores = evaluations.stream().filter(e -> "HOST".equals(e.respondent()))
                .map(EvaluationRow::score).toList();
        int answered = (int) followUps.values().stream().filter(f -> f.introduced() != null).count();
        int introduced = (int) followUps.values().stream()
                .filter(f -> f.introduced() != null && INTRODUCED.contains(f.introduced())).count();
        return new Report.Figures(visits.size(), visits.stream().mapToInt(v -> guests.getOrDefault(v.id(), 0)).sum(),
                received, onTime, share(onTime, received), guestScores.size(), average(guestScores), average(hostScores),
                summaries.size(), blogs.values().stream().mapToInt(Blog::posts).sum(),
                blogs.values().stream().mapToInt(Blog::comments).sum(), blogs.values().stream().mapToInt(Blog::views).sum(),
                blogs.values().stream().mapToInt(Blog::hiddenPosts).sum(),
                blogs.values().stream().mapToInt(Blog::hiddenComments).sum(),
                incidents.values().stream().mapToLong(Long::longValue).sum(), answered, introduced,
                share(introduced, answered));
    }

    /** What the page's charts draw: each one the figures of a table, labelled in the page's language. */
    private Map<String, Object> charts(Map<String, ReportTable> tables, Locale locale) {
        Map<String, Object> charts = new LinkedHashMap<>();
        ReportTable perMonth = tables.get("visits-per-month");
        List<Map<String, Object>> levels = new ArrayList<>();
        for (PartnerLevel level : PartnerLevel.values()) {
            levels.add(series(text("level." + level.name(), locale), perMonth.column(level.ordinal() + 1)));
        }
        charts.put("visits-per-month", chart("bar", perMonth.column(0), levels, true, false));

        ReportTable scores = tables.get("score-distribution");
        charts.put("score-distribution", chart("bar", scores.column(0),
                List.of(series(text("report.col.guestCount", locale), scores.column(1)),
                        series(text("report.col.hostCount", locale), scores.column(2))), false, false));

        ReportTable cycle = tables.get("cycle-times");
        charts.put("cycle-times", chart("bar", cycle.column(0),
                List.of(series(text("report.col.averageDays", locale), cycle.column(2)),
                        series(text("report.col.medianDays", locale), cycle.column(3))), false, true));

        ReportTable blog = tables.get("blog-activity");
        charts.put("blog-activity", chart("bar", blog.column(0),
                List.of(series(text("report.col.posts", locale), blog.column(2)),
                        series(text("report.col.comments", locale), blog.column(3)),
                        series(text("report.col.views", locale), blog.column(4))), false, false));
        return charts;
    }

    private static Map<String, Object> chart(String type, List<Object> labels, List<Map<String, Object>> series,
            boolean stacked, boolean horizontal) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", type);
        chart.put("labels", labels.stream().map(String::valueOf).toList());
        chart.put("series", series);
        chart.put("stacked", stacked);
        chart.put("horizontal", horizontal);
        return chart;
    }

    private static Map<String, Object> series(String label, List<Object> values) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("label", label);
        series.put("data", values);
        return series;
    }

    private JdbcClient.StatementSpec query(ReportFilter filter, String sql) {
        return jdbc.sql(sql.formatted(filter.where())).params(filter.parameters());
    }

    private Map<Long, Integer> countsByVisit(ReportFilter filter, String sql) {
        Map<Long, Integer> counts = new HashMap<>();
        query(filter, sql).query((rs, n) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
        return counts;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static BigDecimal average(List<Integer> values) {
        return values.isEmpty() ? null
                : BigDecimal.valueOf(values.stream().mapToInt(Integer::intValue).sum())
                        .divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }

    static BigDecimal days(Duration duration) {
        return BigDecimal.valueOf(duration.toSeconds()).divide(SECONDS_PER_DAY, 1, RoundingMode.HALF_UP);
    }

    static BigDecimal median(List<BigDecimal> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
    }

}
