package se.samlarande.blog;

/** An image to send back: its bytes, the content type recognised when it was stored, and a safe file name. */
public record BlogImage(String fileName, String contentType, byte[] content) {
}
