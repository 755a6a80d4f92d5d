package se.samlarande.visit;

/**
 * Published (synchronously, inside the registration's transaction) when a visit and its contact guest are stored, so
 * that other features can link the visit to what they keep about it without the visit knowing them.
 */
public record VisitRegistered(long visitId) {
}
