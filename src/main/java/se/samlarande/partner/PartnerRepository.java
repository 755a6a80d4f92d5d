package se.samlarande.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.VisitDirection;

/**
 * {@code sl_partner}, {@code sl_partner_contact}, and the links this feature keeps on the visits' tables:
 * {@code sl_visit.partner_id} and {@code sl_participant.contact_id}.
 */
@Repository
class PartnerRepository {

    private static final String PARTNER_COLUMNS = "p.id, p.name, p.partner_level, p.country, p.sector";
    private static final String CONTACT_COLUMNS = "c.id, c.partner_id, c.name, c.email, c.role_title, c.language, "
            + "c.contact_again, c.consent_at, c.consent_source, c.consent_by";

    private final JdbcClient jdbc;

    PartnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- organisations ----

    Optional<Partner> findByKey(String nameKey) {
        return jdbc.sql("SELECT " + PARTNER_COLUMNS + " FROM sl_partner p WHERE p.name_key = ?").param(nameKey)
                .query(PartnerRepository::mapPartner).optional();
    }

    Optional<Partner> findById(long id) {
        return jdbc.sql("SELECT " + PARTNER_COLUMNS + " FROM sl_partner p WHERE p.id = ?").param(id)
                .query(PartnerRepository::mapPartner).optional();
    }

    /** Fails with a duplicate key when the organisation was registered at the same moment elsewhere. */
    void insertPartner(String name, String nameKey, PartnerLevel level, Instant at) {
        jdbc.sql("INSERT INTO sl_partner (name, name_key, partner_level, created_at) VALUES (?, ?, ?, ?)")
                .params(name, nameKey, level.name(), Timestamp.from(at)).update();
    }

    void updateFacts(long partnerId, PartnerLevel level, String country, String sector, String by, Instant at) {
        jdbc.sql("""
                UPDATE sl_partner SET partner_level = ?, country = ?, sector = ?, updated_by = ?, updated_at = ?
                WHERE id = ?""").params(level.name(), country, sector, by, Timestamp.from(at), partnerId).update();
    }

    /** Organisations matching the filter (each part optional), by name, with their visits and competence friends. */
    List<PartnerSummary> search(String nameKeyPart, PartnerLevel level, String country, String sector, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (nameKeyPart != null) {
            where.add("p.name_key LIKE ? ESCAPE '\\'");
            params.add("%" + nameKeyPart.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (level != null) {
            where.add("p.partner_level = ?");
            params.add(level.name());
        }
        if (country != null) {
            where.add("p.country = ?");
            params.add(country);
        }
        if (sector != null) {
            where.add("p.sector = ?");
            params.add(sector);
        }
        return jdbc.sql("""
                SELECT %s,
                       (SELECT COUNT(*) FROM sl_visit v WHERE v.partner_id = p.id) AS visits,
                       (SELECT COUNT(*) FROM sl_partner_contact c WHERE c.partner_id = p.id AND c.contact_again = TRUE
                          AND c.anonymised_at IS NULL) AS friends
                FROM sl_partner p %s ORDER BY p.name_key FETCH FIRST %d ROWS ONLY"""
                .formatted(PARTNER_COLUMNS, where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where), limit))
                .params(params)
                .query((rs, n) -> new PartnerSummary(mapPartner(rs, n), rs.getInt("visits"), rs.getInt("friends")))
                .list();
    }

    List<String> countries() {
        return jdbc.sql("SELECT DISTINCT country FROM sl_partner WHERE country IS NOT NULL ORDER BY country")
                .query(String.class).list();
    }

    List<String> sectors() {
        return jdbc.sql("SELECT DISTINCT sector FROM sl_partner WHERE sector IS NOT NULL ORDER BY sector")
                .query(String.class).list();
    }

    // ---- visits ----

    void setVisitPartner(long visitId, long partnerId) {
        jdbc.sql("UPDATE sl_visit SET partner_id = ? WHERE id = ?").params(partnerId, visitId).update();
    }

    Optional<Long> partnerIdOfVisit(long visitId) {
        return jdbc.sql("SELECT partner_id FROM sl_visit WHERE id = ? AND partner_id IS NOT NULL").param(visitId)
                .query(Long.class).optional();
    }

    /** The organisation's visits, latest first. */
    List<Long> visitIdsOf(long partnerId) {
        return jdbc.sql("SELECT id FROM sl_visit WHERE partner_id = ? ORDER BY date_from DESC, id DESC")
                .param(partnerId).query(Long.class).list();
    }

    /** Visits not yet linked to an organisation (registered before the register existed). */
    List<Long> unlinkedVisitIds() {
        return jdbc.sql("SELECT id FROM sl_visit WHERE partner_id IS NULL ORDER BY id").query(Long.class).list();
    }

    // ---- contact people ----

    Optional<Contact> findContact(long partnerId, String email) {
        return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM sl_partner_contact c WHERE c.partner_id = ? AND c.email = ?")
                .params(partnerId, email).query(PartnerRepository::mapContact).optional();
    }

    Optional<Contact> findContact(long contactId) {
        return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM sl_partner_contact c WHERE c.id = ? AND c.anonymised_at IS NULL")
                .param(contactId).query(PartnerRepository::mapContact).optional();
    }

    /** Fails with a duplicate key when the person was added at the same moment elsewhere. */
    void insertContact(long partnerId, String name, String email, Language language, Instant at) {
        jdbc.sql("""
                INSERT INTO sl_partner_contact (partner_id, name, email, language, created_at)
                VALUES (?, ?, ?, ?, ?)""").params(partnerId, name, email, language.name(), Timestamp.from(at)).update();
    }

    /** The organisation's contact people (not anonymised), by name. */
    List<Contact> contactsOf(long partnerId) {
        return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM sl_partner_contact c WHERE c.partner_id = ? "
                        + "AND c.anonymised_at IS NULL ORDER BY c.name, c.id")
                .param(partnerId).query(PartnerRepository::mapContact).list();
    }

