package se.samlarande.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.util.UriComponentsBuilder;

import se.samlarande.visit.PartnerLevel;

/**
 * Which visits the report covers: those whose first day lies in the period (both ends included, either may be
 * open), at one host unit, with guests of one partner level. Null means "any".
 */
public record ReportFilter(LocalDate from, LocalDate to, String hostUnit, PartnerLevel level) {

    public static final ReportFilter ALL = new ReportFilter(null, null, null, null);

    /** The WHERE clause over {@code sl_visit v} and its named parameters, for every query of the report. */
    String where() {
        List<String> conditions = new ArrayList<>(List.of("1 = 1"));
        if (from != null) {
            conditions.add("v.date_from >= :from");
        }
        if (to != null) {
            conditions.add("v.date_from <= :to");
        }
        if (hostUnit != null) {
            conditions.add("v.host_unit = :hostUnit");
        }
        if (level != null) {
            conditions.add("v.partner_level = :level");
        }
        return String.join(" AND ", conditions);
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new TreeMap<>();
        if (from != null) {
            parameters.put("from", java.sql.Date.valueOf(from));
        }
        if (to != null) {
            parameters.put("to", java.sql.Date.valueOf(to));
        }
        if (hostUnit != null) {
            parameters.put("hostUnit", hostUnit);
        }
        if (level != null) {
            parameters.put("level", level.name());
        }
        return parameters;
    }

    /** The filter as a query string (with its leading {@code ?}, or empty), for links that keep it, such as the CSV exports. */
    public String queryString() {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        if (from != null) {
            uri.queryParam("from", from);
        }
        if (to != null) {
            uri.queryParam("to", to);
        }
        if (hostUnit != null) {
            uri.queryParam("hostUnit", hostUnit);
        }
        if (level != null) {
            uri.queryParam("level", level.name());
        }
        return uri.encode().build().toUriString();
    }
}
