package se.samlarande.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/**
 * The region's result measures over HTTP, from visits driven through the real process: signed in as a process owner
 * (per), the page shows blog activity, evaluations, summary answers and the way to each visit's audit trail with the
 * right figures; the filters narrow them; every CSV reads back to the same figures, with formulas made harmless.
 */
@SamlarandeTest
class ReportHttpTest extends ReportScenario {

    @Autowired ObjectMapper json;

    private Driven visits;
    private Browser per;

    @BeforeEach
    void threeVisitsOf2029() {
        visits = drive();
        per = Browser.signedIn(port, "per");
    }

    @Test
    void theReportShowsTheFourResultMeasuresWithChartsAndTheirData() throws Exception {
        // when a process owner opens the report for 2029
        HttpResponse<String> page = per.get("/app/report?" + YEAR_2029);

        // then it shows the visits, their blog activity, evaluations and summary answers, and links their audit trails
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(row(html, "blog-activity", visits.ryhov())).containsExactly(visits.ryhov(), RYHOV, "4", "3", "10", "1", "1");
        assertThat(row(html, "blog-activity", visits.varnamo())).containsExactly(visits.varnamo(), VARNAMO, "2", "0", "2", "0", "0");
        assertThat(row(html, "evaluations", visits.ryhov())).containsExactly(visits.ryhov(), RYHOV, "1", "5,00", "4");
        assertThat(row(html, "evaluations", visits.varnamo())).containsExactly(visits.varnamo(), VARNAMO, "1", "2,00", "3");
        assertThat(row(html, "summary-answers", visits.ryhov())).containsExactly(visits.ryhov(), "Ja",
                "Videotriage sparar resor", "Pilot med videotriage", "Kim följer upp i maj");
        assertThat(row(html, "purpose-met", "Delvis")).containsExactly("Delvis", "1");
        assertThat(row(html, "intake", visits.varnamo())).containsExactly(visits.varnamo(), VARNAMO, "1", "1", "0", "1", "0,0");
        assertThat(row(html, "intake", visits.regional())).containsExactly(visits.regional(), RYHOV, "1", "1", "1", "0", "100,0");
        assertThat(row(html, "visits-per-month", "2029-03")).containsExactly("2029-03", "1", "0", "0", "1", "2");
        assertThat(row(html, "visits-per-month", "2029-04")).containsExactly("2029-04", "0", "1", "0", "0", "1");
        assertThat(row(html, "score-distribution", "2")).containsExactly("2", "1", "0");
        assertThat(row(html, "score-distribution", "4")).containsExactly("4", "0", "1");
        assertThat(row(html, "cycle-times", "Underlag").get(1)).isEqualTo("3");
        assertThat(row(html, "cycle-times", "Summering").get(1)).isEqualTo("2");
        assertThat(html).contains("href=\"/app/visits/" + visits.ryhov() + "/audit\"");
        assertThat(html).contains("66,7 %", "underlag i tid (2 av 3)");

        // and the charts: a canvas each, described by its table, and their data as JSON for the static script
        for (String chart : List.of("visits-per-month", "score-distribution", "cycle-times", "blog-activity")) {
            assertThat(html).contains("<canvas id=\"chart-" + chart + "\"").contains("aria-describedby=\"table-" + chart + "\"");
        }
        assertThat(html).contains("<script src=\"/vendor/chartjs/chart.umd.js\" defer></script>")
                .contains("<script src=\"/js/report-charts.js\" defer></script>");
        JsonNode charts = json.readTree(scriptData(html));
        JsonNode blog = charts.get("blog-activity");
        int ryhovColumn = indexOf(blog.get("labels"), visits.ryhov());
        assertThat(blog.get("series").get(1).get("label").asText()).isEqualTo("Kommentarer");
        assertThat(blog.get("series").get(1).get("data").get(ryhovColumn).asInt()).isEqualTo(3);
        assertThat(charts.get("visits-per-month").get("series")).hasSize(4);
        assertThat(per.getBytes("/vendor/chartjs/chart.umd.js").statusCode()).isEqualTo(200);
        assertThat(per.getBytes("/vendor/chartjs/LICENSE.md").statusCode()).isEqualTo(200);
        assertThat(per.getBytes("/js/report-charts.js").statusCode()).isEqualTo(200);
    }

