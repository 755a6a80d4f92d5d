package se.samlarande.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * An answer a guest sent after the process had moved on, kept for the coordinator. {@code texts}: for an intake
 * the goals and purpose and the improvement work, for an evaluation what went well and what could be better (blank
 * once erased); {@code score} only for an evaluation.
 */
public record LateAnswer(long participantId, Kind kind, Instant receivedAt, Integer score, List<String> texts) {

    public enum Kind {
        /** A correction of an intake the host had already taken up for review. */
        INTAKE_CORRECTION,
        /** A first intake once the visit was confirmed, hosted or closed. */
        INTAKE,
        /** An evaluation after its deadline passed or the visit closed. */
        EVALUATION
    }
}
