package se.samlarande.unit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.partner.PartnerNames;

/**
 * Keeps {@code sl_unit}: finds units by code, their children and whole sub-trees (a recursive query bounded in depth
 * and size, the same on H2 and PostgreSQL), searches by code or name a page at a time, creates, edits, deactivates
 * and deletes them. A unit with visits is never deleted, only made inactive.
 */
@Service
public class UnitRegister {

    /** Deeper than any real organisation; bounds the recursive query even if the data held a cycle. */
    static final int MAX_DEPTH = 20;
    /** At most this many ids in one sub-tree. */
    static final int MAX_SUBTREE = 10_000;
    static final int MAX_CODE = 50;
    static final int MAX_NAME = 200;
    static final Pattern MAILBOX = Pattern.compile("^[^@\\s;,<>]+@[^@\\s;,<>]+\\.[^@\\s;,<>]+$");

    private static final String COLUMNS = "u.id, u.code, u.name, u.parent_id, u.mailbox, u.active";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    UnitRegister(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Why a change was refused: the field and a message in Swedish. */
    public static class InvalidUnit extends RuntimeException {
        private final String field;

        InvalidUnit(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    // ---- reading ----

    public Optional<Unit> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sl_unit u WHERE u.code = ?").param(code == null ? "" : code.strip())
                .query(UnitRegister::map).optional();
    }

    public Optional<Unit> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sl_unit u WHERE u.id = ?").param(id)
                .query(UnitRegister::map).optional();
    }

    /** The roots (parent null) when parentId is null, else the unit's children; by name, at most limit rows. */
    public List<Unit> children(Long parentId, int offset, int limit) {
        String where = parentId == null ? "u.parent_id IS NULL" : "u.parent_id = :parent";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM sl_unit u WHERE " + where
                + " ORDER BY u.name, u.code OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY");
        if (parentId != null) {
            spec = spec.param("parent", parentId);
        }
        return spec.param("offset", Math.max(0, offset)).param("limit", Math.max(0, Math.min(limit, 500)))
                .query(UnitRegister::map).list();
    }

    public int countChildren(Long parentId) {
        return parentId == null
                ? jdbc.sql("SELECT COUNT(*) FROM sl_unit WHERE parent_id IS NULL").query(Integer.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM sl_unit WHERE parent_id = ?").param(parentId).query(Integer.class).single();
    }

    /** The unit's id and the ids of every unit under it, at most {@link #MAX_DEPTH} levels down. */
    public List<Long> subTreeIds(long unitId) {
        return jdbc.sql("""
                WITH RECURSIVE sub (id, depth) AS (
                    SELECT id, 0 FROM sl_unit WHERE id = :root
                    UNION ALL
                    SELECT u.id, s.depth + 1 FROM sl_unit u JOIN sub s ON u.parent_id = s.id WHERE s.depth < :depth
                )
                SELECT DISTINCT id FROM sub ORDER BY id FETCH FIRST :max ROWS ONLY""")
                .param("root", unitId).param("depth", MAX_DEPTH).param("max", MAX_SUBTREE)
                .query(Long.class).list();
    }

    /** The names from the root down to the unit, e.g. "Region › Förvaltning › Enhet"; bounded in depth. */
    public String path(long unitId) {
        StringBuilder path = new StringBuilder();
        Long current = unitId;
        for (int depth = 0; current != null && depth <= MAX_DEPTH; depth++) {
            Optional<Unit> unit = findById(current);
            if (unit.isEmpty()) {
                break;
            }
            path.insert(0, path.isEmpty() ? unit.get().name() : unit.get().name() + " › ");
            current = unit.get().parentId();
        }
        return path.toString();
    }

    /** Units whose code or name contains the text (case ignored), by name; a page at a time. */
    public List<Unit> search(String text, int offset, int limit) {
        String like = "%" + escapeLike(text == null ? "" : PartnerNames.key(text)) + "%";
        return jdbc.sql("SELECT " + COLUMNS + " FROM sl_unit u WHERE LOWER(u.code) LIKE :q ESCAPE '\\' "
                        + "OR u.name_key LIKE :q ESCAPE '\\' ORDER BY u.active DESC, u.name, u.code "
                        + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("q", like).param("offset", Math.max(0, offset)).param("limit", Math.max(0, Math.min(limit, 500)))
                .query(UnitRegister::map).list();
    }

    public int visitCount(long unitId) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_visit WHERE unit_id = ?").param(unitId).query(Integer.class).single();
    }

    /** Visits of the unit still running (not closed or cancelled, by {@code sl_visit.state}). */
    public int openVisitCount(long unitId) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_visit WHERE unit_id = ? AND state NOT IN ('CLOSED', 'CANCELLED')")
                .param(unitId).query(Integer.class).single();
    }

