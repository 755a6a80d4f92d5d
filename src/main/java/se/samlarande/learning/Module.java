package se.samlarande.learning;

import java.util.List;

import se.samlarande.library.LibraryEntry;

/**
 * A module of a learning package: its goal, the library entries it quotes (only those visible now: with consent and
 * published), questions for a workshop and evaluation questions, one a line.
 *
 * @param unavailable how many chosen entries are no longer visible in the library (not shown, not quoted)
 */
public record Module(long id, int position, String title, String goal, List<String> workshopQuestions,
        List<String> evaluationQuestions, List<LibraryEntry> entries, int unavailable) {

    /** The questions as typed, one a line, for the edit form. */
    public String workshopText() {
        return String.join("\n", workshopQuestions);
    }

    public String evaluationText() {
        return String.join("\n", evaluationQuestions);
    }
}
