package se.samlarande.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.samlarande.system.TransactionReadCache;

/**
 * The statements that anonymise personal data where it is stored. Every statement is idempotent (it touches only
 * rows not yet marked), and rows the result measures count are kept: names and addresses become a placeholder, free
 * text is blanked, scores, dates and counts stay.
 */
@Repository
class PersonalDataStore {

    /** What replaces a name. */
    static final String PLACEHOLDER = "Anonymiserad";

    private final JdbcClient jdbc;

    PersonalDataStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A visit that has ended (closed or cancelled), and when. */
    record EndedVisit(long id, String reference, Instant endedAt, boolean blogPublic) {
    }

    /** A guest of a visit, found by email address. */
    record Person(long participantId, long visitId, String reference, String name, boolean visitOpen) {
    }

    /** A visit request, found by email address. */
    record Request(long id, String state, Long visitId) {

        boolean open() {
            return "NEW".equals(state) || "DATES_PROPOSED".equals(state);
        }

        String reference() {
            return "REQ-" + id;
        }
    }

    // ---- the retention job's selection ----

    /** Ended visits with at least one kind not yet anonymised, ended at or before the cutoff. */
    List<EndedVisit> endedVisitsPending(Instant endedBy, int kinds) {
        return jdbc.sql("""
                SELECT v.id, v.reference, COALESCE(v.closed_at, v.cancelled_at, v.registered_at) AS ended_at, v.blog_public
                FROM sl_visit v
                WHERE v.state IN ('CLOSED', 'CANCELLED')
                  AND COALESCE(v.closed_at, v.cancelled_at, v.registered_at) <= ?
                  AND (SELECT COUNT(*) FROM sl_retention_applied r WHERE r.visit_id = v.id) < ?
                ORDER BY v.id""")
                .params(Timestamp.from(endedBy), kinds)
                .query((rs, n) -> new EndedVisit(rs.getLong("id"), rs.getString("reference"),
                        rs.getTimestamp("ended_at").toInstant(), rs.getBoolean("blog_public")))
                .list();
    }

    /** Locks the visit's row until the transaction ends, so two nodes never anonymise one visit at once. */
    void lockVisit(long visitId) {
        jdbc.sql("SELECT id FROM sl_visit WHERE id = ? FOR UPDATE").param(visitId).query(Long.class).list();
    }

    boolean applied(long visitId, RecordKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_retention_applied WHERE visit_id = ? AND kind = ?")
                .params(visitId, kind.name()).query(Long.class).single() > 0;
    }

    void markApplied(long visitId, RecordKind kind, Instant at) {
        jdbc.sql("INSERT INTO sl_retention_applied (visit_id, kind, applied_at) VALUES (?, ?, ?)")
                .params(visitId, kind.name(), Timestamp.from(at)).update();
    }

    // ---- a visit's records, kind by kind ----

    int deleteTokensOfVisit(long visitId) {
        return jdbc.sql("DELETE FROM sl_access_token WHERE visit_id = ?").param(visitId).update();
    }

    /** Names of the visit's guests in the audit records' texts (a hidden post's author, say) become the placeholder. */
    void scrubNamesInAudit(long visitId, List<String> names) {
        for (String name : names) {
            if (name != null && name.strip().length() >= 3 && !PLACEHOLDER.equals(name)) {
                jdbc.sql("UPDATE sl_audit_event SET detail = REPLACE(detail, ?, ?) WHERE visit_id = ? AND detail LIKE ?")
                        .params(name, PLACEHOLDER, visitId, "%" + name + "%").update();
            }
        }
    }

    List<String> guestNames(long visitId) {
        return jdbc.sql("SELECT name FROM sl_participant WHERE visit_id = ? AND anonymised_at IS NULL")
                .param(visitId).query(String.class).list();
    }

