package se.samlarande.report;

import java.util.List;

/**
 * One table of the report, as shown on the page and exported as CSV: the same rows for both.
 *
 * @param id         its name in the CSV address, {@code /app/report/<id>.csv}
 * @param columns    message keys of the column headers
 * @param rows       cells: text, whole numbers or decimals (BigDecimal); null for "no value"
 * @param headerColumns how many of the first columns name the row (rendered as row headers)
 */
public record ReportTable(String id, List<String> columns, List<List<Object>> rows, int headerColumns) {

    public String captionKey() {
        return "report.table." + id;
    }

    /** The rows' cells in one column, for tests and charts. */
    public List<Object> column(int index) {
        return rows.stream().map(r -> r.get(index)).toList();
    }
}
