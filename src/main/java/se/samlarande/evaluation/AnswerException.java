package se.samlarande.evaluation;

/** An answer that cannot be stored as given; the message is meant for the person who gave it. */
public class AnswerException extends RuntimeException {

    public AnswerException(String message) {
        super(message);
    }
}
