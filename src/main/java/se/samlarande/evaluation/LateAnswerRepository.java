package se.samlarande.evaluation;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sl_late_answer}. */
@Repository
class LateAnswerRepository {

    private final JdbcClient jdbc;

    LateAnswerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long visitId, LateAnswer answer) {
        jdbc.sql("""
                INSERT INTO sl_late_answer (visit_id, participant_id, kind, received_at, score, first_text, second_text)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(visitId, answer.participantId(), answer.kind().name(), Timestamp.from(answer.receivedAt()),
                        answer.score(), answer.texts().get(0), answer.texts().get(1))
                .update();
    }

    /** Whether the guest's latest kept answer of this kind is this one (a second click sending it again). */
    boolean latestIs(long participantId, LateAnswer.Kind kind, Integer score, List<String> texts) {
        return jdbc.sql("""
                SELECT score, first_text, second_text FROM sl_late_answer WHERE participant_id = ? AND kind = ?
                ORDER BY id DESC""")
                .params(participantId, kind.name())
                .query((rs, n) -> Objects.equals(score, rs.getObject("score", Integer.class))
                        && texts.equals(Arrays.asList(rs.getString("first_text"), rs.getString("second_text"))))
                .list().stream().findFirst().orElse(false);
    }

    List<LateAnswer> findByVisit(long visitId) {
        return jdbc.sql("""
                SELECT participant_id, kind, received_at, score, first_text, second_text FROM sl_late_answer
                WHERE visit_id = ? ORDER BY received_at, id""")
                .param(visitId)
                .query((rs, n) -> new LateAnswer(rs.getLong("participant_id"), LateAnswer.Kind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("received_at").toInstant(), rs.getObject("score", Integer.class),
                        Arrays.asList(rs.getString("first_text"), rs.getString("second_text"))))
                .list();
    }
}
