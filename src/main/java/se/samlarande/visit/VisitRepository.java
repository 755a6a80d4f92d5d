package se.samlarande.visit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.system.TransactionReadCache;

/** {@code sl_visit}, {@code sl_participant}, {@code sl_hosting_report} and the reference counter. */
@Repository
class VisitRepository {

    private static final String VISIT_COLUMNS = "id, reference, host_unit, topic, date_from, date_to, guest_organisation, "
            + "partner_level, state, intake_deadline, programme, cancel_reason, registered_by, registered_at, closed_at, "
            + "direction";
    private static final String VISIT_COLUMNS_OF_V = VISIT_COLUMNS.replaceAll("(\\w+)", "v.$1");

    /** The keys of a visit and of its participants in what a transaction keeps of its reads ({@link TransactionReadCache}). */
    private record VisitOf(long visitId) {
    }

    private record ParticipantsOf(long visitId) {
    }

    private record CalendarSequenceOf(long visitId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    VisitRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The next number in the year's series, taken in a short transaction of its own, as a database sequence hands out
     * numbers: unique and increasing, and no registration waits for another's to commit (the counter row's lock is
     * held only for the increment). A registration that fails after taking its number leaves that number unused.
     * The first registration of a year creates the row (in a transaction of its own too); two first registrations at
     * the same moment do not both insert it: the loser's duplicate key is harmless, and both then increment it.
     */
    int nextReferenceNumber(int year) {
        Integer number = ownTransaction.execute(status -> takeNumber(year));
        if (number == null) {
            createCounter(year);
            number = ownTransaction.execute(status -> takeNumber(year));
        }
        return number;
    }

    /** The counter incremented and read, or null if the year has no counter yet. */
    private Integer takeNumber(int year) {
        int updated = jdbc.sql("UPDATE sl_reference_counter SET last_number = last_number + 1 WHERE counter_year = ?")
                .param(year).update();
        return updated == 0 ? null : jdbc.sql("SELECT last_number FROM sl_reference_counter WHERE counter_year = ?")
                .param(year).query(Integer.class).single();
    }

