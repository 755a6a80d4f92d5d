package se.samlarande.notification;

/**
 * An iCalendar object sent with an email: {@code method} is its iTIP method ({@code REQUEST} to add or update
 * events, {@code CANCEL} to cancel them), {@code ics} the text of the {@code .ics} file.
 */
public record CalendarPart(String method, String ics) {

    public static final String REQUEST = "REQUEST";
    public static final String CANCEL = "CANCEL";

    /** The MIME type of the part; mail clients look for the method here, not only inside the file. */
    public String contentType() {
        return "text/calendar; method=" + method + "; charset=UTF-8";
    }
}
