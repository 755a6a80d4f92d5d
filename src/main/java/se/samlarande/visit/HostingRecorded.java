package se.samlarande.visit;

import java.time.Instant;

/**
 * Published in the transaction that stores the host's report of a visit.
 *
 * @param libraryConsentBy the host who agreed to publication in the region's library; null without consent
 */
public record HostingRecorded(long visitId, String libraryConsentBy, Instant libraryConsentAt) {
}
