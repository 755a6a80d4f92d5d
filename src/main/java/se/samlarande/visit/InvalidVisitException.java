package se.samlarande.visit;

/** Input that cannot make a valid visit; the message is meant for the person who typed it. */
public class InvalidVisitException extends RuntimeException {

    public InvalidVisitException(String message) {
        super(message);
    }
}
