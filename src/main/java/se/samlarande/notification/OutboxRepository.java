package se.samlarande.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code sl_email}. */
@Repository
class OutboxRepository {

    private static final String COLUMNS = "id, idempotency_key, visit_id, kind, recipient, language, subject, body_text, "
            + "body_html, state, attempts, last_error, created_at, sent_at, calendar_method, calendar_ics";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Email> findByKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sl_email WHERE idempotency_key = ?").param(key)
                .query(OutboxRepository::map).optional();
    }

    Optional<Email> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sl_email WHERE id = ?").param(id)
                .query(OutboxRepository::map).optional();
    }

    List<Email> findRecent(Long visitId, int limit) {
        var spec = visitId == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM sl_email ORDER BY created_at DESC, id DESC LIMIT ?").param(limit)
                : jdbc.sql("SELECT " + COLUMNS + " FROM sl_email WHERE visit_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                        .param(visitId).param(limit);
        return spec.query(OutboxRepository::map).list();
    }

    /**
     * Writes the draft in the given state (PENDING before delivery; RECORDED, done at once, without an SMTP server)
     * and returns it as stored, without reading it back.
     */
    Email insert(Outbox.Draft draft, EmailState state, Instant now) {
        boolean done = state != EmailState.PENDING;
        CalendarPart calendar = draft.calendar();
        MailContent content = draft.content();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_email (idempotency_key, visit_id, kind, recipient, language, subject, body_text, body_html,
                                      calendar_method, calendar_ics, state, attempts, created_at, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(draft.idempotencyKey(), draft.visitId(), draft.kind().name(), draft.recipient(),
                        draft.language(), content.subject(), content.text(), content.html(),
                        calendar == null ? null : calendar.method(), calendar == null ? null : calendar.ics(),
                        state.name(), done ? 1 : 0, Timestamp.from(now), done ? Timestamp.from(now) : null)
                .update(id, "id");
        return new Email(id.getKeyAs(Number.class).longValue(), draft.idempotencyKey(), draft.visitId(), draft.kind(),
                draft.recipient(), draft.language(), content.subject(), content.text(), content.html(), state,
                done ? 1 : 0, null, now, done ? now : null, calendar);
    }

    /**
     * Whether the recipient was sent a calendar invitation (REQUEST) with one of these kinds of email for the
     * visit. Any row counts, delivered or not: a cancellation of an event the recipient never got is harmless,
     * an event left standing in a calendar is not.
     */
    boolean hasCalendarRequest(long visitId, String recipient, Collection<MailKind> kinds) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM sl_email
                WHERE visit_id = :visit AND recipient = :recipient AND kind IN (:kinds) AND calendar_method = :method""")
                .param("visit", visitId).param("recipient", recipient)
                .param("kinds", kinds.stream().map(MailKind::name).toList()).param("method", CalendarPart.REQUEST)
                .query(Integer.class).single() > 0;
    }

    void markDone(long id, EmailState state, Instant at) {
        jdbc.sql("UPDATE sl_email SET state = ?, attempts = attempts + 1, last_error = NULL, sent_at = ? WHERE id = ?")
                .params(state.name(), Timestamp.from(at), id).update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("UPDATE sl_email SET state = ?, attempts = attempts + 1, last_error = ? WHERE id = ?")
                .params(EmailState.FAILED.name(), error, id).update();
    }

    long countInState(EmailState state) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    int countSent(long visitId) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE visit_id = ? AND state IN ('SENT', 'RECORDED')")
                .param(visitId).query(Integer.class).single();
    }

    /** An email's bodies, as stored. */
    record Bodies(long id, String text, String html) {
    }

    /** Up to {@code limit} emails after {@code afterId} whose bodies may hold a personal link ({@code /g/}). */
    List<Bodies> findBodiesWithLinks(long afterId, int limit) {
        return jdbc.sql("""
                SELECT id, body_text, body_html FROM sl_email
                WHERE id > ? AND (body_text LIKE '%/g/%' OR body_html LIKE '%/g/%') ORDER BY id LIMIT ?""")
                .params(afterId, limit)
                .query((rs, n) -> new Bodies(rs.getLong("id"), rs.getString("body_text"), rs.getString("body_html")))
                .list();
    }

    void updateBodies(Bodies bodies) {
        jdbc.sql("UPDATE sl_email SET body_text = ?, body_html = ? WHERE id = ?")
                .params(bodies.text(), bodies.html(), bodies.id()).update();
    }

    private static Email map(ResultSet rs, int n) throws SQLException {
        return new Email(rs.getLong("id"), rs.getString("idempotency_key"), (Long) rs.getObject("visit_id", Long.class),
                MailKind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("language"),
                rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
                EmailState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "sent_at"), calendar(rs));
    }

    private static CalendarPart calendar(ResultSet rs) throws SQLException {
        String method = rs.getString("calendar_method");
        return method == null ? null : new CalendarPart(method, rs.getString("calendar_ics"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
