package se.samlarande.process;

import se.samlarande.visit.InvalidVisitException;

/** Free text from a task form: trimmed, bounded, empty as null. */
final class FormText {

    static final int MAX = 4000;

    private FormText() {
    }

    static String optional(String value, String label) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() > MAX) {
            throw new InvalidVisitException(label + " får vara högst " + MAX + " tecken.");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    static String required(String value, String label) {
        String text = optional(value, label);
        if (text == null) {
            throw new InvalidVisitException(label + " måste fyllas i.");
        }
        return text;
    }
}
