package se.samlarande.evaluation;

import java.time.Instant;

/** Published when the host has answered whether the visit's planned practice was introduced, and with what effect. */
public record PracticeFollowUpRecorded(long visitId, String introduced, String effect, Instant answeredAt) {
}
