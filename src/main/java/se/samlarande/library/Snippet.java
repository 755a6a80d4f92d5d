package se.samlarande.library;

import java.util.ArrayList;
import java.util.List;

/**
 * A passage of an entry's text where a search matched, as parts: matched words ({@code mark}) and the text between.
 * Pages print each part as text, so nothing a person wrote is ever read as HTML.
 */
public final class Snippet {

    static final char OPEN = '\u0001';
    static final char CLOSE = '\u0002';

    /** One piece of a passage. */
    public record Part(String text, boolean mark) {
    }

    private Snippet() {
    }

    /** Splits a passage the highlighter marked with {@link #OPEN} and {@link #CLOSE}. */
    static List<Part> parts(String marked) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inMark = false;
        for (char c : marked.toCharArray()) {
            if (c == OPEN || c == CLOSE) {
                if (current.length() > 0) {
                    parts.add(new Part(current.toString(), inMark));
                    current.setLength(0);
                }
                inMark = c == OPEN;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            parts.add(new Part(current.toString(), inMark));
        }
        return parts;
    }
}
