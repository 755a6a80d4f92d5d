package se.samlarande.report;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * {@code /app/report}: the result measures for process owners, filtered by a GET form, with charts drawn by a
 * static script from JSON in the page, every table readable without it, and each table as CSV with the same filter.
 * {@code ?lang=en} shows the page in English.
 */
@Controller
class ReportController {

    private final ReportService reports;
    private final MessageSource messages;
    private final ObjectMapper json;

    ReportController(ReportService reports, MessageSource messages, ObjectMapper json) {
        this.reports = reports;
        this.messages = messages;
        this.json = json;
    }

    /** A table ready for the page: headers in the page's language, cells formatted. */
    record TableView(String id, String caption, List<String> headers, List<List<String>> rows, int headerColumns,
            String csv) {
    }

    @GetMapping("/app/report")
    String report(@RequestParam Map<String, String> params, Model model) throws JsonProcessingException {
        Locale locale = locale(params);
        List<String> errors = new ArrayList<>();
        ReportFilter filter = filter(params, errors, locale);
        Report report = reports.report(filter, locale);
        List<TableView> tables = report.allTables().stream().map(t -> view(t, filter, locale)).toList();
        model.addAttribute("report", report);
        model.addAttribute("figures", report.figures());
        model.addAttribute("tables", tables.stream().collect(java.util.stream.Collectors.toMap(TableView::id, t -> t)));
        model.addAttribute("filter", filter);
        model.addAttribute("filterErrors", errors);
        model.addAttribute("hostUnits", reports.hostUnits());
        model.addAttribute("levels", PartnerLevel.values());
        model.addAttribute("english", Locale.ENGLISH.getLanguage().equals(locale.getLanguage()));
        model.addAttribute("chartData", scriptSafe(json.writeValueAsString(report.charts())));
        return "staff/report";
    }

    /** The headline figures over all visits, for the panel on Cockpit's dashboard (same sign-in, same readers). */
    @GetMapping(value = "/app/report/summary.json", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    Map<String, Object> summary(@RequestParam Map<String, String> params) {
        Locale locale = locale(params);
        Report.Figures f = reports.report(filter(params, new ArrayList<>(), locale), locale).figures();
        String onTime = f.intakesOnTimeShare() == null ? "–" : Csv.format(f.intakesOnTimeShare(), locale) + " %";
        String score = f.guestScoreAverage() == null ? "–" : Csv.format(f.guestScoreAverage(), locale);
        String practice = f.practiceIntroducedShare() == null ? "–" : Csv.format(f.practiceIntroducedShare(), locale) + " %";
        List<Map<String, Object>> figures = List.of(
                figure(text("report.figure.visits", locale), f.visits()),
                figure(text("report.figure.intakeOnTime", locale, f.intakesOnTime(), f.intakesReceived()), onTime),
                figure(text("report.figure.guestAverage", locale, f.guestEvaluations()), score),
                figure(text("report.figure.summaries", locale), f.summaries()),
                figure(text("report.figure.comments", locale), f.comments()),
                figure(text("report.figure.views", locale), f.views()),
                figure(text("report.figure.practice", locale, f.practiceIntroduced(), f.practiceFollowedUp()), practice),
                figure(text("report.figure.incidents", locale), f.openIncidents()));
        return Map.of("figures", figures, "report", "/app/report");
    }

    private static Map<String, Object> figure(String label, Object value) {
        return Map.of("label", label, "value", value);
    }

    @GetMapping("/app/report/{table}.csv")
    void csv(@PathVariable String table, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        Locale locale = locale(params);
        ReportFilter filter = filter(params, new ArrayList<>(), locale);
        ReportTable data = reports.report(filter, locale).table(table)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No table " + table));
        TableView view = view(data, filter, locale);
        response.setContentType(Csv.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("samlarande-" + table + ".csv").build().toString());
        Csv.write(response.getOutputStream(), view.headers(), view.rows());
    }

    private TableView view(ReportTable table, ReportFilter filter, Locale locale) {
        return new TableView(table.id(), text(table.captionKey(), locale),
                table.columns().stream().map(c -> text(c, locale)).toList(),
                table.rows().stream().map(r -> r.stream().map(c -> Csv.format(c, locale)).toList()).toList(),
                table.headerColumns(), "/app/report/" + table.id() + ".csv" + withLanguage(filter.queryString(), locale));
    }

    private static String withLanguage(String query, Locale locale) {
        if (!"en".equals(locale.getLanguage())) {
            return query;
        }
        return query.isEmpty() ? "?lang=en" : query + "&lang=en";
    }

    private static Locale locale(Map<String, String> params) {
        Locale locale = Language.fromParameter(params.get("lang")).locale();
        RequestLocale.use(locale);
        return locale;
    }

    private ReportFilter filter(Map<String, String> params, List<String> errors, Locale locale) {
        LocalDate from = date(params.get("from"), "report.filter.from", errors, locale);
        LocalDate to = date(params.get("to"), "report.filter.to", errors, locale);
        String hostUnit = blankToNull(params.get("hostUnit"));
        PartnerLevel level = null;
        String levelParam = blankToNull(params.get("level"));
        if (levelParam != null) {
            try {
                level = PartnerLevel.parse(levelParam);
            } catch (IllegalArgumentException e) {
                errors.add(messages.getMessage("report.filter.badLevel", null, locale));
            }
        }
        return new ReportFilter(from, to, hostUnit, level);
    }

    private LocalDate date(String value, String label, List<String> errors, Locale locale) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(messages.getMessage("report.filter.badDate", new Object[] {text(label, locale)}, locale));
            return null;
        }
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** JSON inside a {@code <script type="application/json">}: nothing in it can close the element or open markup. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Europe/Stockholm"));
}
