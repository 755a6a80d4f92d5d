package se.samlarande.blog;

/** A post written by a person, a milestone the process posts, or the approved summary that closes the blog. */
public enum PostKind {
    POST, MILESTONE, SUMMARY
}
