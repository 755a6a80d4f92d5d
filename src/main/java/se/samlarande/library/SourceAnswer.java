package se.samlarande.library;

import java.time.Instant;

import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * What one answer gives the library: the entry's text as first derived from it, who it credits, and the consent it
 * came with ({@code consentAt} null: none). One per source ({@code sourceKey}).
 */
record SourceAnswer(long visitId, LibrarySource source, String sourceKey, Long participantId, String title,
        String summary, String content, String details, String context, String organisation, PartnerLevel level,
        Language language, String consentBy, Instant consentAt, Long sharerParticipantId, String sharerUserId,
        String sharerName) {
}