    /** Inactive units that still have open visits, with their counts; at most limit. */
    public List<InactiveWithVisits> inactiveWithOpenVisits(int limit) {
        return jdbc.sql("""
                SELECT u.id, u.code, u.name, COUNT(v.id) AS open_visits FROM sl_unit u
                JOIN sl_visit v ON v.unit_id = u.id AND v.state NOT IN ('CLOSED', 'CANCELLED')
                WHERE u.active = FALSE GROUP BY u.id, u.code, u.name ORDER BY u.name FETCH FIRST :limit ROWS ONLY""")
                .param("limit", limit)
                .query((rs, n) -> new InactiveWithVisits(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getInt("open_visits"))).list();
    }

    public record InactiveWithVisits(long id, String code, String name, int openVisits) {
    }

    // ---- changes ----

    /** Creates a unit; audited. Returns its id. */
    @Transactional
    public long create(String code, String name, String parentCode, String mailbox, String actor) {
        String cleanCode = checkCode(code);
        String cleanName = checkName(name);
        String cleanMailbox = checkMailbox(mailbox);
        if (findByCode(cleanCode).isPresent()) {
            throw new InvalidUnit("code", "Koden finns redan: " + cleanCode);
        }
        Long parentId = parentIdOf(parentCode);
        jdbc.sql("INSERT INTO sl_unit (code, name, name_key, parent_id, mailbox, active, created_at, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)")
                .params(cleanCode, cleanName, PartnerNames.key(cleanName), parentId, cleanMailbox,
                        Timestamp.from(clock.instant()), actor).update();
        audit.record(null, actor, "UNIT_CREATED", cleanCode + " " + cleanName);
        return findByCode(cleanCode).orElseThrow().id();
    }

    /** Changes a unit's name, parent and mailbox (its code stays); refuses a parent under the unit itself. */
    @Transactional
    public void edit(long id, String name, String parentCode, String mailbox, boolean active, String actor) {
        Unit unit = findById(id).orElseThrow(() -> new InvalidUnit("id", "Enheten finns inte."));
        String cleanName = checkName(name);
        String cleanMailbox = checkMailbox(mailbox);
        Long parentId = parentIdOf(parentCode);
        if (parentId != null && subTreeIds(id).contains(parentId)) {
            throw new InvalidUnit("parent", "En enhet kan inte ligga under sig själv eller sina egna underenheter.");
        }
        jdbc.sql("UPDATE sl_unit SET name = ?, name_key = ?, parent_id = ?, mailbox = ?, active = ?, updated_at = ?, "
                        + "updated_by = ? WHERE id = ?")
                .params(cleanName, PartnerNames.key(cleanName), parentId, cleanMailbox, active,
                        Timestamp.from(clock.instant()), actor, id).update();
        audit.record(null, actor, "UNIT_UPDATED", unit.code() + " " + cleanName + (active ? "" : " (inaktiv)"));
    }

