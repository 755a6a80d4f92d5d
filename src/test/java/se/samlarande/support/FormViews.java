package se.samlarande.support;

/** What staff read in a Camunda Form's text view, from the Markdown the app put in the task's overview. */
public final class FormViews {

    private FormViews() {
    }

    /** The overview's text with the app's escapes undone: each escaped punctuation mark as itself, no isolates. */
    public static String shown(Object markdown) {
        return markdown == null ? null : markdown.toString().replaceAll("\\\\(\\p{Punct})", "$1")
                .replace("\u2068", "").replace("\u2069", "").replace('\u00A0', ' ');
    }
}
