package se.samlarande.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Records and reads {@code sl_audit_event}. Recording joins the caller's transaction, so the record and the act commit together. */
@Service
public class AuditLog {

    private static final int DETAIL_MAX = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Long visitId, String actor, String action, String detail) {
        String shortened = detail == null || detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX - 1) + "…";
        jdbc.sql("INSERT INTO sl_audit_event (visit_id, occurred_at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")
                .params(visitId, Timestamp.from(clock.instant()), actor == null ? AuditEvent.SYSTEM : actor, action, shortened)
                .update();
    }

    /** The visit's records, oldest first. */
    public List<AuditEvent> forVisit(long visitId) {
        return jdbc.sql("""
                SELECT id, visit_id, occurred_at, actor, action, detail FROM sl_audit_event
                WHERE visit_id = ? ORDER BY occurred_at, id""")
                .param(visitId)
                .query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getObject("visit_id", Long.class),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("action"),
                        rs.getString("detail")))
                .list();
    }
}
