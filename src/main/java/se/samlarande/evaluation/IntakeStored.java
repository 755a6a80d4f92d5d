package se.samlarande.evaluation;

import java.time.Instant;

import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;

/**
 * Published in the transaction that stores a guest's intake (the first one, a correction, or one staff recorded on
 * the guest's behalf), so what is built from it (the library of good examples) follows. It carries the visit, the
 * guest and the answer as the transaction read and stored them, so a listener need not read them again.
 *
 * @param intake the answer as stored (its texts); for a correction, the corrected texts
 * @param libraryConsentAt when the guest agreed to publication in the region's library; null without consent
 */
public record IntakeStored(Visit visit, Participant guest, Intake intake, Instant libraryConsentAt) {
}