    @Transactional
    public void deactivate(long id, String actor) {
        Unit unit = findById(id).orElseThrow(() -> new InvalidUnit("id", "Enheten finns inte."));
        jdbc.sql("UPDATE sl_unit SET active = FALSE, updated_at = ?, updated_by = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), actor, id).update();
        audit.record(null, actor, "UNIT_DEACTIVATED", unit.code() + " " + unit.name());
    }

    /** Deletes a unit that has neither visits nor units under it; otherwise refuses (deactivate it instead). */
    @Transactional
    public void delete(long id, String actor) {
        Unit unit = findById(id).orElseThrow(() -> new InvalidUnit("id", "Enheten finns inte."));
        if (visitCount(id) > 0) {
            throw new InvalidUnit("id", "Enheten har besök och kan bara göras inaktiv.");
        }
        if (countChildren(id) > 0) {
            throw new InvalidUnit("id", "Enheten har underenheter och kan inte tas bort.");
        }
        jdbc.sql("DELETE FROM sl_unit WHERE id = ?").param(id).update();
        audit.record(null, actor, "UNIT_DELETED", unit.code() + " " + unit.name());
    }

    // ---- linking visits by their free-text host unit ----

    /** Links the visit to the unit whose name matches its free-text host unit, if exactly one unit has that name. */
    @Transactional
    public boolean linkVisit(long visitId) {
        return jdbc.sql("""
                UPDATE sl_visit SET unit_id = (SELECT MIN(u.id) FROM sl_unit u WHERE u.name_key = :key)
                WHERE id = :visit AND unit_id IS NULL
                AND (SELECT COUNT(*) FROM sl_unit u WHERE u.name_key = :key) = 1""")
                .param("key", PartnerNames.key(hostUnitOf(visitId))).param("visit", visitId).update() == 1;
    }

    private String hostUnitOf(long visitId) {
        return jdbc.sql("SELECT host_unit FROM sl_visit WHERE id = ?").param(visitId).query(String.class)
                .optional().orElse("");
    }

    /** Ids of up to limit visits after the id not linked to a unit yet, by id (for the start-up batches). */
    List<Long> unlinkedVisitIdsAfter(long afterId, int limit) {
        return jdbc.sql("SELECT id FROM sl_visit WHERE unit_id IS NULL AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")
                .params(afterId, limit).query(Long.class).list();
    }

    /** Free-text host unit names of unlinked visits, with their counts; at most limit names, most visits first. */
    public List<UnmatchedName> unmatchedNames(int limit) {
        List<UnmatchedName> names = jdbc.sql("""
                SELECT v.host_unit, COUNT(*) AS visits FROM sl_visit v WHERE v.unit_id IS NULL
                GROUP BY v.host_unit ORDER BY COUNT(*) DESC, v.host_unit FETCH FIRST :limit ROWS ONLY""")
                .param("limit", limit)
                .query((rs, n) -> new UnmatchedName(rs.getString("host_unit"), rs.getInt("visits"))).list();
        // spellings that differ only in case and spacing are one name (mapping one maps them all)
        java.util.Map<String, UnmatchedName> byKey = new java.util.LinkedHashMap<>();
        for (UnmatchedName name : names) {
            byKey.merge(PartnerNames.key(name.name()), new UnmatchedName(PartnerNames.display(name.name()), name.visits()),
                    (a, b) -> new UnmatchedName(a.name(), a.visits() + b.visits()));
        }
        return List.copyOf(byKey.values());
    }

    public record UnmatchedName(String name, int visits) {
    }

    /** Links every unlinked visit whose host unit is the name (case and spacing ignored) to the unit; audited. */
    @Transactional
    public int mapName(String hostUnit, String unitCode, String actor) {
        Unit unit = findByCode(unitCode).orElseThrow(() -> new InvalidUnit("code", "Ingen enhet har koden."));
        String key = PartnerNames.key(hostUnit);
        // the unlinked visits a batch at a time, compared by the same key as everywhere else
        int linked = 0;
        long after = 0;
        while (true) {
            List<String[]> batch = jdbc.sql("SELECT id, host_unit FROM sl_visit WHERE unit_id IS NULL AND id > ? "
                            + "ORDER BY id FETCH FIRST 500 ROWS ONLY").param(after)
                    .query((rs, n) -> new String[] {String.valueOf(rs.getLong("id")), rs.getString("host_unit")}).list();
            if (batch.isEmpty()) {
                break;
            }
            for (String[] visit : batch) {
                if (PartnerNames.key(visit[1]).equals(key)) {
                    linked += jdbc.sql("UPDATE sl_visit SET unit_id = ? WHERE id = ? AND unit_id IS NULL")
                            .params(unit.id(), Long.parseLong(visit[0])).update();
                }
            }
            after = Long.parseLong(batch.get(batch.size() - 1)[0]);
        }
        audit.record(null, actor, "UNIT_NAME_MAPPED", "\"" + PartnerNames.display(hostUnit) + "\" → " + unit.code()
                + " (" + linked + " besök)");
        return linked;
    }

    // ---- checks ----

    static String checkCode(String code) {
        String clean = code == null ? "" : code.strip();
        if (clean.isEmpty()) {
            throw new InvalidUnit("code", "Koden saknas.");
        }
        if (clean.length() > MAX_CODE || clean.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidUnit("code", "Koden får ha högst " + MAX_CODE + " tecken och inga mellanslag.");
        }
        return clean;
    }

    static String checkName(String name) {
        String clean = PartnerNames.display(name);
        if (clean.isEmpty()) {
            throw new InvalidUnit("name", "Namnet saknas.");
        }
        if (clean.length() > MAX_NAME) {
            throw new InvalidUnit("name", "Namnet får ha högst " + MAX_NAME + " tecken.");
        }
        return clean;
    }

    static String checkMailbox(String mailbox) {
        String clean = mailbox == null ? "" : mailbox.strip().toLowerCase(Locale.ROOT);
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() > 254 || !MAILBOX.matcher(clean).matches()) {
            throw new InvalidUnit("mailbox", "Funktionsbrevlådan är ingen giltig e-postadress: " + clean);
        }
        return clean;
    }

    private Long parentIdOf(String parentCode) {
        if (parentCode == null || parentCode.isBlank()) {
            return null;
        }
        return findByCode(parentCode).map(Unit::id)
                .orElseThrow(() -> new InvalidUnit("parent", "Ingen överordnad enhet har koden " + parentCode.strip()));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Unit map(ResultSet rs, int n) throws SQLException {
        long parent = rs.getLong("parent_id");
        return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.wasNull() ? null : parent,
                rs.getString("mailbox"), rs.getBoolean("active"));
    }
}