    int anonymiseGuestsOfVisit(long visitId, boolean blogPublic, Instant at) {
        if (!blogPublic) {
            jdbc.sql("UPDATE sl_blog_post SET author_name = ? WHERE visit_id = ? AND author_participant_id IS NOT NULL")
                    .params(PLACEHOLDER, visitId).update();
            jdbc.sql("UPDATE sl_blog_comment SET author_name = ? WHERE visit_id = ? AND author_participant_id IS NOT NULL")
                    .params(PLACEHOLDER, visitId).update();
        }
        jdbc.sql("UPDATE sl_blog_view SET viewer = NULL WHERE visit_id = ? AND viewer_kind = 'GUEST'").param(visitId).update();
        TransactionReadCache.clear(); // the participants' names and addresses change
        return jdbc.sql("""
                UPDATE sl_participant SET name = ?, email = CONCAT('anonymiserad-', CONCAT(CAST(id AS VARCHAR(20)), '@invalid')),
                       anonymised_at = ?
                WHERE visit_id = ? AND anonymised_at IS NULL""")
                .params(PLACEHOLDER, Timestamp.from(at), visitId).update();
    }

    /** The intakes' texts, and those of the answers that came too late (sl_late_answer, kept with the intakes). */
    int eraseIntakesOfVisit(long visitId, Instant at) {
        jdbc.sql("""
                UPDATE sl_late_answer SET first_text = NULL, second_text = NULL, erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(Timestamp.from(at), visitId).update();
        return jdbc.sql("""
                UPDATE sl_intake SET goals_and_purpose = '', improvement_work = '', erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(Timestamp.from(at), visitId).update();
    }

    int eraseEvaluationTextsOfVisit(long visitId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_evaluation SET went_well = NULL, to_improve = NULL, erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(Timestamp.from(at), visitId).update();
    }

    /** The host's free text on whether the practice was introduced; whether it was (the measure) stays. */
    int erasePracticeFollowUpOfVisit(long visitId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_practice_follow_up SET what_was_introduced = NULL, effect = NULL, obstacles = NULL, erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(Timestamp.from(at), visitId).update();
    }

    /** Text and images of every post and comment; the rows stay, so the blog's counts stay. */
    int eraseBlogOfVisit(long visitId, Instant at) {
        jdbc.sql("DELETE FROM sl_blog_attachment WHERE post_id IN (SELECT id FROM sl_blog_post WHERE visit_id = ?)")
                .param(visitId).update();
        jdbc.sql("""
                UPDATE sl_blog_comment SET body_html = '', author_name = ?, erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(PLACEHOLDER, Timestamp.from(at), visitId).update();
        return jdbc.sql("""
                UPDATE sl_blog_post SET title = NULL, body_html = '', author_name = ?, erased_at = ?
                WHERE visit_id = ? AND erased_at IS NULL""").params(PLACEHOLDER, Timestamp.from(at), visitId).update();
    }

    int eraseEmailsOfVisit(long visitId, Instant at) {
        return eraseEmails("visit_id = ?", visitId, at);
    }

    int anonymiseRequestsOfVisit(long visitId, Instant at) {
        return anonymiseRequests("visit_id = ?", visitId, at);
    }

    // ---- the library of good examples ----

    /**
     * Guests credited in the library's entries of the visit: the name becomes the placeholder, and they are no longer
     * named (the organisation is credited). Members of staff stay, as everywhere, by their user id.
     */
    int anonymiseLibrarySharersOfVisit(long visitId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_library_sharer SET name = ?, named_at = NULL, named_by = NULL, anonymised_at = ?
                WHERE participant_id IS NOT NULL AND anonymised_at IS NULL
                  AND entry_id IN (SELECT id FROM sl_library_entry WHERE visit_id = ?)""")
                .params(PLACEHOLDER, Timestamp.from(at), visitId).update();
    }

    /**
     * Entries drawn from the visit's intakes whose guests never agreed to publication: a copy of the intake's free
     * text, blanked with it. Entries published with consent are publications and stay, like a public blog.
     */
    int eraseLibraryDraftsOfVisit(long visitId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_library_entry SET title = ?, summary = NULL, content = '', details = NULL, context = NULL,
                       erased_at = ?, updated_at = ?
                WHERE visit_id = ? AND source = 'INTAKE' AND consent_at IS NULL AND erased_at IS NULL""")
                .params(PLACEHOLDER, Timestamp.from(at), Timestamp.from(at), visitId).update();
    }

    /**
     * Erasure on request: what a guest shared in the library (the entries drawn from their intake, published or not)
     * is blanked and leaves every learning package, and their name leaves every credit.
     */
    int erasePersonFromLibrary(long participantId, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.sql("""
                DELETE FROM sl_learning_module_entry WHERE entry_id IN
                    (SELECT id FROM sl_library_entry WHERE source_participant_id = ?)""").param(participantId).update();
        int entries = jdbc.sql("""
                UPDATE sl_library_entry SET title = ?, summary = NULL, content = '', details = NULL, context = NULL,
                       published = FALSE, erased_at = ?, updated_at = ?
                WHERE source_participant_id = ? AND erased_at IS NULL""")
                .params(PLACEHOLDER, now, now, participantId).update();
        jdbc.sql("""
                UPDATE sl_library_sharer SET name = ?, named_at = NULL, named_by = NULL, anonymised_at = ?
                WHERE participant_id = ? AND anonymised_at IS NULL""")
                .params(PLACEHOLDER, now, participantId).update();
        return entries;
    }

    /** Raises the library's revision, so every node rebuilds its search index from what is stored now. */
    void libraryChanged() {
        jdbc.sql("UPDATE sl_library_revision SET revision = revision + 1 WHERE id = 1").update();
    }

    // ---- records that belong to no visit ----

    int eraseEmailsWithoutVisit(Instant createdBy, Instant at) {
        return eraseEmails("visit_id IS NULL AND created_at <= ?", Timestamp.from(createdBy), at);
    }

    /** Declined requests (accepted ones follow their visit; open ones are still being answered). */
    List<Long> declinedRequestsPending(Instant createdBy) {
        return jdbc.sql("""
                SELECT id FROM sl_visit_request
                WHERE visit_id IS NULL AND state = 'DECLINED' AND created_at <= ? AND anonymised_at IS NULL ORDER BY id""")
                .param(Timestamp.from(createdBy)).query(Long.class).list();
    }

    int anonymiseRequest(long requestId, Instant at) {
        return anonymiseRequests("id = ?", requestId, at);
    }

    // ---- one person ----

    List<Person> guestsByEmail(String email) {
        return jdbc.sql("""
                SELECT p.id, p.visit_id, v.reference, p.name, v.state FROM sl_participant p JOIN sl_visit v ON v.id = p.visit_id
                WHERE p.email = ? ORDER BY v.date_from, p.id""")
                .param(email)
                .query((rs, n) -> new Person(rs.getLong("id"), rs.getLong("visit_id"), rs.getString("reference"),
                        rs.getString("name"), !List.of("CLOSED", "CANCELLED").contains(rs.getString("state"))))
                .list();
    }

    List<Request> requestsByEmail(String email) {
        return jdbc.sql("SELECT id, state, visit_id FROM sl_visit_request WHERE contact_email = ? ORDER BY id")
                .param(email)
                .query((rs, n) -> new Request(rs.getLong("id"), rs.getString("state"), rs.getObject("visit_id", Long.class)))
                .list();
    }

    /** Counts of what one guest left in a visit, before it is erased. */
    record Erased(int tokens, int intakes, int evaluations, int posts, int comments, int emails) {
    }

    Erased erasePerson(Person person, String email, Instant at) {
        long id = person.participantId();
        Timestamp now = Timestamp.from(at);
        int tokens = jdbc.sql("DELETE FROM sl_access_token WHERE participant_id = ?").param(id).update();
        int intakes = jdbc.sql("UPDATE sl_intake SET goals_and_purpose = '', improvement_work = '', erased_at = ? "
                + "WHERE participant_id = ? AND erased_at IS NULL").params(now, id).update();
        int evaluations = jdbc.sql("UPDATE sl_evaluation SET went_well = NULL, to_improve = NULL, erased_at = ? "
                + "WHERE participant_id = ? AND erased_at IS NULL").params(now, id).update();
        jdbc.sql("UPDATE sl_late_answer SET first_text = NULL, second_text = NULL, erased_at = ? "
                + "WHERE participant_id = ? AND erased_at IS NULL").params(now, id).update();
        jdbc.sql("DELETE FROM sl_blog_attachment WHERE post_id IN (SELECT id FROM sl_blog_post WHERE author_participant_id = ?)")
                .param(id).update();
        int posts = jdbc.sql("UPDATE sl_blog_post SET title = NULL, body_html = '', author_name = ?, erased_at = ? "
                + "WHERE author_participant_id = ? AND erased_at IS NULL").params(PLACEHOLDER, now, id).update();
        int comments = jdbc.sql("UPDATE sl_blog_comment SET body_html = '', author_name = ?, erased_at = ? "
                + "WHERE author_participant_id = ? AND erased_at IS NULL").params(PLACEHOLDER, now, id).update();
        jdbc.sql("UPDATE sl_blog_view SET viewer = NULL WHERE visit_id = ? AND viewer_kind = 'GUEST' AND viewer = ?")
                .params(person.visitId(), String.valueOf(id)).update();
        scrubNamesInAudit(person.visitId(), List.of(person.name()));
        int emails = jdbc.sql("""
                UPDATE sl_email SET recipient = 'anonymiserad@invalid', subject = '', body_text = '', body_html = '',
                       calendar_ics = NULL, last_error = NULL,
                       idempotency_key = CONCAT('erased:', CAST(id AS VARCHAR(20))), erased_at = ?
                WHERE visit_id = ? AND recipient = ?""").params(now, person.visitId(), email).update();
        jdbc.sql("""
                UPDATE sl_participant SET name = ?, email = CONCAT('anonymiserad-', CONCAT(CAST(id AS VARCHAR(20)), '@invalid')),
                       anonymised_at = ?
                WHERE id = ?""").params(PLACEHOLDER, now, id).update();
        TransactionReadCache.clear(); // the participant's name and address changed
        return new Erased(tokens, intakes, evaluations, posts, comments, emails);
    }

    /** A practice follow-up a member of staff answered. */
    record FollowUp(long visitId, String reference) {
    }

    List<FollowUp> followUpsAnsweredBy(String userId) {
        return jdbc.sql("""
                SELECT f.visit_id, v.reference FROM sl_practice_follow_up f JOIN sl_visit v ON v.id = f.visit_id
                WHERE f.answered_by = ? ORDER BY v.date_from, v.id""")
                .param(userId).query((rs, n) -> new FollowUp(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * A host's answer on whether the practice was introduced: its free text, who answered, and the blog post made
     * of it are blanked; whether it was introduced (the measure) stays.
     */
    void eraseFollowUpAnswer(FollowUp followUp, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.sql("""
                UPDATE sl_blog_post SET title = NULL, body_html = '', author_name = ?, erased_at = ?
                WHERE visit_id = ? AND kind = 'PRACTICE_FOLLOW_UP' AND erased_at IS NULL""")
                .params(PLACEHOLDER, now, followUp.visitId()).update();
        jdbc.sql("""
                UPDATE sl_practice_follow_up SET what_was_introduced = NULL, effect = NULL, obstacles = NULL,
                       answered_by = ?, erased_at = COALESCE(erased_at, ?)
                WHERE visit_id = ?""").params(PLACEHOLDER, now, followUp.visitId()).update();
    }

    int eraseEmailsWithoutVisitTo(String email, Instant at) {
        return eraseEmails("visit_id IS NULL AND recipient = ?", email, at);
    }

    // ---- contact people in the partner register ----

    /** A contact person in the partner register, found by email address. */
    record ContactPerson(long id, long partnerId, String organisation) {
    }

    List<ContactPerson> contactsByEmail(String email) {
        return jdbc.sql("""
                SELECT c.id, c.partner_id, p.name FROM sl_partner_contact c JOIN sl_partner p ON p.id = c.partner_id
                WHERE c.email = ? AND c.anonymised_at IS NULL ORDER BY c.id""")
                .param(email)
                .query((rs, n) -> new ContactPerson(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("name")))
                .list();
    }

    /**
     * A contact person whose visits have all ended, with what their retention is counted from: the end of their last
     * visit (or when they were added, without visits) and when their choice to be contacted again was last made.
     */
    record ContactDue(long id, boolean competenceFriend, Instant lastActivity) {
    }

    /** Contact people (not anonymised) with no running visit, whose last activity is at or before the cutoff. */
    List<ContactDue> contactsInactiveSince(Instant cutoff) {
        return jdbc.sql("""
                SELECT x.id, x.contact_again, x.consent_at, COALESCE(x.last_ended, x.created_at) AS last_activity FROM (
                    SELECT c.id, c.contact_again, c.consent_at, c.created_at,
                           (SELECT MAX(COALESCE(v.closed_at, v.cancelled_at, v.registered_at)) FROM sl_participant g
                            JOIN sl_visit v ON v.id = g.visit_id WHERE g.contact_id = c.id) AS last_ended,
                           (SELECT COUNT(*) FROM sl_participant g JOIN sl_visit v ON v.id = g.visit_id
                            WHERE g.contact_id = c.id AND v.state NOT IN ('CLOSED', 'CANCELLED')) AS open_visits
                    FROM sl_partner_contact c WHERE c.anonymised_at IS NULL) x
                WHERE x.open_visits = 0 AND COALESCE(x.last_ended, x.created_at) <= ? ORDER BY x.id""")
                .param(Timestamp.from(cutoff))
                .query((rs, n) -> {
                    Instant last = rs.getTimestamp("last_activity").toInstant();
                    Timestamp consentAt = rs.getTimestamp("consent_at");
                    if (consentAt != null && consentAt.toInstant().isAfter(last)) {
                        last = consentAt.toInstant();
                    }
                    return new ContactDue(rs.getLong("id"), Boolean.TRUE.equals(rs.getObject("contact_again", Boolean.class)),
                            last);
                })
                .list();
    }

    /** Name, address and role replaced; the row stays (a visit's guests still point at it), marked anonymised. */
    int anonymiseContact(long contactId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_partner_contact SET name = ?,
                       email = CONCAT('anonymiserad-kontakt-', CONCAT(CAST(id AS VARCHAR(20)), '@invalid')),
                       role_title = NULL, anonymised_at = ?
                WHERE id = ? AND anonymised_at IS NULL""")
                .params(PLACEHOLDER, Timestamp.from(at), contactId).update();
    }

