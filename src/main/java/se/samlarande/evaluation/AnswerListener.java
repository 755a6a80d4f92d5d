package se.samlarande.evaluation;

/** Told when an answer has been stored, so whatever waits for it (the process) can move on. */
public interface AnswerListener {

    /** @return true if something was waiting for this intake; false if it arrived after the process moved on */
    boolean intakeReceived(String visitReference, long participantId);

    /** @return true if something was waiting for this evaluation */
    boolean evaluationReceived(String visitReference, long participantId);

    /** True once the host has taken the intake up for review: from then on guests can no longer correct it. */
    boolean intakeReviewStarted(String visitReference);
}
