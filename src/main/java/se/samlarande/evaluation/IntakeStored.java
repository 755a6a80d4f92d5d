package se.samlarande.evaluation;

import java.time.Instant;

/**
 * Published in the transaction that stores a guest's intake (the first one, a correction, or one staff recorded on
 * the guest's behalf), so what is built from it (the library of good examples) follows.
 *
 * @param libraryConsentAt when the guest agreed to publication in the region's library; null without consent
 */
public record IntakeStored(long visitId, long participantId, Instant libraryConsentAt) {
}