    @Test
    void cockpitsPanelGetsTheHeadlineFiguresAsJson() throws Exception {
        HttpResponse<String> summary = per.get("/app/report/summary.json?" + YEAR_2029);

        assertThat(summary.statusCode()).isEqualTo(200);
        JsonNode figures = json.readTree(summary.body()).get("figures");
        assertThat(figures.get(0).get("label").asText()).isEqualTo("besök i urvalet");
        assertThat(figures.get(0).get("value").asInt()).isEqualTo(3);
        assertThat(figures.get(4).get("label").asText()).isEqualTo("kommentarer");
        assertThat(figures.get(4).get("value").asInt()).isEqualTo(3);
        assertThat(Browser.signedIn(port, "hanna").get("/app/report/summary.json").statusCode()).isEqualTo(403);
    }

    @Test
    void theFiltersNarrowTheReportToAHostUnitALevelAndAPeriod() {
        // by host unit
        String html = per.get("/app/report?" + YEAR_2029 + "&hostUnit=" + encode(VARNAMO)).body();
        assertThat(rows(html, "blog-activity")).extracting(r -> r.get(0)).containsExactly(visits.varnamo());
        assertThat(row(html, "score-distribution", "5")).containsExactly("5", "0", "0");

        // by partner level
        html = per.get("/app/report?" + YEAR_2029 + "&level=INTERNATIONAL").body();
        assertThat(rows(html, "intake")).extracting(r -> r.get(0)).containsExactly(visits.ryhov());
        assertThat(row(html, "partner-levels", "Internationell")).containsExactly("Internationell", "1", "1", "0");
        assertThat(row(html, "partner-levels", "Lokal")).containsExactly("Lokal", "0", "0", "0");
        // from the end of the evaluations (first day, 08:00 CET) to the summary meeting's answers (3 April, 10:00 CEST)
        assertThat(row(html, "cycle-times", "Summering")).containsExactly("Summering", "1", "21,0", "21,0", "21,0");
        assertThat(html).contains("<option value=\"INTERNATIONAL\" selected=\"selected\">Internationell</option>");

        // by period: March only
        html = per.get("/app/report?from=2029-03-01&to=2029-03-31").body();
        assertThat(rows(html, "intake")).extracting(r -> r.get(0)).containsExactlyInAnyOrder(visits.ryhov(), visits.varnamo());
        assertThat(html).contains("value=\"2029-03-01\"", "value=\"2029-03-31\"").doesNotContain(visits.regional() + "</th>");

        // a bad date is named and ignored, never a failure
        HttpResponse<String> bad = per.get("/app/report?from=igår&" + "to=2029-12-31");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("ange ett datum som ÅÅÅÅ-MM-DD");

        // and in English
        html = per.get("/app/report?" + YEAR_2029 + "&lang=en").body();
        assertThat(html).contains("<html lang=\"en\"", "Result measures", "Blog activity per visit");
        assertThat(row(html, "evaluations", visits.ryhov())).contains("5.00");
    }

