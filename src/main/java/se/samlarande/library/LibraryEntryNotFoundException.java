package se.samlarande.library;

/** No entry that may be shown: none with this id, or a draft without consent, which nothing shows. */
public class LibraryEntryNotFoundException extends RuntimeException {

    public LibraryEntryNotFoundException(long id) {
        super("Library entry " + id + " not found");
    }
}