    // ---- shared ----

    private int eraseEmails(String where, Object param, Instant at) {
        return jdbc.sql("""
                UPDATE sl_email SET recipient = 'anonymiserad@invalid', subject = '', body_text = '', body_html = '',
                       calendar_ics = NULL, last_error = NULL,
                       idempotency_key = CONCAT('erased:', CAST(id AS VARCHAR(20))), erased_at = ?
                WHERE erased_at IS NULL AND\s""" + where)
                .params(Timestamp.from(at), param).update();
    }

    private int anonymiseRequests(String where, Object param, Instant at) {
        return jdbc.sql("""
                UPDATE sl_visit_request SET contact_name = ?,
                       contact_email = CONCAT('anonymiserad-req-', CONCAT(CAST(id AS VARCHAR(20)), '@invalid')),
                       what_to_see = '', preferred_periods = '', answer = NULL, anonymised_at = ?
                WHERE anonymised_at IS NULL AND\s""" + where)
                .params(PLACEHOLDER, Timestamp.from(at), param).update();
    }

    /** A data-protection action in the audit log, for the privacy page. */
    record Action(Instant at, String reference, String actor, String action, String detail) {
    }

    List<Action> recentActions(int limit) {
        return jdbc.sql("""
                SELECT a.occurred_at, v.reference, a.actor, a.action, a.detail FROM sl_audit_event a
                LEFT JOIN sl_visit v ON v.id = a.visit_id
                WHERE a.action IN ('RETENTION_APPLIED', 'PERSON_ERASED', 'REGISTER_EXTRACT')
                ORDER BY a.occurred_at DESC, a.id DESC
                FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .query((rs, n) -> new Action(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }
}