    @Test
    void everyTableExportsAsCsvWithTheFiltersAndFormulasNeutralised() {
        // when the tables are downloaded with the page's filter
        List<CSVRecord> blog = csv(per, "/app/report/blog-activity.csv?" + YEAR_2029);
        List<CSVRecord> answers = csv(per, "/app/report/evaluation-answers.csv?" + YEAR_2029);
        List<CSVRecord> summaries = csv(per, "/app/report/summary-answers.csv?" + YEAR_2029);
        List<CSVRecord> onlyVarnamo = csv(per, "/app/report/intake.csv?" + YEAR_2029 + "&hostUnit=" + encode(VARNAMO));

        // then they read back to the page's figures, headers first, Swedish letters intact
        assertThat(blog.get(0).toList()).containsExactly("Besök", "Värdenhet", "Inlägg", "Kommentarer", "Visningar",
                "Dolda inlägg", "Dolda kommentarer");
        assertThat(record(blog, visits.ryhov())).containsExactly(visits.ryhov(), RYHOV, "4", "3", "10", "1", "1");
        assertThat(record(blog, visits.varnamo())).containsExactly(visits.varnamo(), VARNAMO, "2", "0", "2", "0", "0");
        assertThat(blog).hasSize(4);
        assertThat(summaries).anySatisfy(r -> assertThat(r.toList()).containsExactly(visits.ryhov(), "Ja",
                "Videotriage sparar resor", "Pilot med videotriage", "Kim följer upp i maj"));
        assertThat(onlyVarnamo).hasSize(2);
        assertThat(onlyVarnamo.get(1).toList()).containsExactly(visits.varnamo(), VARNAMO, "1", "1", "0", "1", "0,0");
        for (String table : List.of("visits-per-month", "partner-levels", "evaluations", "score-distribution",
                "purpose-met", "cycle-times", "incidents")) {
            assertThat(csv(per, "/app/report/" + table + ".csv?" + YEAR_2029)).as(table).isNotEmpty();
        }
        assertThat(per.getBytes("/app/report/no-such-table.csv").statusCode()).isEqualTo(404);

        // and text that a spreadsheet would run as a formula comes back as plain text
        assertThat(answers).anySatisfy(r -> assertThat(r.toList()).containsExactly(visits.varnamo(), "Gäst", "2",
                "'" + FORMULA, "'+46 70 123 45 67"));
        assertThat(answers).anySatisfy(r -> assertThat(r.toList()).containsExactly(visits.varnamo(), "Värd", "3",
                "'@värd", ""));
        assertThat(summaries).anySatisfy(r -> assertThat(r.get(2)).isEqualTo("'-minus först"));
        HttpResponse<byte[]> raw = per.getBytes("/app/report/blog-activity.csv?" + YEAR_2029);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(raw.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).contains("attachment", "samlarande-blog-activity.csv"));
        assertThat(raw.body()).startsWith(0xEF, 0xBB, 0xBF);
    }

    @Test
    void onlyProcessOwnersAndAdminsReadTheReport() {
        assertThat(Browser.signedIn(port, "demo").get("/app/report").statusCode()).isEqualTo(200);
        assertThat(Browser.signedIn(port, "kim").get("/app/report").statusCode()).isEqualTo(403);
        assertThat(Browser.signedIn(port, "hanna").get("/app/report").statusCode()).isEqualTo(403);
        assertThat(Browser.signedIn(port, "hanna").getBytes("/app/report/intake.csv").statusCode()).isEqualTo(403);
        // anonymous visitors (guests have no staff account) are sent to sign in
        HttpResponse<String> anonymous = new Browser(port).get("/app/report");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(new Browser(port).getBytes("/app/report/intake.csv").statusCode()).isEqualTo(302);
        // the menu offers the report to those who may read it
        assertThat(per.get("/app/visits").body()).contains("href=\"/app/report\"");
        assertThat(Browser.signedIn(port, "kim").get("/app/visits").body()).doesNotContain("href=\"/app/report\"");
    }

    private static List<String> record(List<CSVRecord> records, String first) {
        return records.stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("No row " + first)).toList();
    }

    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>");

    /** The body rows of one table on the page, as the text of their cells. */
    static List<List<String>> rows(String html, String table) {
        int start = html.indexOf("<table id=\"table-" + table + "\"");
        assertThat(start).as("table %s", table).isNotNegative();
        String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        return java.util.Arrays.stream(body.split("</tr>")).filter(r -> r.contains("<t"))
                .map(r -> {
                    Matcher m = CELL.matcher(r);
                    List<String> cells = new java.util.ArrayList<>();
                    while (m.find()) {
                        cells.add(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)));
                    }
                    return cells;
                }).toList();
    }

    static List<String> row(String html, String table, String first) {
        return rows(html, table).stream().filter(r -> !r.isEmpty() && r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("No row " + first + " in " + table));
    }

    private static String scriptData(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-chart-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("chart data in the page").isTrue();
        return m.group(1);
    }

    private static int indexOf(JsonNode labels, String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).asText().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("No label " + label);
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
