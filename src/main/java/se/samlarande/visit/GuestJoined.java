package se.samlarande.visit;

/** Published (synchronously, inside the same transaction) when a co-traveller is added to a visit. */
public record GuestJoined(long visitId, long participantId) {
}
