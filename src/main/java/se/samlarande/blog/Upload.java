package se.samlarande.blog;

/** A file as it came in a form: the name the browser gave it and its bytes (its declared type is not trusted). */
public record Upload(String originalName, byte[] content) {
}
