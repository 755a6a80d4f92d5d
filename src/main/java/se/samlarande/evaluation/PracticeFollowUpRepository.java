package se.samlarande.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sl_practice_follow_up}. */
@Repository
class PracticeFollowUpRepository {

    private final JdbcClient jdbc;

    PracticeFollowUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if the visit's follow-up was already planned (a retried close) */
    boolean insertIfAbsent(long visitId, Instant dueAt, Instant answerBy) {
        return jdbc.sql("""
                INSERT INTO sl_practice_follow_up (visit_id, due_at, answer_by)
                SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sl_practice_follow_up WHERE visit_id = ?)""")
                .params(visitId, Timestamp.from(dueAt), Timestamp.from(answerBy), visitId)
                .update() == 1;
    }

    /** @return false if it was no longer open (answered or closed unanswered): nothing changed */
    boolean answer(long visitId, PracticeFollowUp.Introduced introduced, String what, String effect, String obstacles,
            String answeredBy, Instant at) {
        return jdbc.sql("""
                UPDATE sl_practice_follow_up SET introduced = ?, what_was_introduced = ?, effect = ?, obstacles = ?,
                                                 answered_by = ?, answered_at = ?
                WHERE visit_id = ? AND answered_at IS NULL AND unanswered_at IS NULL""")
                .params(introduced.name(), what, effect, obstacles, answeredBy, Timestamp.from(at), visitId)
                .update() == 1;
    }

    boolean closeUnanswered(long visitId, Instant at) {
        return jdbc.sql("""
                UPDATE sl_practice_follow_up SET unanswered_at = ?
                WHERE visit_id = ? AND answered_at IS NULL AND unanswered_at IS NULL""")
                .params(Timestamp.from(at), visitId).update() == 1;
    }

    Optional<PracticeFollowUp> find(long visitId) {
        return jdbc.sql("""
                SELECT visit_id, due_at, answer_by, introduced, what_was_introduced, effect, obstacles, answered_by,
                       answered_at, unanswered_at
                FROM sl_practice_follow_up WHERE visit_id = ?""")
                .param(visitId).query(PracticeFollowUpRepository::map).optional();
    }

    private static PracticeFollowUp map(ResultSet rs, int n) throws SQLException {
        String introduced = rs.getString("introduced");
        return new PracticeFollowUp(rs.getLong("visit_id"), instant(rs, "due_at"), instant(rs, "answer_by"),
                introduced == null ? null : PracticeFollowUp.Introduced.valueOf(introduced),
                rs.getString("what_was_introduced"), rs.getString("effect"), rs.getString("obstacles"),
                rs.getString("answered_by"), instant(rs, "answered_at"), instant(rs, "unanswered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
