package se.samlarande.blog;

/**
 * A post written by a person, a milestone the process posts, the approved summary that closes the visit, or the
 * host's answer, months later, on whether the planned practice was introduced.
 */
public enum PostKind {
    POST, MILESTONE, SUMMARY, PRACTICE_FOLLOW_UP
}
