package se.samlarande.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * A visit's audit trail: who did what and when, from the engine's history (the process started, tasks completed,
 * claims, variables changed, job retries, messages, incidents) and the app's own records (emails, answers received,
 * blog posts and comments hidden, the audit log of staff actions), merged and sorted by time.
 */
@Service
public class AuditTrail {

    /** Where a line comes from: the engine's history or the app's own tables. */
    public enum Source { PROCESS, APP }

    /**
     * One line of the trail.
     *
     * @param actor  who: a staff user id, a guest's name (then {@code guest} is true), or null for the system (a
     *               timer, a job, the process itself)
     * @param action a stable code (TASK_COMPLETED, EMAIL, INTAKE_RECEIVED, VISIT_RESCHEDULED...)
     * @param detail what it was about, in the language the records were written in
     */
    public record Entry(Instant at, String actor, boolean guest, Source source, String action, String detail) {
    }

    private final VisitService visits;
    private final AuditLog auditLog;
    private final ProcessHistory history;
    private final JdbcClient jdbc;

    AuditTrail(VisitService visits, AuditLog auditLog, ProcessHistory history, JdbcClient jdbc) {
        this.visits = visits;
        this.auditLog = auditLog;
        this.history = history;
        this.jdbc = jdbc;
    }

    /** The visit, for the page's heading; throws {@code VisitNotFoundException} for an unknown reference. */
    public Visit visit(String reference) {
        return visits.getByReference(reference);
    }

    @Transactional(readOnly = true)
    public List<Entry> of(Visit visit) {
        long id = visit.id();
        Map<Long, String> names = visits.guests(id).stream()
                .collect(Collectors.toMap(Participant::id, Participant::name));
        List<Entry> entries = new ArrayList<>();

        history.trail(visit.reference()).forEach(step -> entries.add(
                new Entry(step.at(), step.actor(), false, Source.PROCESS, step.action(), step.detail())));

        jdbc.sql("""
                SELECT kind, recipient, state, created_at, sent_at, attempts, last_error FROM sl_email
                WHERE visit_id = ? ORDER BY created_at, id""").param(id)
                .query((rs, n) -> {
                    Timestamp sent = rs.getTimestamp("sent_at");
                    String error = rs.getString("last_error");
                    return new Entry((sent != null ? sent : rs.getTimestamp("created_at")).toInstant(), null, false,
                            Source.APP, "EMAIL", rs.getString("kind") + " → " + rs.getString("recipient") + " ("
                                    + rs.getString("state") + (rs.getInt("attempts") > 1 ? ", " + rs.getInt("attempts") + " försök" : "")
                                    + (error != null && sent == null ? ": " + error : "") + ")");
                })
                .list().forEach(entries::add);

        jdbc.sql("SELECT participant_id, recorded_by, received_at, updated_at FROM sl_intake WHERE visit_id = ?").param(id)
                .query((rs, n) -> {
                    String guest = names.get(rs.getLong("participant_id"));
                    String recordedBy = rs.getString("recorded_by");
                    entries.add(answer(rs.getTimestamp("received_at").toInstant(), recordedBy, guest, "INTAKE_RECEIVED",
                            recordedBy == null ? guest : guest + " (per telefon eller brev)"));
                    Timestamp corrected = rs.getTimestamp("updated_at");
                    if (corrected != null) {
                        entries.add(answer(corrected.toInstant(), null, guest, "INTAKE_CORRECTED", guest));
                    }
                    return null;
                })
                .list();

        jdbc.sql("SELECT participant_id, respondent, score, recorded_by, received_at FROM sl_evaluation WHERE visit_id = ?")
                .param(id)
                .query((rs, n) -> {
                    Long participant = rs.getObject("participant_id", Long.class);
                    String recordedBy = rs.getString("recorded_by");
                    String who = participant == null ? "värden" : names.get(participant);
                    String detail = who + ": betyg " + rs.getInt("score")
                            + (recordedBy != null && participant != null ? " (per telefon eller brev)" : "");
                    return answer(rs.getTimestamp("received_at").toInstant(), recordedBy, participant == null ? null : who,
                            "EVALUATION_RECEIVED", detail);
                })
                .list().forEach(entries::add);

        jdbc.sql("SELECT purpose_met, recorded_by, recorded_at FROM sl_summary WHERE visit_id = ? AND recorded_at IS NOT NULL")
                .param(id)
                .query((rs, n) -> new Entry(rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"),
                        false, Source.APP, "SUMMARY_RECORDED", "Syftet uppnått: " + rs.getString("purpose_met")))
                .list().forEach(entries::add);

        List<AuditEvent> logged = auditLog.forVisit(id);
        for (AuditEvent event : logged) {
            boolean guest = event.actor().startsWith("guest:");
            String actor = guest ? names.getOrDefault(parseId(event.actor()), event.actor())
                    : AuditEvent.SYSTEM.equals(event.actor()) ? null : event.actor();
            entries.add(new Entry(event.occurredAt(), actor, guest, Source.APP, event.action(), event.detail()));
        }

        entries.sort(Comparator.comparing(Entry::at).thenComparingInt(AuditTrail::rank));
        return entries;
    }

    /**
     * Within one instant (a transaction writes its records with one clock reading), causes before consequences: the
     * start first, then what a person did (an answer, a staff action), claims before completions, then what the
     * engine did and the emails it sent, the end last.
     */
    private static int rank(Entry entry) {
        return switch (entry.action()) {
            case "PROCESS_STARTED" -> 0;
            case "TASK_CLAIMED", "TASK_ASSIGNED" -> 2;
            case "TASK_COMPLETED" -> 3;
            case "EMAIL" -> 5;
            case "INCIDENT", "INCIDENT_RESOLVED" -> 6;
            case "PROCESS_ENDED" -> 9;
            default -> entry.source() == Source.APP ? 1 : 4;
        };
    }

    private static Entry answer(Instant at, String recordedBy, String guest, String action, String detail) {
        return recordedBy != null ? new Entry(at, recordedBy, false, Source.APP, action, detail)
                : new Entry(at, guest, guest != null, Source.APP, action, detail);
    }

    private static Long parseId(String actor) {
        try {
            return Long.parseLong(actor.substring(actor.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
