package se.samlarande.library;

/** A title and a summary drawn from a text that people wrote, until a coordinator writes better ones. */
final class Excerpt {

    static final int TITLE = 120;
    static final int SUMMARY = 300;

    private Excerpt() {
    }

    /** The first sentence or line of the text, at most {@link #TITLE} characters, cut between words. */
    static String title(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String first = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        int end = sentenceEnd(first);
        String sentence = end > 0 ? first.substring(0, end) : first;
        if (sentence.endsWith(".") && !sentence.endsWith("..")) {
            sentence = sentence.substring(0, sentence.length() - 1);
        }
        return shorten(sentence, TITLE);
    }

    /** The beginning of the text, at most {@link #SUMMARY} characters, cut between words. */
    static String summary(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return shorten(text.strip().replaceAll("\\s+", " "), SUMMARY);
    }

    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).strip() + "…";
    }

    /** Where the first sentence ends (after its full stop, question or exclamation mark), or -1. */
    private static int sentenceEnd(String line) {
        for (int i = 0; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && Character.isWhitespace(line.charAt(i + 1)) && i > 10) {
                return c == '.' ? i : i + 1;
            }
        }
        return -1;
    }
}
