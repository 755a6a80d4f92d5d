package se.samlarande.library;

/**
 * Input the library or a learning package refuses: which field, and the message key (in {@code messages*.properties})
 * that says why, with its arguments, so the page tells it in its own language.
 */
public class LibraryInputException extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] arguments;

    public LibraryInputException(String field, String messageKey, Object... arguments) {
        super(messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
