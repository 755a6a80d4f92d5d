package se.samlarande.blog;

/** Who opened a blog page: signed-in staff, a guest through their link, or anyone reading a public blog. */
public enum ViewerKind {
    STAFF, GUEST, PUBLIC
}
