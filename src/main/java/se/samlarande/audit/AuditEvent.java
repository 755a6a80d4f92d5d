package se.samlarande.audit;

import java.time.Instant;

/**
 * One line of a visit's audit trail.
 *
 * @param actor  a Camunda user id, {@code guest:<participant id>} or {@code system}
 * @param action a stable code such as {@code POST_HIDDEN}
 * @param detail a short human-readable text, may be null
 */
public record AuditEvent(long id, Long visitId, Instant occurredAt, String actor, String action, String detail) {

    public static final String SYSTEM = "system";

    public static String guest(long participantId) {
        return "guest:" + participantId;
    }
}
