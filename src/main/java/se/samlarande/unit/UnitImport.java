package se.samlarande.unit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;

/**
 * The import of a whole register as an HR or catalogue export gives it: {@code code;name;parent code;mailbox}
 * (semicolon, UTF-8 with or without BOM, a header line optional). {@link #preview} reads the file and tells what
 * would be created, changed, moved and left unchanged, and every bad line with its number and why; {@link #apply}
 * makes the changes in one transaction, all or nothing, and refuses if any line is bad. Units absent from the file
 * stay as they are.
 */
@Service
public class UnitImport {

    static final int MAX_BYTES = 2_000_000;
    static final int MAX_LINES = 20_000;

    private final UnitRegister register;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    UnitImport(UnitRegister register, JdbcClient jdbc, AuditLog audit) {
        this.register = register;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record Line(int number, String code, String name, String parentCode, String mailbox) {
    }

    public record Problem(int line, String why) {
    }

    public record Preview(List<Line> created, List<Line> changed, List<Line> moved, int unchanged,
            List<Unit> absent, int absentCount, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Preview preview(byte[] file) {
        List<Problem> problems = new ArrayList<>();
        List<Line> lines = parse(file, problems);
        Map<String, Line> byCode = new LinkedHashMap<>();
        for (Line line : lines) {
            try {
                UnitRegister.checkCode(line.code());
            } catch (UnitRegister.InvalidUnit e) {
                problems.add(new Problem(line.number(), e.getMessage()));
                continue;
            }
            try {
                UnitRegister.checkName(line.name());
            } catch (UnitRegister.InvalidUnit e) {
                problems.add(new Problem(line.number(), e.getMessage()));
            }
            try {
                UnitRegister.checkMailbox(line.mailbox());
            } catch (UnitRegister.InvalidUnit e) {
                problems.add(new Problem(line.number(), e.getMessage()));
            }
            Line earlier = byCode.putIfAbsent(line.code(), line);
            if (earlier != null) {
                problems.add(new Problem(line.number(), "Koden " + line.code() + " finns redan på rad " + earlier.number() + "."));
            }
        }
        Map<String, Unit> existing = new HashMap<>();
        Map<Long, String> codeOfId = new HashMap<>();
        jdbc.sql("SELECT id, code, name, parent_id, mailbox, active FROM sl_unit").query((rs, n) -> {
            long parent = rs.getLong("parent_id");
            return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.wasNull() ? null : parent,
                    rs.getString("mailbox"), rs.getBoolean("active"));
        }).list().forEach(u -> {
            existing.put(u.code(), u);
            codeOfId.put(u.id(), u.code());
        });
        // The parent of each code after the import: the file's for codes in the file, the register's for the others.
        Map<String, String> parentAfter = new HashMap<>();
        existing.values().forEach(u -> parentAfter.put(u.code(), u.parentId() == null ? null : codeOfId.get(u.parentId())));
        byCode.values().forEach(l -> parentAfter.put(l.code(), blankToNull(l.parentCode())));
        for (Line line : byCode.values()) {
            String parent = blankToNull(line.parentCode());
            if (parent != null && !byCode.containsKey(parent) && !existing.containsKey(parent)) {
                problems.add(new Problem(line.number(), "Okänd överordnad enhet: " + parent + "."));
            } else if (parent != null && inCycle(line.code(), parentAfter)) {
                problems.add(new Problem(line.number(), "Enheten " + line.code() + " hamnar under sig själv (en cirkel)."));
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        List<Line> created = new ArrayList<>();
        List<Line> changed = new ArrayList<>();
        List<Line> moved = new ArrayList<>();
        int unchanged = 0;
        for (Line line : byCode.values()) {
            Unit unit = existing.get(line.code());
            if (unit == null) {
                created.add(line);
                continue;
            }
            String oldParent = unit.parentId() == null ? null : codeOfId.get(unit.parentId());
            boolean isMoved = !Objects.equals(oldParent, blankToNull(line.parentCode()));
            boolean isChanged = !unit.name().equals(clean(line.name())) || !Objects.equals(unit.mailbox(), mailbox(line))
                    || !unit.active();
            if (isMoved) {
                moved.add(line);
            }
            if (isChanged) {
                changed.add(line);
            }
            if (!isMoved && !isChanged) {
                unchanged++;
            }
        }
        List<Unit> absent = existing.values().stream().filter(u -> !byCode.containsKey(u.code()))
                .sorted((a, b) -> a.code().compareTo(b.code())).toList();
        return new Preview(created, changed, moved, unchanged, absent.stream().limit(200).toList(), absent.size(),
                problems);
    }

    /** Applies the file in one transaction; refuses (changing nothing) when the preview finds any problem. */
    @Transactional
    public Preview apply(byte[] file, String actor) {
        Preview preview = preview(file);
        if (!preview.ok()) {
            return preview;
        }
        List<Problem> none = new ArrayList<>();
        List<Line> lines = parse(file, none);
        // First every unit without its parent (the parent may come later in the file), then the parents.
        for (Line line : lines) {
            var unit = register.findByCode(line.code());
            if (unit.isEmpty()) {
                jdbc.sql("INSERT INTO sl_unit (code, name, name_key, mailbox, active, created_at, updated_by) "
                                + "VALUES (?, ?, ?, ?, TRUE, CURRENT_TIMESTAMP, ?)")
                        .params(line.code().strip(), clean(line.name()), se.samlarande.partner.PartnerNames.key(line.name()),
                                mailbox(line), actor).update();
            } else {
                jdbc.sql("UPDATE sl_unit SET name = ?, name_key = ?, mailbox = ?, active = TRUE, updated_at = CURRENT_TIMESTAMP, "
                                + "updated_by = ? WHERE id = ?")
                        .params(clean(line.name()), se.samlarande.partner.PartnerNames.key(line.name()), mailbox(line),
                                actor, unit.get().id()).update();
            }
        }
        for (Line line : lines) {
            String parent = blankToNull(line.parentCode());
            jdbc.sql("UPDATE sl_unit SET parent_id = (SELECT p.id FROM sl_unit p WHERE p.code = ?) WHERE code = ?")
                    .params(parent, line.code().strip()).update();
        }
        audit.record(null, actor, "UNITS_IMPORTED", preview.created().size() + " nya, " + preview.changed().size()
                + " ändrade, " + preview.moved().size() + " flyttade, " + preview.unchanged() + " oförändrade");
        return preview;
    }

    private static boolean inCycle(String code, Map<String, String> parentAfter) {
        Set<String> seen = new HashSet<>();
        String current = code;
        for (int depth = 0; current != null && depth <= UnitRegister.MAX_DEPTH * 10; depth++) {
            if (!seen.add(current)) {
                return current.equals(code);
            }
            current = parentAfter.get(current);
        }
        return false;
    }

    private static List<Line> parse(byte[] file, List<Problem> problems) {
        List<Line> lines = new ArrayList<>();
        if (file == null || file.length == 0) {
            problems.add(new Problem(0, "Filen är tom."));
            return lines;
        }
        if (file.length > MAX_BYTES) {
            problems.add(new Problem(0, "Filen är större än " + MAX_BYTES / 1000 + " kB."));
            return lines;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Problem(0, "Filen är inte i UTF-8."));
            return lines;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                int number = (int) record.getRecordNumber();
                if (lines.size() + problems.size() >= MAX_LINES) {
                    problems.add(new Problem(number, "Filen har fler än " + MAX_LINES + " rader."));
                    break;
                }
                if (number == 1 && record.size() > 1 && isHeader(record.get(0), record.get(1))) {
                    continue;
                }
                if (record.size() < 2 || record.size() > 4) {
                    problems.add(new Problem(number, "Raden ska ha 2–4 fält åtskilda med semikolon (kod;namn;överordnad kod;brevlåda)."));
                    continue;
                }
                lines.add(new Line(number, record.get(0).strip(), record.get(1), record.size() > 2 ? record.get(2).strip() : "",
                        record.size() > 3 ? record.get(3) : ""));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(0, "Filen går inte att läsa som CSV: " + e.getMessage()));
        }
        return lines;
    }

    private static boolean isHeader(String first, String second) {
        String a = first.strip().toLowerCase(java.util.Locale.ROOT);
        String b = second.strip().toLowerCase(java.util.Locale.ROOT);
        return (a.equals("code") || a.equals("kod") || a.equals("enhetskod")) && (b.equals("name") || b.equals("namn"));
    }

    private static String clean(String name) {
        return se.samlarande.partner.PartnerNames.display(name);
    }

    private static String mailbox(Line line) {
        try {
            return UnitRegister.checkMailbox(line.mailbox());
        } catch (UnitRegister.InvalidUnit e) {
            return line.mailbox();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
