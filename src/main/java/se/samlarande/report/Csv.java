package se.samlarande.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report's tables and the audit trail as CSV for Excel: UTF-8 with a byte order mark (so Excel reads å, ä, ö),
 * semicolons between cells and decimal commas as Swedish Excel expects, quoting by Apache Commons CSV. Text that
 * people typed may start like a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return);
 * such a cell gets a leading apostrophe so a spreadsheet shows it as text and never evaluates it.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    public static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Csv() {
    }

    public static void write(OutputStream out, List<String> header, List<List<String>> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
            printer.printRecord(header.stream().map(Csv::neutralise).toList());
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(Csv::neutralise).toList());
            }
        }
    }

    /** A cell that a spreadsheet would take for a formula, made plain text. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** A cell as shown on the page and in the CSV: decimals with the language's decimal sign, nothing for null. */
    public static String format(Object cell, Locale locale) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof BigDecimal decimal) {
            String plain = decimal.toPlainString();
            return "sv".equals(locale.getLanguage()) ? plain.replace('.', ',') : plain;
        }
        return cell.toString();
    }
}
