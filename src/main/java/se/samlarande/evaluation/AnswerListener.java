package se.samlarande.evaluation;

/**
 * Told when an answer has been stored, so whatever waits for it (the process) can move on. Runs in the transaction
 * that stores the answer. When something else moved the same visit at the same moment (another node, a job), it
 * throws {@link org.springframework.dao.ConcurrencyFailureException}: the transaction is lost and may be tried again.
 */
public interface AnswerListener {

    /** @return true if something was waiting for this intake; false if it arrived after the process moved on */
    boolean intakeReceived(String visitReference, long participantId);

    /** @return true if something was waiting for this evaluation */
    boolean evaluationReceived(String visitReference, long participantId);

    /** True once the host has taken the intake up for review: from then on guests can no longer correct it. */
    boolean intakeReviewStarted(String visitReference);
}
