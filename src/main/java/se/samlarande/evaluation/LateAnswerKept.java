package se.samlarande.evaluation;

/** A guest's late answer was kept (published after it is stored, in the storing transaction). */
public record LateAnswerKept(long visitId, long participantId) {
}
