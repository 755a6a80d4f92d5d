package se.samlarande.evaluation;

/**
 * Published in the transaction that stores an evaluation (a guest's, one staff recorded for a guest, or the host's),
 * so whatever shows the visit's answers (the open tasks' overviews) follows.
 */
public record EvaluationStored(long visitId) {
}
