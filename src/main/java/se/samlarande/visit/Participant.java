package se.samlarande.visit;

/** A guest invited to a visit. */
public record Participant(long id, long visitId, ParticipantRole role, String name, String email, Language language) {
}
