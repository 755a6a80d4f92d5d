package se.samlarande.evaluation;

import java.time.Instant;

/** A guest's pre-visit brief: goals and purpose, and the improvement work they will share. */
public record Intake(long participantId, String goalsAndPurpose, String improvementWork, String recordedBy,
        Instant receivedAt) {

    /** True when staff typed it in from a phone call or letter. */
    public boolean recordedOnBehalf() {
        return recordedBy != null;
    }
}
