package se.samlarande.blog;

/**
 * Input the blog refuses, with a message key ({@code blog.error.*} in {@code messages*.properties}) the page shows
 * in its reader's language, next to the field it concerns.
 */
public class BlogInputException extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] arguments;

    BlogInputException(String field, String messageKey, Object... arguments) {
        super(messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    /** The form field the message belongs to ({@code text}, {@code title}, {@code images}, ...). */
    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments;
    }
}
