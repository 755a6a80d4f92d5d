package se.samlarande.process;

/**
 * Text for the Markdown of a Camunda Form's text view. Tasklist renders a text view's template as Markdown (marked,
 * GitHub flavour, line breaks kept) and then as HTML, so anything typed by a guest, the public or staff would become
 * links, images, headings or HTML there. {@link #text(String)} makes such a value plain text for that renderer: every
 * ASCII punctuation character is backslash-escaped (a Markdown escape for each of them, which marked prints as the
 * character itself, HTML-escaped), so no tag, entity, link, autolink, e-mail address, emphasis, list, heading, quote,
 * table or rule can come out of it; leading spaces become no-break spaces (no code block); and the value is wrapped
 * in Unicode's first-strong isolate, so a right-to-left override typed in it cannot turn the text around it.
 * The overview's own structure (headings, bold labels) is written around the escaped values.
 */
final class FormMarkdown {

    /** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the value's direction stays inside it. */
    private static final char ISOLATE = '\u2068';
    private static final char POP_ISOLATE = '\u2069';
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private FormMarkdown() {
    }

    /** The value as text, never markup; an absent value as an empty string. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String plain = value.toString().replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder md = new StringBuilder(plain.length() + 16).append(ISOLATE);
        boolean lineStart = true;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '\n') {
                md.append(c);
                lineStart = true;
                continue;
            }
            if (lineStart && (c == ' ' || c == '\t')) {
                md.append('\u00A0');
                continue;
            }
            lineStart = false;
            if (PUNCTUATION.indexOf(c) >= 0) {
                md.append('\\');
            }
            md.append(c);
        }
        return md.append(POP_ISOLATE).toString();
    }

    /**
     * Markdown that fits a string variable (the engine stores at most {@value #MAX_VARIABLE} characters of one): a
     * longer one is cut at the last paragraph that fits (or, when that would leave less than half, at the last space),
     * followed by {@code note}, which says where the rest is. A space is never escaped, so no escape is cut in two.
     */
    static String bounded(String markdown, String note) {
        if (markdown.length() <= MAX_VARIABLE) {
            return markdown;
        }
        String ending = "\n\n" + note + "\n";
        int budget = MAX_VARIABLE - ending.length() - 2;
        int cut = markdown.lastIndexOf("\n\n", budget);
        if (cut < budget / 2) {
            cut = Math.max(markdown.lastIndexOf(' ', budget), 0);
            return markdown.substring(0, cut) + "…" + POP_ISOLATE + ending;
        }
        return markdown.substring(0, cut) + ending;
    }

    /** The length of a string variable's text column in the engine's schema ({@code TEXT_}, VARCHAR(4000)). */
    static final int MAX_VARIABLE = 4000;
}
