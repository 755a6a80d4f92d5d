package se.samlarande.library;

/** Where an entry comes from: each answer that shares improvement work gives one entry. */
public enum LibrarySource {
    /** A guest's intake: the improvement work to share (content), with the goals and purpose of the visit (context). */
    INTAKE,
    /** The host's report: what was shared (content), the host's notes (details), the visit's programme (context). */
    HOSTING,
    /** The summary meeting: what was learned (content) and what will be introduced in practice (details). */
    SUMMARY;

    String key(long id) {
        return name() + ":" + id;
    }
}
