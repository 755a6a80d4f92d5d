package se.samlarande.evaluation;

import java.time.Instant;

/**
 * A guest's pre-visit brief: goals and purpose, and the improvement work they will share; with the version of the
 * confidentiality commitment the guest accepted and when (none when staff recorded it on the guest's behalf).
 */
public record Intake(long participantId, String goalsAndPurpose, String improvementWork, String recordedBy,
        Instant receivedAt, Instant correctedAt, String confidentialityVersion, Instant confidentialityAcceptedAt) {

    Intake(long participantId, String goalsAndPurpose, String improvementWork, String recordedBy, Instant receivedAt) {
        this(participantId, goalsAndPurpose, improvementWork, recordedBy, receivedAt, null, null, null);
    }

    /** True when staff typed it in from a phone call or letter. */
    public boolean recordedOnBehalf() {
        return recordedBy != null;
    }
}