    void updateConsent(long contactId, boolean contactAgain, ConsentSource source, String by, Instant at) {
        jdbc.sql("""
                UPDATE sl_partner_contact SET contact_again = ?, consent_at = ?, consent_source = ?, consent_by = ?
                WHERE id = ?""").params(contactAgain, Timestamp.from(at), source.name(), by, contactId).update();
    }

    void updateRoleTitle(long contactId, String roleTitle) {
        jdbc.sql("UPDATE sl_partner_contact SET role_title = ? WHERE id = ?").params(roleTitle, contactId).update();
    }

    void setParticipantContact(long participantId, long contactId) {
        jdbc.sql("UPDATE sl_participant SET contact_id = ? WHERE id = ?").params(contactId, participantId).update();
    }

    Optional<Long> contactIdOfParticipant(long participantId) {
        return jdbc.sql("SELECT contact_id FROM sl_participant WHERE id = ? AND contact_id IS NOT NULL")
                .param(participantId).query(Long.class).optional();
    }

    /** A visit's guests not yet linked to a contact person (anonymised guests stay unlinked). */
    List<Guest> unlinkedGuests(long visitId) {
        return jdbc.sql("""
                SELECT id, name, email, language FROM sl_participant
                WHERE visit_id = ? AND contact_id IS NULL AND anonymised_at IS NULL ORDER BY id""")
                .param(visitId)
                .query((rs, n) -> new Guest(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        Language.valueOf(rs.getString("language"))))
                .list();
    }

    /** Which visits each contact person of the organisation took part in, oldest first. */
    List<ContactVisit> visitsOfContacts(long partnerId) {
        return jdbc.sql("""
                SELECT c.id AS contact_id, v.id AS visit_id, v.reference, v.topic, v.date_from, v.direction
                FROM sl_partner_contact c JOIN sl_participant g ON g.contact_id = c.id JOIN sl_visit v ON v.id = g.visit_id
                WHERE c.partner_id = ? AND c.anonymised_at IS NULL ORDER BY v.date_from, v.id""")
                .param(partnerId)
                .query((rs, n) -> new ContactVisit(rs.getLong("contact_id"), rs.getLong("visit_id"),
                        rs.getString("reference"), rs.getString("topic"), rs.getObject("date_from", LocalDate.class),
                        VisitDirection.valueOf(rs.getString("direction"))))
                .list();
    }

    /** Consenting contact people of the visit's organisation. */
    List<Contact> competenceFriendsOfVisitPartner(long visitId) {
        return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM sl_partner_contact c JOIN sl_visit v ON v.partner_id = c.partner_id "
                        + "WHERE v.id = ? AND c.contact_again = TRUE AND c.anonymised_at IS NULL ORDER BY c.name, c.id")
                .param(visitId).query(PartnerRepository::mapContact).list();
    }

    // ---- suggestions for registering a visit ----

    List<KnownOrganisation> knownOrganisations(int limit) {
        return jdbc.sql("SELECT name, partner_level, country FROM sl_partner ORDER BY name_key FETCH FIRST %d ROWS ONLY"
                        .formatted(limit))
                .query((rs, n) -> new KnownOrganisation(rs.getString("name"),
                        PartnerLevel.valueOf(rs.getString("partner_level")), rs.getString("country")))
                .list();
    }

    List<KnownContact> knownContacts(int limit) {
        return jdbc.sql("""
                SELECT c.name, c.email, c.language, c.contact_again, p.name AS organisation, p.partner_level
                FROM sl_partner_contact c JOIN sl_partner p ON p.id = c.partner_id
                WHERE c.anonymised_at IS NULL ORDER BY c.name, c.email FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .query((rs, n) -> new KnownContact(rs.getString("name"), rs.getString("email"),
                        Language.valueOf(rs.getString("language")), rs.getObject("contact_again", Boolean.class),
                        rs.getString("organisation"), PartnerLevel.valueOf(rs.getString("partner_level"))))
                .list();
    }

    // ---- mapping ----

    /** A visit's guest as the link needs it. */
    record Guest(long id, String name, String email, Language language) {
    }

    private static Partner mapPartner(ResultSet rs, int n) throws SQLException {
        return new Partner(rs.getLong("id"), rs.getString("name"), PartnerLevel.valueOf(rs.getString("partner_level")),
                rs.getString("country"), rs.getString("sector"));
    }

    private static Contact mapContact(ResultSet rs, int n) throws SQLException {
        Timestamp consentAt = rs.getTimestamp("consent_at");
        String source = rs.getString("consent_source");
        return new Contact(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("role_title"), Language.valueOf(rs.getString("language")),
                rs.getObject("contact_again", Boolean.class), consentAt == null ? null : consentAt.toInstant(),
                source == null ? null : ConsentSource.valueOf(source), rs.getString("consent_by"));
    }
}
