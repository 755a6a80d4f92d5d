package se.samlarande.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.notification.GuestLinkSlot;
import se.samlarande.notification.StaffDirectory;

/**
 * A register extract: everything stored about one person, found by email address, across visits. Sections follow
 * where the data is kept; every section is present (empty when nothing is stored), so the reader sees what was
 * looked for. Personal links are listed without their secret (only its hash is stored).
 */
@Service
class RegisterExtract {

    static final String REGISTER_EXTRACT = "REGISTER_EXTRACT";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final StaffDirectory staff;
    private final Clock clock;

    RegisterExtract(JdbcClient jdbc, AuditLog audit, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    /** The extract, ready to be written as JSON; producing it is recorded in the audit log (with a hash of the address). */
    @Transactional
    Map<String, Object> produce(String emailAddress, String producedBy) {
        String email = normalise(emailAddress);
        List<Map<String, Object>> participations = jdbc.sql("""
                SELECT p.id, v.reference, v.topic, v.host_unit, v.guest_organisation, v.date_from, v.date_to, v.state,
                       p.role, p.name, p.email, p.language, p.created_at, p.anonymised_at
                FROM sl_participant p JOIN sl_visit v ON v.id = p.visit_id WHERE p.email = ? ORDER BY v.date_from, p.id""")
                .param(email).query(RegisterExtract::row).list();
        List<Long> ids = participations.stream().map(p -> ((Number) p.remove("id")).longValue()).toList();

        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("description", "Registerutdrag ur Samlärande: allt som lagras om personen med e-postadressen nedan. "
                + "Register extract from Samlärande: everything stored about the person with the email address below.");
        extract.put("emailAddress", email);
        extract.put("producedAt", clock.instant().toString());
        extract.put("producedBy", producedBy);
        extract.put("visits", participations);
        extract.put("intakeAnswers", byParticipant(ids, """
                SELECT v.reference, i.goals_and_purpose, i.improvement_work, i.contact_again, i.confidentiality_version,
                       i.confidentiality_accepted_at, i.library_consent_at, i.received_at, i.updated_at, i.recorded_by,
                       i.erased_at
                FROM sl_intake i JOIN sl_visit v ON v.id = i.visit_id WHERE i.participant_id IN (%s) ORDER BY i.id"""));
        extract.put("lateAnswers", byParticipant(ids, """
                SELECT v.reference, l.kind, l.score, l.first_text, l.second_text, l.received_at, l.erased_at
                FROM sl_late_answer l JOIN sl_visit v ON v.id = l.visit_id WHERE l.participant_id IN (%s) ORDER BY l.id"""));
        extract.put("evaluations", byParticipant(ids, """
                SELECT v.reference, e.score, e.went_well, e.to_improve, e.received_at, e.recorded_by, e.erased_at
                FROM sl_evaluation e JOIN sl_visit v ON v.id = e.visit_id WHERE e.participant_id IN (%s) ORDER BY e.id"""));
        extract.put("blogPosts", byParticipant(ids, """
                SELECT v.reference, b.author_name, b.title, b.body_html, b.created_at, b.hidden_at, b.hidden_reason, b.erased_at,
                       (SELECT COUNT(*) FROM sl_blog_attachment a WHERE a.post_id = b.id) AS images
                FROM sl_blog_post b JOIN sl_visit v ON v.id = b.visit_id WHERE b.author_participant_id IN (%s) ORDER BY b.id"""));
        extract.put("blogComments", byParticipant(ids, """
                SELECT v.reference, c.author_name, c.body_html, c.created_at, c.hidden_at, c.hidden_reason, c.erased_at
                FROM sl_blog_comment c JOIN sl_visit v ON v.id = c.visit_id WHERE c.author_participant_id IN (%s) ORDER BY c.id"""));
        extract.put("libraryEntries", byParticipant(ids, """
                SELECT v.reference, e.source, e.title, e.summary, e.content, e.context, e.follow_up_introduced,
                       e.follow_up_effect, e.consent_at, e.published, e.erased_at, s.name AS credited_as, s.named_at,
                       s.named_by
                FROM sl_library_sharer s JOIN sl_library_entry e ON e.id = s.entry_id JOIN sl_visit v ON v.id = e.visit_id
                WHERE s.participant_id IN (%s) ORDER BY e.id"""));
        extract.put("personalLinks", byParticipant(ids, """
                SELECT v.reference, t.purpose, t.created_at, t.expires_at, t.last_used_at
                FROM sl_access_token t JOIN sl_visit v ON v.id = t.visit_id WHERE t.participant_id IN (%s) ORDER BY t.id"""));
        List<Map<String, Object>> emails = jdbc.sql("""
                SELECT v.reference, e.kind, e.recipient, e.language, e.subject, e.body_text, e.state, e.created_at, e.sent_at
                FROM sl_email e LEFT JOIN sl_visit v ON v.id = e.visit_id WHERE e.recipient = ? ORDER BY e.created_at, e.id""")
                .param(email).query(RegisterExtract::row).list();
        // where a personal link went, a note (the stored email holds only its slot)
        emails.forEach(row -> row.computeIfPresent("bodyText", (column, text) -> GuestLinkSlot.forStaff((String) text)));
        extract.put("emails", emails);
        extract.put("visitRequests", jdbc.sql("""
                SELECT CONCAT('REQ-', CAST(r.id AS VARCHAR(20))) AS request, r.organisation, r.partner_level, r.contact_name,
                       r.contact_email, r.contact_language, r.host_unit_wish, r.what_to_see, r.preferred_periods,
                       r.group_size, r.state, r.answer, v.reference, r.created_at
                FROM sl_visit_request r LEFT JOIN sl_visit v ON v.id = r.visit_id WHERE r.contact_email = ? ORDER BY r.id""")
                .param(email).query(RegisterExtract::row).list());
        List<Map<String, Object>> contacts = jdbc.sql("""
                SELECT c.id, p.name AS organisation, c.name, c.email, c.role_title, c.language, c.contact_again,
                       c.consent_at, c.consent_source, c.consent_by, c.created_at, c.anonymised_at
                FROM sl_partner_contact c JOIN sl_partner p ON p.id = c.partner_id WHERE c.email = ? ORDER BY c.id""")
                .param(email).query(RegisterExtract::row).list();
        List<Long> contactIds = contacts.stream().map(c -> ((Number) c.remove("id")).longValue()).toList();
        extract.put("partnerContacts", contacts);
        List<String> names = participations.stream().map(p -> (String) p.get("name")).distinct()
                .filter(n -> n != null && n.length() >= 3 && !PersonalDataStore.PLACEHOLDER.equals(n)).toList();
        extract.put("auditRecords", auditRecords(ids, contactIds, email, names));
        // A member of staff with this address: the answers they gave, as host, on whether a visit's practice was introduced.
        List<Map<String, Object>> followUps = new ArrayList<>();
        staff.withEmail(email).forEach(member -> followUps.addAll(jdbc.sql("""
                SELECT v.reference, f.introduced, f.what_was_introduced, f.effect, f.obstacles, f.answered_by,
                       f.answered_at, f.erased_at
                FROM sl_practice_follow_up f JOIN sl_visit v ON v.id = f.visit_id WHERE f.answered_by = ?
                ORDER BY f.answered_at, v.id""").param(member.userId()).query(RegisterExtract::row).list()));
        extract.put("practiceFollowUps", followUps);

        String hash = Hashes.sha256(email);
        participations.stream().map(p -> (String) p.get("reference")).distinct().forEach(reference ->
                audit.record(visitId(reference), producedBy, REGISTER_EXTRACT, "Registerutdrag om en gäst (e-post sha256:" + hash + ")"));
        followUps.stream().map(f -> (String) f.get("reference")).distinct().forEach(reference ->
                audit.record(visitId(reference), producedBy, REGISTER_EXTRACT, "Registerutdrag om en värd (e-post sha256:" + hash + ")"));
        if (participations.isEmpty() && followUps.isEmpty()) { // a contact person only, or nobody: recorded without a visit
            audit.record(null, producedBy, REGISTER_EXTRACT, "Registerutdrag om en person (e-post sha256:" + hash + ")");
        }
        return extract;
    }

    /**
     * Records naming the person: their own acts as a guest, records about them as a contact person in the partner
     * register (their choice recorded by staff, say), and texts with their name or address.
     */
    private List<Map<String, Object>> auditRecords(List<Long> participantIds, List<Long> contactIds, String email,
            List<String> names) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        participantIds.forEach(id -> {
            conditions.add("a.actor = ?");
            params.add("guest:" + id);
        });
        contactIds.forEach(id -> {
            conditions.add("a.detail LIKE ?");
            params.add("Kontaktperson " + id + ":%");
        });
        conditions.add("a.detail LIKE ?");
        params.add("%" + email + "%");
        names.forEach(name -> {
            conditions.add("(a.detail LIKE ? AND a.visit_id IN (SELECT visit_id FROM sl_participant WHERE email = ?))");
            params.add("%" + name + "%");
            params.add(email);
        });
        return jdbc.sql("""
                SELECT v.reference, a.occurred_at, a.actor, a.action, a.detail FROM sl_audit_event a
                LEFT JOIN sl_visit v ON v.id = a.visit_id WHERE (%s) AND a.action <> ? ORDER BY a.occurred_at, a.id"""
                .formatted(String.join(" OR ", conditions)))
                .params(params).param(REGISTER_EXTRACT)
                .query(RegisterExtract::row).list();
    }

    private List<Map<String, Object>> byParticipant(List<Long> ids, String sql) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(sql.formatted(ids.stream().map(id -> "?").collect(Collectors.joining(", "))))
                .params(new ArrayList<Object>(ids)).query(RegisterExtract::row).list();
    }

    private Long visitId(String reference) {
        return jdbc.sql("SELECT id FROM sl_visit WHERE reference = ?").param(reference).query(Long.class).single();
    }

    static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** One row as a map of readable keys (camelCase column names), instants in ISO 8601, dates as dates. */
    private static Map<String, Object> row(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp timestamp) {
                value = timestamp.toInstant().toString();
            } else if (value instanceof java.sql.Date date) {
                value = date.toLocalDate().toString();
            } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
                value = value.toString();
            }
            row.put(camel(meta.getColumnLabel(i)), value);
        }
        return row;
    }

    private static String camel(String column) {
        String[] parts = column.toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return name.toString();
    }
}