    private void createCounter(int year) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc
                    .sql("INSERT INTO sl_reference_counter (counter_year, last_number) VALUES (?, 0)").param(year).update());
        } catch (DuplicateKeyException e) {
            // another registration created the year's counter first
        }
    }

    long insertVisit(String reference, VisitRegistration r, VisitState state, Instant registeredAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_visit (reference, host_unit, topic, date_from, date_to, guest_organisation, partner_level,
                                      state, registered_by, registered_at, direction)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(reference, r.hostUnit(), r.topic(), r.dateFrom(), r.dateTo(), r.guestOrganisation(),
                        r.partnerLevel().name(), state.name(), r.registeredBy(), Timestamp.from(registeredAt),
                        (r.direction() == null ? VisitDirection.INCOMING : r.direction()).name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long insertParticipant(long visitId, ParticipantRole role, String name, String email, Language language, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_participant (visit_id, role, name, email, language, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(visitId, role.name(), name, email, language.name(), Timestamp.from(at))
                .update(keys, "id");
        TransactionReadCache.evict(new ParticipantsOf(visitId));
        return keys.getKey().longValue();
    }

    void setInvitedBy(long participantId, long invitedBy) {
        jdbc.sql("UPDATE sl_participant SET invited_by = ? WHERE id = ?").params(invitedBy, participantId).update();
    }

    long countInState(VisitState state) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_visit WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    /**
     * The visit, read in one statement with its participants and its calendar sequence, which a transaction that
     * reads the visit mostly reads next (an email's recipients and calendar part, a task's overview): all three are
     * kept for the transaction ({@link TransactionReadCache}).
     */
    Optional<Visit> findById(long id) {
        return TransactionReadCache.get(new VisitOf(id), () -> readWithParticipants(id));
    }

    private Optional<Visit> readWithParticipants(long id) {
        List<Participant> participants = new java.util.ArrayList<>();
        Visit[] visit = { null };
        int[] calendarSequence = { 0 };
        jdbc.sql("SELECT " + VISIT_COLUMNS_OF_V + ", v.calendar_sequence, p.id AS participant_id, "
                + "p.role, p.name, p.email, p.language FROM sl_visit v LEFT JOIN sl_participant p ON p.visit_id = v.id "
                + "WHERE v.id = ? ORDER BY p.id").param(id).query(rs -> {
                    if (visit[0] == null) {
                        visit[0] = mapVisit(rs, 0);
                        calendarSequence[0] = rs.getInt("calendar_sequence");
                    }
                    long participantId = rs.getLong("participant_id");
                    if (!rs.wasNull()) {
                        participants.add(participant(rs, participantId, id));
                    }
                });
        if (visit[0] != null) {
            TransactionReadCache.put(new ParticipantsOf(id), List.copyOf(participants));
            TransactionReadCache.put(new CalendarSequenceOf(id), calendarSequence[0]);
        }
        return Optional.ofNullable(visit[0]);
    }

    Optional<Visit> findByReference(String reference) {
        return jdbc.sql("SELECT " + VISIT_COLUMNS + " FROM sl_visit WHERE reference = ?").param(reference)
                .query(VisitRepository::mapVisit).optional();
    }

    List<Visit> findRecent(int limit) {
        return jdbc.sql("SELECT " + VISIT_COLUMNS + " FROM sl_visit ORDER BY date_from DESC, id DESC LIMIT ?")
                .param(limit).query(VisitRepository::mapVisit).list();
    }

    List<Participant> findParticipants(long visitId) {
        return TransactionReadCache.get(new ParticipantsOf(visitId), () -> List.copyOf(jdbc
                .sql("SELECT id, visit_id, role, name, email, language FROM sl_participant WHERE visit_id = ? ORDER BY id")
                .param(visitId).query(VisitRepository::mapParticipant).list()));
    }

    /** After a write of the visit's row: this transaction reads it again. */
    private static void changed(long visitId) {
        TransactionReadCache.evict(new VisitOf(visitId));
    }

    Optional<Participant> findParticipant(long participantId) {
        return jdbc.sql("SELECT id, visit_id, role, name, email, language FROM sl_participant WHERE id = ?")
                .param(participantId).query(VisitRepository::mapParticipant).optional();
    }

    private static Participant mapParticipant(ResultSet rs, int n) throws SQLException {
        return participant(rs, rs.getLong("id"), rs.getLong("visit_id"));
    }

    /** The participant in this row, whose id and visit the caller has read (under its own column names). */
    private static Participant participant(ResultSet rs, long id, long visitId) throws SQLException {
        return new Participant(id, visitId, ParticipantRole.valueOf(rs.getString("role")), rs.getString("name"),
                rs.getString("email"), Language.valueOf(rs.getString("language")));
    }

    void updateState(long visitId, VisitState state) {
        jdbc.sql("UPDATE sl_visit SET state = ? WHERE id = ?").params(state.name(), visitId).update();
        changed(visitId);
    }

    void updateIntakeDeadline(long visitId, Instant deadline) {
        jdbc.sql("UPDATE sl_visit SET intake_deadline = ? WHERE id = ?").params(Timestamp.from(deadline), visitId).update();
        changed(visitId);
    }

    void updateDates(long visitId, LocalDate from, LocalDate to) {
        jdbc.sql("UPDATE sl_visit SET date_from = ?, date_to = ? WHERE id = ?").params(from, to, visitId).update();
        changed(visitId);
    }

    void updateProgramme(long visitId, String programme, String plannedBy) {
        jdbc.sql("UPDATE sl_visit SET programme = ?, programme_planned_by = ? WHERE id = ?")
                .params(programme, plannedBy, visitId).update();
        changed(visitId);
    }

    Optional<String> findProgrammePlannedBy(long visitId) {
        return jdbc.sql("SELECT programme_planned_by FROM sl_visit WHERE id = ? AND programme_planned_by IS NOT NULL")
                .param(visitId).query(String.class).optional();
    }

    void cancel(long visitId, String reason, Instant at) {
        jdbc.sql("UPDATE sl_visit SET state = ?, cancel_reason = ?, cancelled_at = ? WHERE id = ?")
                .params(VisitState.CANCELLED.name(), reason, Timestamp.from(at), visitId).update();
        changed(visitId);
    }

    /** Raised whenever the visit's calendar events change, so clients take the next invitation as an update. */
    void incrementCalendarSequence(long visitId) {
        jdbc.sql("UPDATE sl_visit SET calendar_sequence = calendar_sequence + 1 WHERE id = ?").param(visitId).update();
        TransactionReadCache.evict(new CalendarSequenceOf(visitId));
    }

    int findCalendarSequence(long visitId) {
        return TransactionReadCache.get(new CalendarSequenceOf(visitId), () -> jdbc
                .sql("SELECT calendar_sequence FROM sl_visit WHERE id = ?").param(visitId)
                .query(Integer.class).optional().orElseThrow(() -> new VisitNotFoundException(String.valueOf(visitId))));
    }

    void close(long visitId, Instant at) {
        jdbc.sql("UPDATE sl_visit SET state = ?, closed_at = ? WHERE id = ?")
                .params(VisitState.CLOSED.name(), Timestamp.from(at), visitId).update();
        changed(visitId);
    }

    void saveHostingReport(long visitId, HostingReport report, Instant at) {
        jdbc.sql("DELETE FROM sl_hosting_report WHERE visit_id = ?").param(visitId).update();
        jdbc.sql("""
                INSERT INTO sl_hosting_report (visit_id, attendance, notes, shared_work, reported_by, reported_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(visitId, report.attendance(), report.notes(), report.sharedWork(), report.reportedBy(),
                        Timestamp.from(at))
                .update();
    }

    void saveHostingLibraryConsent(long visitId, String by, Instant at) {
        jdbc.sql("UPDATE sl_hosting_report SET library_consent_by = ?, library_consent_at = ? WHERE visit_id = ?")
                .params(by, at == null ? null : Timestamp.from(at), visitId).update();
    }

    Optional<HostingReport> findHostingReport(long visitId) {
        return jdbc.sql("SELECT attendance, notes, shared_work, reported_by FROM sl_hosting_report WHERE visit_id = ?")
                .param(visitId)
                .query((rs, n) -> new HostingReport(rs.getInt("attendance"), rs.getString("notes"),
                        rs.getString("shared_work"), rs.getString("reported_by")))
                .optional();
    }

    private static Visit mapVisit(ResultSet rs, int rowNum) throws SQLException {
        return new Visit(rs.getLong("id"), rs.getString("reference"), rs.getString("host_unit"), rs.getString("topic"),
                rs.getObject("date_from", LocalDate.class), rs.getObject("date_to", LocalDate.class),
                rs.getString("guest_organisation"), PartnerLevel.valueOf(rs.getString("partner_level")),
                VisitState.valueOf(rs.getString("state")), instant(rs, "intake_deadline"), rs.getString("programme"),
                rs.getString("cancel_reason"), rs.getString("registered_by"), instant(rs, "registered_at"),
                instant(rs, "closed_at"), VisitDirection.valueOf(rs.getString("direction")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
