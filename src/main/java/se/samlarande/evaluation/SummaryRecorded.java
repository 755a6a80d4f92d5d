package se.samlarande.evaluation;

import java.time.Instant;

/**
 * Published in the transaction that stores the summary meeting's answers.
 *
 * @param libraryConsentBy the member of staff who agreed, for the meeting, to publication in the region's library;
 *                         null without consent
 */
public record SummaryRecorded(long visitId, String libraryConsentBy, Instant libraryConsentAt) {
}
