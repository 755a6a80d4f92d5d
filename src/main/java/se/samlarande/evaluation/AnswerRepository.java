package se.samlarande.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.samlarande.system.TransactionReadCache;

/** {@code sl_intake}, {@code sl_evaluation} and {@code sl_summary}. */
@Repository
class AnswerRepository {

    private final JdbcClient jdbc;

    AnswerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insertIntakeIfAbsent(long visitId, Intake intake) {
        return jdbc.sql("""
                INSERT INTO sl_intake (visit_id, participant_id, goals_and_purpose, improvement_work, recorded_by, received_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sl_intake WHERE participant_id = ?)""")
                .params(visitId, intake.participantId(), intake.goalsAndPurpose(), intake.improvementWork(),
                        intake.recordedBy(), Timestamp.from(intake.receivedAt()), intake.participantId())
                .update() == 1;
    }

    /** Inserts a guest's first intake; a concurrent second one fails on the participant's unique key. */
    void insertIntake(long visitId, Intake intake, String confidentialityVersion, Instant libraryConsentAt) {
        jdbc.sql("""
                INSERT INTO sl_intake (visit_id, participant_id, goals_and_purpose, improvement_work, recorded_by, received_at,
                                       confidentiality_version, confidentiality_accepted_at, library_consent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(visitId, intake.participantId(), intake.goalsAndPurpose(), intake.improvementWork(),
                        intake.recordedBy(), Timestamp.from(intake.receivedAt()), confidentialityVersion,
                        Timestamp.from(intake.receivedAt()), timestamp(libraryConsentAt))
                .update();
    }

    void correctIntake(Intake intake, String confidentialityVersion, Instant at, Instant libraryConsentAt) {
        jdbc.sql("""
                UPDATE sl_intake SET goals_and_purpose = ?, improvement_work = ?, updated_at = ?,
                                     confidentiality_version = ?, confidentiality_accepted_at = ?, library_consent_at = ?
                WHERE participant_id = ?""")
                .params(intake.goalsAndPurpose(), intake.improvementWork(), Timestamp.from(at), confidentialityVersion,
                        Timestamp.from(at), timestamp(libraryConsentAt), intake.participantId())
                .update();
    }

    Optional<Instant> findLibraryConsent(long participantId) {
        return jdbc.sql("SELECT library_consent_at FROM sl_intake WHERE participant_id = ? AND library_consent_at IS NOT NULL")
                .param(participantId).query((rs, n) -> instant(rs, "library_consent_at")).optional();
    }

    void recordSummaryLibraryConsent(long visitId, String by, Instant at) {
        jdbc.sql("UPDATE sl_summary SET library_consent_by = ?, library_consent_at = ? WHERE visit_id = ?")
                .params(by, timestamp(at), visitId).update();
        TransactionReadCache.evict(new SummaryOf(visitId));
    }

    Optional<Intake> findIntake(long participantId) {
        return jdbc.sql("""
                SELECT participant_id, goals_and_purpose, improvement_work, recorded_by, received_at, updated_at,
                       confidentiality_version, confidentiality_accepted_at
                FROM sl_intake WHERE participant_id = ?""")
                .param(participantId).query(AnswerRepository::mapIntake).optional();
    }

    List<Intake> findIntakes(long visitId) {
        return jdbc.sql("""
                SELECT participant_id, goals_and_purpose, improvement_work, recorded_by, received_at, updated_at,
                       confidentiality_version, confidentiality_accepted_at
                FROM sl_intake WHERE visit_id = ? ORDER BY received_at, id""")
                .param(visitId).query(AnswerRepository::mapIntake).list();
    }

    boolean insertEvaluationIfAbsent(long visitId, Evaluation e) {
        if (e.participantId() == null) {
            jdbc.sql("""
                    INSERT INTO sl_evaluation (visit_id, participant_id, respondent, score, went_well, to_improve, recorded_by, received_at)
                    VALUES (?, NULL, ?, ?, ?, ?, ?, ?)""")
                    .params(visitId, e.respondent().name(), e.score(), e.wentWell(), e.toImprove(), e.recordedBy(),
                            Timestamp.from(e.receivedAt()))
                    .update();
            return true;
        }
        return jdbc.sql("""
                INSERT INTO sl_evaluation (visit_id, participant_id, respondent, score, went_well, to_improve, recorded_by, received_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sl_evaluation WHERE participant_id = ?)""")
                .params(visitId, e.participantId(), e.respondent().name(), e.score(), e.wentWell(), e.toImprove(),
                        e.recordedBy(), Timestamp.from(e.receivedAt()), e.participantId())
                .update() == 1;
    }

    List<Evaluation> findEvaluations(long visitId) {
        return jdbc.sql("""
                SELECT participant_id, respondent, score, went_well, to_improve, recorded_by, received_at
                FROM sl_evaluation WHERE visit_id = ? ORDER BY received_at, id""")
                .param(visitId)
                .query((rs, n) -> new Evaluation((Long) rs.getObject("participant_id", Long.class),
                        Evaluation.Respondent.valueOf(rs.getString("respondent")), rs.getInt("score"),
                        rs.getString("went_well"), rs.getString("to_improve"), rs.getString("recorded_by"),
                        instant(rs, "received_at")))
                .list();
    }

    void scheduleSummary(long visitId, Instant meetingAt, String place) {
        int updated = jdbc.sql("UPDATE sl_summary SET meeting_at = ?, meeting_place = ? WHERE visit_id = ?")
                .params(Timestamp.from(meetingAt), place, visitId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sl_summary (visit_id, meeting_at, meeting_place, publish_approved) VALUES (?, ?, ?, FALSE)")
                    .params(visitId, Timestamp.from(meetingAt), place).update();
        }
        TransactionReadCache.evict(new SummaryOf(visitId));
    }

    void recordSummaryAnswers(long visitId, Summary s, Instant at) {
        jdbc.sql("""
                UPDATE sl_summary SET purpose_met = ?, learned = ?, introduce_in_practice = ?, follow_up_actions = ?,
                                      publish_approved = ?, recorded_by = ?, recorded_at = ?
                WHERE visit_id = ?""")
                .params(s.purposeMet().name(), s.learned(), s.introduceInPractice(), s.followUpActions(),
                        s.publishApproved(), s.recordedBy(), Timestamp.from(at), visitId)
                .update();
        TransactionReadCache.evict(new SummaryOf(visitId));
    }

    Optional<Summary> findSummary(long visitId) {
        return TransactionReadCache.get(new SummaryOf(visitId), () -> jdbc.sql("""
                SELECT meeting_at, meeting_place, purpose_met, learned, introduce_in_practice, follow_up_actions,
                       publish_approved, recorded_by
                FROM sl_summary WHERE visit_id = ?""")
                .param(visitId)
                .query((rs, n) -> new Summary(instant(rs, "meeting_at"), rs.getString("meeting_place"),
                        rs.getString("purpose_met") == null ? null : Summary.PurposeMet.valueOf(rs.getString("purpose_met")),
                        rs.getString("learned"), rs.getString("introduce_in_practice"), rs.getString("follow_up_actions"),
                        rs.getBoolean("publish_approved"), rs.getString("recorded_by")))
                .optional());
    }

    /** The key of a visit's summary in what a transaction keeps of its reads ({@link TransactionReadCache}). */
    private record SummaryOf(long visitId) {
    }

    private static Intake mapIntake(ResultSet rs, int n) throws SQLException {
        return new Intake(rs.getLong("participant_id"), rs.getString("goals_and_purpose"),
                rs.getString("improvement_work"), rs.getString("recorded_by"), instant(rs, "received_at"),
                instant(rs, "updated_at"), rs.getString("confidentiality_version"),
                instant(rs, "confidentiality_accepted_at"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** The guest's choice in the intake: may others in the network contact them again? */
    int updateContactAgain(long participantId, boolean contactAgain) {
        return jdbc.sql("UPDATE sl_intake SET contact_again = ? WHERE participant_id = ?")
                .params(contactAgain, participantId).update();
    }

    Optional<Boolean> findContactAgain(long participantId) {
        return jdbc.sql("SELECT contact_again FROM sl_intake WHERE participant_id = ? AND contact_again IS NOT NULL")
                .param(participantId).query(Boolean.class).optional();
    }
}
