package se.samlarande.blog;

import se.samlarande.audit.AuditEvent;

/**
 * Who writes: a member of staff (Camunda user id), a guest (participant id, signed with the name they chose) or the
 * process itself.
 */
public record Author(String userId, Long participantId, String name) {

    public static final String PROCESS_NAME = "Samlärande";

    public static Author staff(String userId, String displayName) {
        return new Author(userId, null, displayName == null || displayName.isBlank() ? userId : displayName);
    }

    public static Author guest(long participantId, String signature) {
        return new Author(null, participantId, signature);
    }

    public static Author process() {
        return new Author(null, null, PROCESS_NAME);
    }

    /** As the audit trail names an actor. */
    String actor() {
        return userId != null ? userId : participantId != null ? AuditEvent.guest(participantId) : AuditEvent.SYSTEM;
    }
}
